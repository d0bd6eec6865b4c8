import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JsonLines } from '../../../extract/json-lines.js'
import { isMarked } from '../../../extract/mark.js'
import type { FileItemDict } from '../file-item.js'
import { loadHyparquetPages } from './parquet-hyparquet-pages.js'
import { type Hyparquet, readParquetFile } from './read-parquet.js'

/** Every flat type DuckDB writes, with nulls, escapes and UTF-8, over several row groups. */
const FLAT = `SELECT
  i AS id,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3 END AS maybe,
  (i % 100)::INTEGER AS small,
  (i % 3 = 0) AS flag,
  CASE WHEN i % 5 = 0 THEN NULL ELSE i / 8 END AS ratio,
  (i / 4)::FLOAT AS single,
  (i * 1.25)::DECIMAL(10, 2) AS price,
  (i * 1.5)::DECIMAL(38, 4) AS wide,
  'name ' || (i % 13) AS dict,
  CASE WHEN i % 6 = 0 THEN NULL ELSE 'tag ' || (i % 4) END AS tag,
  CASE WHEN i % 6 = 1 THEN NULL ELSE TIMESTAMP '2024-01-01' + INTERVAL (i % 9) DAY END AS days,
  CASE WHEN i % 11 = 0 THEN NULL ELSE 'note, "quoted" \\ ' || i || chr(9) || 'Ünï ✓ 😀' END AS note,
  CASE WHEN i % 4 = 0 THEN '' WHEN i % 4 = 1 THEN chr(65279) || 'bom' ELSE 'plain ' || i END AS plain,
  DATE '2024-02-29' + (i % 400)::INTEGER AS day,
  TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS at,
  TIMESTAMPTZ '2024-01-01 00:00:00.123456+00' + INTERVAL (i) MICROSECOND AS precise,
  ('2024-01-01 00:00:00.5'::TIMESTAMP_MS) AS millis,
  ('2024-01-01 00:00:00.123456789'::TIMESTAMP_NS) AS nanos,
  CASE WHEN i % 2 = 0 THEN 9007199254740993 ELSE i END AS beyond,
  ('b' || (i % 256)::VARCHAR)::BLOB AS bytes
FROM range(2500) t(i)`

let dir: string
let hyparquet: Hyparquet

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parquet-flat-'))
  hyparquet = (await import('hyparquet')) as unknown as Hyparquet
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const write = (name: string, query: string, options: string) =>
    connection.run(`COPY (${query}) TO '${join(dir, name)}' (FORMAT parquet, ${options})`)
  await write('v1.parquet', FLAT, 'ROW_GROUP_SIZE 1000')
  await write('v2.parquet', FLAT, "ROW_GROUP_SIZE 1000, PARQUET_VERSION 'V2'")
  await write('plain.parquet', FLAT, "ROW_GROUP_SIZE 2048, COMPRESSION 'uncompressed'")
  await write('no-dictionary.parquet', FLAT, 'ROW_GROUP_SIZE 1000, DICTIONARY_SIZE_LIMIT 1')
  await write(
    'nested.parquet',
    'SELECT i AS id, [i, i + 1] AS list, {a: i} AS struct FROM range(1500) t(i)',
    'ROW_GROUP_SIZE 1000',
  )
  connection.closeSync()
  instance.closeSync()
  // hyparquet-writer: data page v2, several pages per column chunk, its own encodings, REQUIRED columns
  const { parquetWriteFile } = await import('hyparquet-writer')
  const n = 3000
  const rows = Array.from({ length: n }, (_, i) => i)
  await parquetWriteFile({
    filename: join(dir, 'hyparquet.parquet'),
    columnData: [
      { name: 'id', data: rows.map((i) => BigInt(i)), type: 'INT64', nullable: false },
      { name: 'r', data: rows.map((i) => `r${i % 5}`), type: 'STRING', nullable: false },
      { name: 'rs', data: rows.map((i) => `required ${i}`), type: 'STRING', nullable: false },
      { name: 'n', data: rows.map((i) => (i % 9 === 0 ? null : i * 0.5)), type: 'DOUBLE' },
      { name: 'k', data: rows.map((i) => (i % 4 === 0 ? null : `k${i % 7}`)), type: 'STRING' },
      { name: 's', data: rows.map((i) => `text ${i} "q" ${'x'.repeat(i % 50)}`), type: 'STRING' },
      { name: 'b', data: rows.map((i) => i % 3 === 0), type: 'BOOLEAN' },
      {
        name: 't',
        data: rows.map((i) => new Date(Date.UTC(2024, 0, 1, 0, 0, i))),
        type: 'TIMESTAMP',
      },
      { name: 'i', data: rows.map((i) => (i % 5 === 0 ? null : i - 1000)), type: 'INT32' },
    ],
    rowGroupSize: 1200,
    pageSize: 4096,
  })
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A local file as the filesystem resource hands it over. */
function fileItem(name: string): FileItemDict {
  const bytes = readFileSync(join(dir, name))
  return {
    file_url: `file://${join(dir, name)}`,
    size_in_bytes: bytes.byteLength,
    readRange: async (start: number, end: number) => bytes.subarray(start, end),
  } as unknown as FileItemDict
}

