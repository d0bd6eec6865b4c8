/**
 * @module The canonical dump (see `dump-dataset.ts`) of a dataset in MySQL/MariaDB, so that it
 * compares with the dlt 1.26 vectors recorded on DuckDB. Values are read as MySQL's text and, where
 * DuckDB's `CAST(… AS VARCHAR)` writes them differently, rewritten in DuckDB's form (`toDuckDbText`).
 * Column types are `information_schema.columns.data_type`, with `varchar` for `text` (DuckDB has
 * one text type) and `json` for MariaDB's `longtext` JSON alias.
 */
import mysql from 'mysql2/promise'
import { canonicalDump, type DatasetDump, type RawTable, type Row } from './dump-dataset.js'

const quote = (identifier: string) => `\`${identifier.replaceAll('`', '``')}\``

/** Trailing zeros of a fraction (and a bare point) removed: `56.500000` → `56.5`. */
const trimFraction = (text: string) => text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')

/** MySQL's text of a value of `type` as DuckDB's `CAST(… AS VARCHAR)` writes it. */
export function toDuckDbText(type: string, text: string | Buffer): string {
  if (Buffer.isBuffer(text)) {
    return [...text]
      .map((byte) =>
        byte >= 0x20 && byte <= 0x7e && byte !== 0x5c && byte !== 0x22 && byte !== 0x27
          ? String.fromCharCode(byte)
          : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join('')
  }
  switch (type) {
    case 'double': {
      const value = Number(text)
      if (Object.is(value, -0)) return '-0.0'
      return Number.isInteger(value) && Math.abs(value) < 1e16 ? value.toFixed(1) : text
    }
    case 'tinyint':
      return text === '0' ? 'false' : 'true'
    case 'datetime':
      return `${trimFraction(text)}+00`
    case 'time':
      return trimFraction(text)
    case 'json':
      return JSON.stringify(JSON.parse(text))
    default:
      return text
  }
}

/** Dumps `dataset` of the MySQL server at `url`. */
export async function dumpMysqlDataset(url: string, dataset: string): Promise<DatasetDump> {
  const connection = await mysql.createConnection({ uri: url, timezone: 'Z' })
  const all = async (sql: string, params: string[] = []) =>
    (
      await connection.query({
        sql,
        values: params,
        typeCast: (field) => field.string(),
      })
    )[0] as Record<string, string | Buffer | null>[]
  try {
    const tableNames = (
      await all(
        'select table_name as t from information_schema.tables where table_schema = ? order by 1',
        [dataset],
      )
    ).map((row) => String(row['t']))
    const tables: RawTable[] = []
    for (const table of tableNames) {
      const columns = (
        await all(
          'select column_name as c, data_type as t from information_schema.columns ' +
            'where table_schema = ? and table_name = ? order by ordinal_position',
          [dataset, table],
        )
      ).map((c) => {
        const type = String(c['t'])
        return [String(c['c']), type === 'text' ? 'varchar' : type === 'longtext' ? 'json' : type]
      }) as [string, string][]
      // binary columns as hex, everything else as MySQL's text
      const select = columns
        .map(([name, type]) => (type === 'blob' ? `HEX(${quote(name)})` : quote(name)))
        .map((expression, i) => `${expression} AS ${quote(columns[i]![0])}`)
        .join(', ')
      const raw = await all(`select ${select} from ${quote(dataset)}.${quote(table)}`)
      const rows: Row[] = raw.map((row) =>
        Object.fromEntries(
          columns.map(([name, type]) => {
            const value = row[name]
            if (value === null || value === undefined) return [name, null]
            const text = type === 'blob' ? Buffer.from(String(value), 'hex') : value
            return [name, toDuckDbText(type, text)]
          }),
        ),
      )
      tables.push({ name: table, columns, rows })
    }
    return canonicalDump(tables)
  } finally {
    await connection.end()
  }
}
