/**
 * @module The canonical dump of a dataset in a DuckDB file, in the format of the dlt 1.26
 * compatibility vectors (`test/fixtures/dlt-1.26/README.md`): values as DuckDB's own VARCHAR cast,
 * system tables as row counts, random ids dropped, child rows carrying their parents' content.
 * `canonicalDump` builds it from tables read as text by any destination (`dump-postgres.ts`).
 */
import { DuckDBInstance } from '@duckdb/node-api'

/** A row with every value as text. */
export type Row = Record<string, string | null>

/** The dump of one table. */
export interface TableDump {
  columns: [string, string][]
  rows: number | string[]
}

/** The dump of a dataset. */
export interface DatasetDump {
  tables: Record<string, TableDump>
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

/** Recursively sorts object keys, so JSON text is canonical. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])
    return Object.fromEntries(entries)
  }
  return value
}

/** One table as read from a destination: its columns and its rows, every value as text. */
export interface RawTable {
  readonly name: string
  readonly columns: readonly (readonly [string, string])[]
  readonly rows: readonly Row[]
}

/**
 * The canonical dump of `tables` (values already read as text): system tables as row counts, data
 * rows without random ids, each child row carrying its parents' content, rows sorted.
 */
export function canonicalDump(tables: readonly RawTable[]): DatasetDump {
  const out: DatasetDump = { tables: {} }
  const byId = new Map<string, Row>()
  for (const table of tables) {
    out.tables[table.name] = { columns: table.columns.map(([n, t]) => [n, t]), rows: 0 }
    for (const row of table.rows) if (row['_dlt_id']) byId.set(row['_dlt_id'], row)
  }
  const content = (row: Row) =>
    Object.fromEntries(
      Object.entries(row).filter(([key]) => !key.startsWith('_dlt_') || key === '_dlt_list_idx'),
    )
  const chain = (row: Row, depth = 0): unknown => {
    const parentId = row['_dlt_parent_id']
    if (!parentId || depth > 20) return null
    const parent = byId.get(parentId)
    return parent ? { row: content(parent), up: chain(parent, depth + 1) } : 'MISSING'
  }
  for (const { name, rows } of tables) {
    if (name.startsWith('_dlt_')) {
      out.tables[name]!.rows = rows.length
      continue
    }
    out.tables[name]!.rows = rows
      .map((row) => {
        const canonical: Record<string, unknown> = content(row)
        if ('_dlt_parent_id' in row) canonical['__parent'] = chain(row)
        if ('_dlt_root_id' in row) canonical['__has_root_id'] = row['_dlt_root_id'] !== null
        return JSON.stringify(sortKeys(canonical))
      })
      .sort()
  }
  return out
}

/** Dumps `dataset` of the DuckDB file at `dbPath` (opened read-only). */
export async function dumpDataset(dbPath: string, dataset: string): Promise<DatasetDump> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' })
  const connection = await instance.connect()
  const all = async (sql: string, params: string[] = []) =>
    (await connection.runAndReadAll(sql, params)).getRowObjects() as Row[]
  try {
    const tableNames = (
      await all(
        'select table_name from information_schema.tables where table_schema = $1 order by 1',
        [dataset],
      )
    ).map((row) => row['table_name']!)
    const tables: RawTable[] = []
    for (const table of tableNames) {
      const columns = await all(
        'select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position',
        [dataset, table],
      )
      const select = columns
        .map((c) => `CAST(${quote(c['column_name']!)} AS VARCHAR) AS ${quote(c['column_name']!)}`)
        .join(', ')
      tables.push({
        name: table,
        columns: columns.map((c) => [c['column_name']!, c['data_type']!] as const),
        rows: await all(`select ${select} from ${quote(dataset)}.${quote(table)}`),
      })
    }
    return canonicalDump(tables)
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}