/**
 * What the reader yields, as text: JSON lines as the rows they hold, object pages as
 * JSON.stringify writes them. `flat`: decoding flat columns itself, else all through hyparquet's `parquetRead`.
 */
async function read(name: string, flat: boolean, columns?: string[]): Promise<string[]> {
  const pages = flat ? await loadHyparquetPages() : undefined
  if (flat) expect(pages).toBeDefined()
  const out: string[] = []
  for await (const page of readParquetFile(hyparquet, pages, fileItem(name), 300, columns)) {
    if (page instanceof JsonLines) {
      // rows as their objects (array lines name their keys in the page's columns)
      out.push(
        `lines\n${page
          .parse()
          .map((row) => JSON.stringify(row))
          .join('\n')}\n`,
      )
    } else {
      const rows = isMarked(page) ? (page.item as unknown[]) : (page as unknown[])
      const hinted = isMarked(page) ? JSON.stringify(page.hints) : ''
      out.push(`objects ${hinted}\n${rows.map((row) => stringify(row)).join('\n')}`)
    }
  }
  return out
}

function stringify(row: unknown): string {
  return JSON.stringify(row, (_, value) =>
    typeof value === 'bigint'
      ? `bigint ${value}`
      : value instanceof Uint8Array
        ? `bytes ${Buffer.from(value).toString('hex')}`
        : value,
  )
}

/** The columns whose values are all plain JSON (no bytes, no integers beyond 2^53). */
const PLAIN = ['id', 'maybe', 'small', 'flag', 'ratio', 'single', 'price', 'wide', 'dict', 'note']
const PLAIN_TOO = ['plain', 'day', 'at', 'precise', 'millis', 'nanos', 'tag', 'days']

describe('readParquetFile with flat columns decoded page by page', () => {
  const files = ['v1.parquet', 'v2.parquet', 'plain.parquet', 'no-dictionary.parquet']
  it.each(files)('%s: yields what hyparquet’s parquetRead gives, page for page', async (name) => {
    const expected = await read(name, false)
    expect(expected.length).toBe(9)
    expect(await read(name, true)).toEqual(expected)
  })

  it.each(files)('%s: the same JSON lines for the columns of plain values', async (name) => {
    const expected = await read(name, false, [...PLAIN, ...PLAIN_TOO])
    const flat = await read(name, true, [...PLAIN, ...PLAIN_TOO])
    expect(flat).toEqual(expected)
    expect(flat.filter((page) => page.startsWith('lines')).length).toBe(8)
  })

  it('yields what parquetRead gives for a file hyparquet-writer wrote', async () => {
    const expected = await read('hyparquet.parquet', false)
    expect(expected.filter((page) => page.startsWith('lines')).length).toBe(9)
    expect(await read('hyparquet.parquet', true)).toEqual(expected)
  })

  it('falls back to parquetRead for a file with nested columns', async () => {
    const expected = await read('nested.parquet', false)
    expect(expected.length).toBe(5)
    expect(await read('nested.parquet', true)).toEqual(expected)
  })

  it('writes escapes, UTF-8, nulls and canonical timestamps in the lines', async () => {
    const columns = ['note', 'id', 'precise', 'dict', 'ratio']
    const flat = await read('v1.parquet', true, columns)
    expect(flat).toEqual(await read('v1.parquet', false, columns))
    expect(flat[1]?.split('\n').slice(1, 3)).toEqual([
      '{"id":300,"ratio":null,"dict":"name 1","note":"note, \\"quoted\\" \\\\ 300\\tÜnï ✓ 😀","precise":"2024-01-01T00:00:00.123756+00:00"}',
      '{"id":301,"ratio":37.625,"dict":"name 2","note":"note, \\"quoted\\" \\\\ 301\\tÜnï ✓ 😀","precise":"2024-01-01T00:00:00.123757+00:00"}',
    ])
  })
})
