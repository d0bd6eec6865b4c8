/**
 * @module A stored schema's tables as TypeScript interfaces (`dlt-ts schema … --format ts`): one
 * interface per data table with its columns typed as `pipeline.dataset()` reads them, and a
 * `Tables` interface mapping table names to them, for `pipeline.dataset<Tables>()`.
 *
 * | dlt type | read as |
 * | --- | --- |
 * | `bigint` | `number \| string` (a number while exact, a string beyond 2^53 - 1) |
 * | `double` | `number` |
 * | `bool` | `boolean` |
 * | `text`, `time`, `decimal`, `wei` | `string` |
 * | `timestamp`, `date` | `Date` |
 * | `binary` | `Uint8Array` |
 * | `json` | `unknown` |
 *
 * A nullable column (dlt's default) adds `| null`. dlt's own `_dlt_*` tables are left out.
 */
import type { DataType } from './data-types.js'
import type { StoredSchema } from './schema-types.js'

const READ_TYPES: Readonly<Record<DataType, string>> = {
  bigint: 'number | string',
  double: 'number',
  bool: 'boolean',
  text: 'string',
  time: 'string',
  decimal: 'string',
  wei: 'string',
  timestamp: 'Date',
  date: 'Date',
  binary: 'Uint8Array',
  json: 'unknown',
}

/** The interfaces of `schema`'s data tables, as a TypeScript module. */
export function schemaToTypeScript(schema: StoredSchema): string {
  const lines = [
    `// Row types of schema "${schema.name}" (version ${schema.version}), written by dlt-ts.`,
    '// Use them with pipeline.dataset<Tables>().table(...).',
  ]
  const names = new Map<string, string>()
  const used = new Set<string>(['Tables'])
  for (const table of Object.values(schema.tables)) {
    if (table.name.startsWith('_dlt_')) continue
    let name = interfaceName(table.name)
    for (let n = 2; used.has(name); n++) name = `${interfaceName(table.name)}${n}`
    used.add(name)
    names.set(table.name, name)
    lines.push(
      '',
      `/** Table \`${table.name}\`${table.parent ? ` (nested in \`${table.parent}\`)` : ''}. */`,
    )
    lines.push(`export interface ${name} {`)
    for (const column of Object.values(table.columns)) {
      const type = column.data_type ? READ_TYPES[column.data_type] : 'unknown'
      const nullable = column.nullable !== false && type !== 'unknown'
      lines.push(`  ${propertyName(column.name)}: ${type}${nullable ? ' | null' : ''}`)
    }
    lines.push('}')
  }
  lines.push('', '/** The tables by name. */', 'export interface Tables {')
  for (const [table, name] of names) lines.push(`  ${propertyName(table)}: ${name}`)
  lines.push('}')
  return `${lines.join('\n')}\n`
}

/** `issues__labels` → `IssuesLabels`; a name starting with a digit gets a `T`. */
function interfaceName(table: string): string {
  const name = table
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')
  return /^[A-Za-z]/.test(name) ? name : `T${name}`
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name)
}
