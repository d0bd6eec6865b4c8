import { describe, expect, it } from 'vitest'
import { isTerminalError } from '../errors/dlt-error.js'
import { TableHintsError } from './column-hint-rules.js'
import type { TableHints } from './hints.js'
import { tableSchemaFromHints } from './hints.js'
import { createNamingConvention } from './naming/index.js'

const naming = createNamingConvention('snake_case')
const table = (hints: TableHints) => tableSchemaFromHints('events', hints, naming)

describe('tableSchemaFromHints', () => {
  it('translates column hints to dlt keys, normalizing names, in the order given', () => {
    const t = table({
      columns: {
        CreatedAt: { dataType: 'timestamp', nullable: false, timezone: false },
        price: { dataType: 'decimal', precision: 10, scale: 2 },
        version: { dedupSort: 'desc' },
        deleted: { hardDelete: true, dataType: 'bool' },
      },
    })
    expect(Object.keys(t.columns)).toEqual(['created_at', 'price', 'version', 'deleted'])
    expect(t.columns['created_at']).toEqual({
      name: 'created_at',
      data_type: 'timestamp',
      nullable: false,
      timezone: false,
    })
    expect(t.columns['price']).toEqual({
      name: 'price',
      data_type: 'decimal',
      precision: 10,
      scale: 2,
    })
    expect(t.columns['version']).toEqual({ name: 'version', dedup_sort: 'desc' })
    expect(t.columns['deleted']).toEqual({ name: 'deleted', hard_delete: true, data_type: 'bool' })
  })

  it('adds key columns after the named ones, NOT NULL when new (as dlt)', () => {
    const t = table({
      columns: { id: { dataType: 'bigint' } },
      primaryKey: ['id', 'Region'],
      mergeKey: 'day',
    })
    expect(t.columns).toEqual({
      id: { name: 'id', data_type: 'bigint', primary_key: true },
      region: { name: 'region', nullable: false, primary_key: true },
      day: { name: 'day', nullable: false, merge_key: true },
    })
  })

  const dispositions: [TableHints['writeDisposition'], string | undefined, string | undefined][] = [
    [undefined, undefined, undefined],
    ['replace', 'replace', undefined],
    ['merge', 'merge', undefined],
    [{ disposition: 'merge', strategy: 'scd2' }, 'merge', 'scd2'],
    [{ disposition: 'append' }, 'append', undefined],
  ]
  it.each(dispositions)('write disposition %j', (hint, disposition, strategy) => {
    const t = table(hint === undefined ? {} : { writeDisposition: hint })
    expect(t.write_disposition).toBe(disposition)
    expect(t['x-merge-strategy']).toBe(strategy)
  })

  it('gives scd2 tables the validity columns and the row version on _dlt_id', () => {
    const t = table({ writeDisposition: { disposition: 'merge', strategy: 'scd2' } })
    expect(t.columns['_dlt_valid_from']).toMatchObject({
      data_type: 'timestamp',
      'x-valid-from': true,
    })
    expect(t.columns['_dlt_valid_to']).toMatchObject({ data_type: 'timestamp', 'x-valid-to': true })
    expect(t.columns['_dlt_id']).toMatchObject({ nullable: false, 'x-row-version': true })
  })

  it('stores nesting, contract and file format hints', () => {
    const t = table({
      maxTableNesting: 0,
      schemaContract: { columns: 'freeze' },
      loaderFileFormat: 'jsonl',
    })
    expect(t['x-normalizer']).toEqual({ max_nesting: 0 })
    expect(t.schema_contract).toEqual({ columns: 'freeze' })
    expect(t.file_format).toBe('jsonl')
  })

  const bad: [string, TableHints, RegExp][] = [
    ['unknown disposition', { writeDisposition: 'upsert' as never }, /`writeDisposition`/],
    [
      'unknown strategy',
      { writeDisposition: { disposition: 'merge', strategy: 'x' as never } },
      /strategy/,
    ],
    [
      'upsert without key',
      { writeDisposition: { disposition: 'merge', strategy: 'upsert' } },
      /`primaryKey`/,
    ],
    [
      'unknown data type',
      { columns: { a: { dataType: 'int' as never } } },
      /Column "a".*`dataType`/,
    ],
    ['bad contract mode', { schemaContract: 'strict' as never }, /`schemaContract`/],
    [
      'bad contract entity',
      { schemaContract: { rows: 'freeze' } as never },
      /unknown entity "rows"/,
    ],
    ['negative nesting', { maxTableNesting: -1 }, /`maxTableNesting`/],
    ['empty key', { primaryKey: '' }, /`primaryKey`/],
  ]
  it.each(bad)('refuses %s, naming the option', (_name, hints, message) => {
    expect(() => table(hints)).toThrow(message)
  })
})

describe('hints that only one column of a table may carry (dlt: SchemaCorruptedException)', () => {
  const cases = [
    ['dedupSort', { Version: { dedupSort: 'desc' }, updated: { dedupSort: 'asc' } }, 'dedup_sort'],
    ['hardDelete', { deleted: { hardDelete: true }, gone: { hardDelete: true } }, 'hard_delete'],
  ] as const
  it.each(cases)(
    'refuses two %s columns, naming the table and the columns',
    (hint, columns, key) => {
      let error: unknown
      try {
        table({ writeDisposition: 'merge', primaryKey: 'id', columns })
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(TableHintsError)
      expect(isTerminalError(error)).toBe(true)
      const { table: name, hint: found, columns: names, message } = error as TableHintsError
      expect([name, found, names]).toEqual([
        'events',
        key,
        Object.keys(columns).map((c) => c.toLowerCase()),
      ])
      expect(message).toContain('Table "events"')
      expect(message).toContain(hint)
      for (const column of names) expect(message).toContain(`"${column}"`)
      expect(message).toMatch(/only one column/)
    },
  )

  it('accepts one dedupSort and one hardDelete column, in any disposition', () => {
    for (const writeDisposition of ['append', 'merge'] as const) {
      expect(() =>
        table({
          writeDisposition,
          columns: { v: { dedupSort: 'desc' }, d: { hardDelete: true }, e: { hardDelete: false } },
        }),
      ).not.toThrow()
    }
  })
})
