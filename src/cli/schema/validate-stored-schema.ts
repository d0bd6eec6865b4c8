/**
 * @module Checks that a value is a dlt stored schema (engine version 11) as dlt-ts and dlt read
 * it: the fields and types dlt's `validate_stored_schema` requires, tables and columns named
 * like their keys, known data types and write dispositions, and parents that exist.
 */
import type { StoredSchema } from '../../index.js'
import * as dlt from '../../index.js'

const ENGINE_VERSION = 11
const DATA_TYPES: ReadonlySet<string> = new Set(dlt.DATA_TYPES)
const WRITE_DISPOSITIONS: ReadonlySet<string> = new Set(dlt.WRITE_DISPOSITIONS)

/** The problems of `value` as a stored schema; none means it is valid. */
export function storedSchemaProblems(value: unknown): string[] {
  if (!isObject(value)) return ['it is not an object']
  const problems: string[] = []
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem)
  }
  expect(
    typeof value['name'] === 'string' && value['name'] !== '',
    '`name` must be a non-empty string',
  )
  expect(Number.isInteger(value['version']), '`version` must be an integer')
  expect(typeof value['version_hash'] === 'string', '`version_hash` must be a string')
  expect(
    value['engine_version'] === ENGINE_VERSION,
    `\`engine_version\` is ${JSON.stringify(value['engine_version'])}; dlt-ts reads schemas of engine version ${ENGINE_VERSION} (upgrade older ones with dlt 1.x)`,
  )
  const tables = value['tables']
  if (!isObject(tables)) return [...problems, '`tables` must be an object of tables by name']
  for (const [key, table] of Object.entries(tables))
    problems.push(...tableProblems(key, table, tables))
  return problems
}

/**
 * `value` as a `StoredSchema`, or the problems that keep it from being one. Names left out of
 * tables and columns (dlt's exports drop them: the key is the name) are filled in, as dlt does
 * when it loads a schema.
 */
export function validateStoredSchema(
  value: unknown,
): { schema: StoredSchema; problems: [] } | { schema: undefined; problems: string[] } {
  const problems = storedSchemaProblems(value)
  if (problems.length) return { schema: undefined, problems }
  const schema = structuredClone(value) as StoredSchema
  for (const [name, table] of Object.entries(schema.tables)) {
    for (const [columnName, column] of Object.entries(table.columns)) {
      // the name first, as dlt writes it (the spread keeps a given name: validated equal)
      table.columns[columnName] = { ...{ name: columnName }, ...column }
    }
    schema.tables[name] = { ...{ name }, ...table }
  }
  return { schema, problems: [] }
}

function tableProblems(key: string, table: unknown, tables: Record<string, unknown>): string[] {
  const where = `table "${key}"`
  if (!isObject(table)) return [`${where} is not an object`]
  const problems: string[] = []
  if (table['name'] !== undefined && table['name'] !== key) {
    problems.push(`${where} has \`name\` ${JSON.stringify(table['name'])}`)
  }
  const disposition = table['write_disposition']
  if (disposition !== undefined && !WRITE_DISPOSITIONS.has(String(disposition))) {
    problems.push(`${where} has an unknown write_disposition ${JSON.stringify(disposition)}`)
  }
  const parent = table['parent']
  if (parent !== undefined && !(typeof parent === 'string' && parent in tables)) {
    problems.push(
      `${where} has parent ${JSON.stringify(parent)}, which is not a table of the schema`,
    )
  }
  const columns = table['columns']
  if (!isObject(columns)) return [...problems, `${where} has no \`columns\` object`]
  for (const [name, column] of Object.entries(columns)) {
    if (!isObject(column)) {
      problems.push(`column "${name}" of ${where} is not an object`)
      continue
    }
    if (column['name'] !== undefined && column['name'] !== name) {
      problems.push(`column "${name}" of ${where} has \`name\` ${JSON.stringify(column['name'])}`)
    }
    const type = column['data_type']
    if (type !== undefined && !DATA_TYPES.has(String(type))) {
      problems.push(
        `column "${name}" of ${where} has an unknown data_type ${JSON.stringify(type)} (known: ${[...DATA_TYPES].join(', ')})`,
      )
    }
  }
  return problems
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
