/**
 * @module The canonical dump (see `dump-dataset.ts`) of a dataset in PostgreSQL, so that a
 * PostgreSQL dataset compares with the dlt 1.26 vectors recorded on DuckDB. Values are read as
 * PostgreSQL text (`::text`) and, for the three types whose text differs, rewritten in DuckDB's
 * `CAST(… AS VARCHAR)` form:
 * - `double precision`: an integral value below 1e16 gets DuckDB's `.0` (`85` → `85.0`);
 * - `bytea`: `\x000141` → `\x00\x01A` (printable ASCII as is, but `\ " '`; other bytes `\xHH`);
 * - `jsonb`: compact JSON (PostgreSQL writes `{"a": 1}`; it also orders keys by length, so only
 *   documents whose keys are already in that order compare equal).
 * Column types are PostgreSQL's `information_schema` names (`character varying`, `bigint`, …).
 */
import pg from 'pg'
import { canonicalDump, type DatasetDump, type RawTable, type Row } from './dump-dataset.js'

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

const TO_DUCKDB_TEXT: Readonly<Record<string, (text: string) => string>> = {
  'double precision': (text) => {
    const value = Number(text)
    if (Object.is(value, -0)) return '-0.0'
    return Number.isInteger(value) && Math.abs(value) < 1e16 ? value.toFixed(1) : text
  },
  bytea: (text) =>
    [...Buffer.from(text.slice(2), 'hex')]
      .map((byte) =>
        byte >= 0x20 && byte <= 0x7e && byte !== 0x5c && byte !== 0x22 && byte !== 0x27
          ? String.fromCharCode(byte)
          : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join(''),
  jsonb: (text) => JSON.stringify(JSON.parse(text)),
  json: (text) => JSON.stringify(JSON.parse(text)),
}

/** Dumps `dataset` of the PostgreSQL database at `connectionString`. */
export async function dumpPostgresDataset(
  connectionString: string,
  dataset: string,
): Promise<DatasetDump> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  const all = async (sql: string, params: string[] = []) =>
    (await client.query<Row>(sql, params)).rows
  try {
    const tableNames = (
      await all(
        'select table_name from information_schema.tables where table_schema = $1 order by 1',
        [dataset],
      )
    ).map((row) => row['table_name']!)
    const tables: RawTable[] = []
    for (const table of tableNames) {
      const columns = (
        await all(
          'select column_name, data_type from information_schema.columns ' +
            'where table_schema = $1 and table_name = $2 order by ordinal_position',
          [dataset, table],
        )
      ).map((c) => [c['column_name']!, c['data_type']!] as const)
      const select = columns.map(([name]) => `${quote(name)}::text AS ${quote(name)}`).join(', ')
      const rows = await all(`select ${select} from ${quote(dataset)}.${quote(table)}`)
      for (const row of rows) {
        for (const [name, type] of columns) {
          const convert = TO_DUCKDB_TEXT[type]
          const text = row[name]
          if (convert && text !== null && text !== undefined) row[name] = convert(text)
        }
      }
      tables.push({ name: table, columns, rows })
    }
    return canonicalDump(tables)
  } finally {
    await client.end()
  }
}
