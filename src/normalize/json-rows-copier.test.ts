import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNamingConvention } from '../schema/naming/index.js'
import { Schema } from '../schema/schema.js'
import type { TableSchema } from '../schema/schema-types.js'
import { formatJobFileName, parseJobFileName } from '../storage/job-file-name.js'
import { jsonRowsHeader } from '../storage/json-rows.js'
import { PackageStorage } from '../storage/package-storage.js'
import { decodeTypedJson, encodeTypedJson } from '../storage/typed-json.js'
import { normalizePackage } from './normalize-package.js'
import { normalizePackageInWorkers } from './parallel-normalize.js'

const LOAD_ID = '1700000000.000001'
const naming = createNamingConvention('snake_case')
let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dlt-ts-json-rows-copier-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

/** The loader lines of `lines` (JSON rows with `columns`, or the same items as object lines). */
interface Normalized {
  /** Loader lines in file order, parsed, without `_dlt_id`. */
  readonly rows: Record<string, unknown>[]
  /** The loader files' text. */
  readonly text: string
  readonly ids: string[]
  readonly schema: string
  readonly events: unknown
}

async function normalize(
  name: string,
  format: 'json-rows' | 'typed-jsonl',
  columns: readonly string[],
  lines: readonly string[],
  options: { workers?: number; hints?: Partial<TableSchema> | undefined } = {},
): Promise<Normalized> {
  const storage = new PackageStorage(join(root, name))
  storage.createPackage('extracted', LOAD_ID)
  const body =
    format === 'json-rows'
      ? [jsonRowsHeader(columns), ...lines]
      : lines.map((line) => {
          const value = decodeTypedJson(line)
          if (!Array.isArray(value)) return line
          return encodeTypedJson(Object.fromEntries(columns.map((c, i) => [c, value[i]])))
        })
  const file = join(storage.jobsPath('extracted', LOAD_ID), formatJobFileName('rows', format))
  writeFileSync(file, `${body.join('\n')}\n`)
  storage.createPackage('normalizing', LOAD_ID)
  const schema = new Schema('copier')
  if (options.hints) schema.updateTable({ name: 'rows', columns: {}, ...options.hints } as never)
  const config = { loadId: LOAD_ID, naming }
  const result =
    (options.workers ?? 1) <= 1
      ? normalizePackage(storage, schema, config)
      : await normalizePackageInWorkers(storage, schema, {
          ...config,
          workers: options.workers!,
          namingSpec: { name: 'snake_case' },
          taskBytes: 2048,
        })
  const folder = storage.jobsPath('normalizing', LOAD_ID)
  // the root table's files first, in the order they were written (their ids are random)
  const files = readdirSync(folder)
    .map((f) => ({ f, table: parseJobFileName(f).tableName }))
    .sort((a, b) =>
      a.table === b.table ? 0 : a.table === 'rows' ? -1 : a.table < b.table ? -1 : 1,
    )
  const text = files.map(({ f }) => readFileSync(join(folder, f), 'utf8')).join('')
  const ids: string[] = []
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const { _dlt_id, _dlt_parent_id, ...row } = JSON.parse(line) as Record<string, unknown>
      ids.push(_dlt_id as string)
      return row
    })
  return { rows, text, ids, schema: JSON.stringify(schema.toStored()), events: result.events }
}

/** Normalizes `lines` as JSON rows and as object lines; both must give the same rows and schema. */
async function bothWays(
  columns: readonly string[],
  lines: readonly string[],
  hints?: Partial<TableSchema>,
) {
  const copied = await normalize('copied', 'json-rows', columns, lines, { hints })
  const objects = await normalize('objects', 'typed-jsonl', columns, lines, { hints })
  expect(copied.rows).toEqual(objects.rows)
  expect(copied.schema).toBe(objects.schema)
  expect(copied.events).toEqual(objects.events)
  for (const id of copied.ids) expect(id).toMatch(/^[A-Za-z0-9+/]{14}$/)
  expect(new Set(copied.ids).size).toBe(copied.ids.length)
  return Object.assign(copied, { objectIds: objects.ids })
}

