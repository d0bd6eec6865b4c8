/**
 * @module The canonical dump (see `dump-dataset.ts`) of a dataset in SQLite (its own database
 * file), so that it compares with the dlt 1.26 vectors recorded on DuckDB. Values are read as
 * SQLite stores them and written in DuckDB's `CAST(… AS VARCHAR)` form; `NUMERIC` values, which
 * SQLite keeps as REAL (15 significant digits, as for dlt), are written with those digits. Column
 * types are the declared types, lower case without their size, with `varchar` for `text` (DuckDB
 * has one text type).
 */
import Database from 'better-sqlite3'
import { canonicalDump, type DatasetDump, type RawTable, type Row } from './dump-dataset.js'

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`
const trimFraction = (text: string) => text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')

/** `value` (a REAL) with 15 significant digits, as plain decimal text. */
function plainDecimal(value: number): string {
  const [mantissa = '0', exponent = '0'] = value.toPrecision(15).split('e')
  const negative = mantissa.startsWith('-')
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.')
  const shift = Number(exponent)
  const digits = whole + fraction
  const point = whole.length + shift
  const text =
    point >= digits.length
      ? digits + '0'.repeat(point - digits.length)
      : point <= 0
        ? `0.${'0'.repeat(-point)}${digits}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`
  return (negative ? '-' : '') + trimFraction(text)
}

/** A stored value of a column of `type` as DuckDB's text. */
function toDuckDbText(type: string, value: unknown): string {
  if (Buffer.isBuffer(value)) {
    return [...value]
      .map((byte) =>
        byte >= 0x20 && byte <= 0x7e && byte !== 0x5c && byte !== 0x22 && byte !== 0x27
          ? String.fromCharCode(byte)
          : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join('')
  }
  switch (type) {
    case 'double':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e16
        ? value.toFixed(1)
        : String(value)
    case 'boolean':
      return Number(value) === 0 ? 'false' : 'true'
    case 'datetime':
      return `${trimFraction(String(value))}+00`
    case 'time':
      return trimFraction(String(value))
    case 'json':
      return JSON.stringify(JSON.parse(String(value)))
    case 'numeric':
      return typeof value === 'number' ? plainDecimal(value) : String(value)
    default:
      return String(value)
  }
}

/** Dumps the dataset stored in the SQLite file `file`. */
export function dumpSqliteDataset(file: string): DatasetDump {
  const database = new Database(file, { readonly: true })
  try {
    const tableNames = (
      database
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((row) => row.name)
    const tables: RawTable[] = []
    for (const table of tableNames) {
      const columns = (
        database.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as {
          name: string
          type: string
        }[]
      ).map(({ name, type }) => {
        const base = type.toLowerCase().replace(/\(.*$/, '')
        return [name, base === 'text' ? 'varchar' : base] as [string, string]
      })
      const raw = database
        .prepare(`SELECT * FROM ${quote(table)}`)
        .safeIntegers(true)
        .all() as Record<string, unknown>[]
      const rows: Row[] = raw.map((row) =>
        Object.fromEntries(
          columns.map(([name, type]) => {
            const value = row[name]
            return [name, value === null || value === undefined ? null : toDuckDbText(type, value)]
          }),
        ),
      )
      tables.push({ name: table, columns, rows })
    }
    return canonicalDump(tables)
  } finally {
    database.close()
  }
}