const COLUMNS = ['order_id', 'Customer Name', 'amount', 'created_at', 'paid', 'note']

describe('JSON rows copied into loader lines', () => {
  it('gives the rows, schema and events of the normalizer, numbers as extracted', async () => {
    const lines = [
      '[1,"Ann",10.50,"2024-01-02T10:00:01Z",true,"plain"]',
      '[2,"Bob",7,"2024-01-02T10:00:01.5+00:00",false,"said \\"hi\\"\\nthen left \\\\ ✓ Ünï"]',
      '[3,"Cy",-0.25,"2024-01-02T10:00:01",true,"\\u0001 control, \\t tab"]',
      '[4,"Di",1.5e3,"2024-01-02T10:00:01.000000+00:00",false,""]',
      '[5,"Ed",12.50,"2024-02-29T23:59:59.123456Z",true,"🎉 emoji"]',
    ]
    const copied = await bothWays(COLUMNS, lines)
    // the first row makes the columns; the copied lines keep the extracted numbers' text
    expect(copied.text).toContain('"amount":10.5,')
    expect(copied.text).toContain('"amount":1.5e3,')
    expect(copied.text).toContain('"amount":12.50,')
    expect(copied.rows[1]).toEqual({
      order_id: 2,
      customer_name: 'Bob',
      amount: 7,
      created_at: '2024-01-02T10:00:01.500000+00:00',
      paid: false,
      note: 'said "hi"\nthen left \\ ✓ Ünï',
      _dlt_load_id: LOAD_ID,
    })
    // the column order of the normalizer's lines: data, then _dlt_load_id, then _dlt_id
    expect(Object.keys(JSON.parse(copied.text.split('\n')[4]!))).toEqual([
      'order_id',
      'customer_name',
      'amount',
      'created_at',
      'paid',
      'note',
      '_dlt_load_id',
      '_dlt_id',
    ])
  })

  it('leaves to the normalizer what does not fit a column as it is', async () => {
    const lines = [
      '[1,"Ann",10.5,"2024-01-02T10:00:01Z",true,"a"]',
      // a text into the bigint column: a variant
      '["x1","Bob",1.5,"2024-01-02T10:00:01Z",true,"b"]',
      // a null, an object line, a timestamp with an offset, a date, epoch seconds
      '[3,null,2.5,"2024-01-02T12:00:01+02:00",false,"c"]',
      '{"order_id":4,"amount":1,"created_at":"2024-01-03"}',
      '[5,"Cy",2.5,1704189601,true,"d"]',
      // typed JSON: a Date and a bigint, a user string escaped for its prefix character
      `[6,"Di",2.5,${JSON.stringify('\uF0272024-01-02T10:00:01.000Z')},true,${JSON.stringify('\uF02F\uF027x')}]`,
      `[${JSON.stringify('\uF02C7')},"Ed",2.5,"2024-01-02T10:00:01Z",true,"e"]`,
      // -0, a long integer, an exponent of three digits, whitespace, a nested value
      '[-0,"Fy",1e-300,"2024-01-02T10:00:01Z",true,"f"]',
      '[1234567890123456789,"Gu",2.5,"2024-01-02T10:00:01Z",true,"g"]',
      '[9, "Hi",2.5,"2024-01-02T10:00:01Z",true,"h"]',
      '[10,"Io",2.5,"2024-01-02T10:00:01Z",true,{"x":[1]}]',
      '[11,"Jo",true,"2024-01-02T10:00:01Z",1,"j"]',
      '[12,"Ka",2.5,"2024-01-02T10:00:01Z",true,"k"]',
    ]
    const copied = await bothWays(COLUMNS, lines)
    expect(copied.rows.filter((row) => row['_dlt_load_id'])).toHaveLength(lines.length)
    expect(JSON.parse(copied.schema).tables.rows.columns).toHaveProperty('order_id__v_text')
  })

  it('leaves rows of a header without columns to the normalizer', async () => {
    const copied = await bothWays([], ['[]', '[]', '[]'])
    expect(copied.rows).toEqual([
      { _dlt_load_id: LOAD_ID },
      { _dlt_load_id: LOAD_ID },
      { _dlt_load_id: LOAD_ID },
    ])
  })

  it('copies no row of a table whose ids are hashes, or with NOT NULL columns the header lacks', async () => {
    const lines = [
      '[1,"Ann",10.50,"2024-01-02T10:00:01Z",true,"a"]',
      '[2,"Bob",11.50,"2024-01-02T10:00:01Z",false,"b"]',
    ]
    const upsert = await bothWays(COLUMNS, lines, {
      write_disposition: 'merge',
      'x-merge-strategy': 'upsert',
      columns: {
        order_id: { name: 'order_id', data_type: 'bigint', primary_key: true, nullable: false },
      },
    } as Partial<TableSchema>)
    expect(upsert.text).not.toContain('11.50')
    expect(upsert.ids).toEqual(upsert.objectIds) // hashes of the key
    // the first row (an object line) has the NOT NULL `region`, the array lines cannot: the
    // normalizer refuses them, so they must not be copied
    const withRegion =
      '{"order_id":0,"Customer Name":"Cy","amount":1.5,"created_at":"2024-01-02T10:00:01Z","paid":true,"note":"c","region":"eu"}'
    const required = await normalize('required', 'json-rows', COLUMNS, [withRegion, ...lines], {
      hints: { columns: { region: { name: 'region', data_type: 'text', nullable: false } } },
    }).catch((error: Error) => error)
    expect(String(required)).toMatch(/region/)
    const keyed = await bothWays(COLUMNS, lines, {
      columns: { order_id: { name: 'order_id', data_type: 'bigint', nullable: false } },
    })
    expect(keyed.text).toContain('11.50')
  })

  it('gives the normalizer’s rows for seeded random rows, on one thread and on two', async () => {
    let seed = 11
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    const pools: string[][] = [
      ['1', '22', '-3', '0', '123456789012345', '4.5', '"7"', 'null', '1e5', '-0.5'],
      ['"a"', '"b c"', '"\\"q\\""', '"ü✓"', '"\\\\"', '""', '"\\u00e9"', '5', 'true', 'null'],
      ['1.25', '2', '3.0', '-4.75', '0.1', '"x"', '1E2', '2.5e-3', 'null', 'false'],
      [
        '"2024-01-02T10:00:01Z"',
        '"2024-01-02T10:00:01.25Z"',
        '"2024-01-02T10:00:01"',
        '"2024-01-02T10:00:01+00:00"',
        '"2024-01-02T10:00:01+01:00"',
        '"2024-01-02"',
        '"not a time"',
        '17',
      ],
      ['true', 'false', 'true', 'false', '"true"', '1', 'null'],
      ['"n"', '"ñ 🎉"', '"\\n\\t"', '12', '"x,y"', '"]"', '"["'],
    ]
    const lines = Array.from({ length: 3000 }, (_, i) => {
      // mostly well-typed rows, some of anything
      const values = pools.map((pool, k) =>
        next(10) < 8 ? pool[k === 1 ? next(6) : next(3)]! : pool[next(pool.length)]!,
      )
      // the first row types the columns
      if (i === 0) return '[1,"a",1.25,"2024-01-02T10:00:01Z",true,"n"]'
      if (i % 97 === 0) return `{"order_id":${i}}`
      return `[${values.join(',')}]`
    })
    const copied = await bothWays(COLUMNS, lines)
    expect(copied.rows).toHaveLength(3000)
    // copied lines keep `3.0` as extracted (the normalizer writes 3)
    const copiedLines = copied.text.split('\n').filter((line) => line.includes('"amount":3.0,'))
    expect(copiedLines.length).toBeGreaterThan(100)
    const parallel = await normalize('parallel', 'json-rows', COLUMNS, lines, { workers: 2 })
    const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort()
    expect(sorted(parallel.rows)).toEqual(sorted(copied.rows))
    expect(parallel.schema).toBe(copied.schema)
  }, 30_000)
})
