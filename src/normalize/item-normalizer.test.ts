import { beforeAll, describe, expect, it } from 'vitest'
import { InvalidItemError } from '../extract/validate-item.js'
import { NullValueError } from '../schema/coerce-row.js'
import { DirectNaming } from '../schema/naming/direct.js'
import type { NamingConvention } from '../schema/naming/naming-convention.js'
import { Schema } from '../schema/schema.js'
import { SchemaContractError } from '../schema/schema-contract.js'
import type { SchemaContract, TableSchema } from '../schema/schema-types.js'
import { encodeRow } from '../storage/writers/encode-row.js'
import type { EmittedRow } from './emitted-row.js'
import { ItemNormalizer, type ItemNormalizerConfig } from './item-normalizer.js'

/** A key that plain assignment would turn into the prototype. */
const PROTO = '__proto__'

/** dlt's snake_case, reduced to what these tests need, until `schema/naming` lands. */
function standInSnakeCase(): NamingConvention {
  const identifier = (raw: string): string => {
    let s = raw
      .trim()
      .replace(/[+\-*@|]/g, (c) => ({ '+': 'x', '-': '_', '*': 'x', '@': 'a', '|': 'l' })[c]!)
    s = s.replace(/[^a-zA-Z\d_]+/g, '_')
    s = s
      .replace(/([^_])([A-Z][a-z]+)/g, '$1_$2')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
    if (/^\d/.test(s)) s = `_${s}`
    const stripped = s.replace(/_+$/, '')
    return (stripped + 'x'.repeat(s.length - stripped.length)).replace(/__+/g, '_')
  }
  const join = (...fragments: string[]) => fragments.join('__')
  const breakPath = (path: string) => path.split('__').filter((p) => p.trim())
  return {
    name: 'snake_case',
    maxLength: undefined,
    normalizeIdentifier: identifier,
    normalizePath: (path) => join(...breakPath(path).map(identifier)),
    makePath: join,
    breakPath,
    shortenFragments: join,
  }
}

let naming: NamingConvention
beforeAll(async () => {
  const modulePath = '../schema/naming/index.js'
  try {
    const mod = (await import(/* @vite-ignore */ modulePath)) as {
      createNamingConvention?: (name: string) => NamingConvention
    }
    naming = mod.createNamingConvention?.('snake_case') ?? standInSnakeCase()
  } catch {
    // The naming module is not written yet: use the stand-in.
    naming = standInSnakeCase()
  }
})

type Rows = [string, Record<string, unknown>][]

/** The line `encodeInto` writes, as text (it must be `toJsonLine()`'s UTF-8). */
function encodedLine(row: EmittedRow): string {
  const buffer = Buffer.alloc(1 << 16)
  const end = row.encodeInto(buffer, 0, buffer.length)
  return buffer.toString('utf8', 0, end)
}

function setup(tables: TableSchema[] = [], config: Partial<ItemNormalizerConfig> = {}) {
  const schema = new Schema('test')
  for (const table of tables) schema.tables[table.name] = table
  const normalizer = new ItemNormalizer(schema, { loadId: '1700000000.1', naming, ...config })
  const run = (items: unknown[], table = 'items'): Rows => {
    const rows: Rows = []
    for (const item of items) {
      normalizer.normalize(item, table, (t, row) => {
        const object = row.toObject()
        // the line built from the arrays is the line of the object
        expect(row.toJsonLine()).toBe(encodeRow(object))
        expect(encodedLine(row)).toBe(row.toJsonLine())
        rows.push([t, object])
      })
    }
    return rows
  }
  const columns = (table: string) => Object.keys(schema.tables[table]?.columns ?? {})
  return { schema, normalizer, run, columns }
}

const strip = (rows: Rows) =>
  rows.map(([t, row]) => [
    t,
    Object.fromEntries(
      Object.entries(row).filter(
        ([k]) => k !== '_dlt_id' && k !== '_dlt_parent_id' && k !== '_dlt_root_id',
      ),
    ),
  ])

describe('flattening and column order', () => {
  it('puts a level’s values first, then its dicts, the last one first (dlt’s stack order)', () => {
    const { run, columns } = setup()
    run([{ b: 1, a: { x: 1 }, c: 'x', d: { y: { z: 2 }, v: 1 }, e: { w: 3 }, n: null }])
    expect(columns('items')).toEqual([
      'b',
      'c',
      'e__w',
      'd__v',
      'd__y__z',
      'a__x',
      '_dlt_load_id',
      '_dlt_id',
    ])
  })

  it('appends columns first seen in later rows', () => {
    const { run, columns } = setup()
    run([{ a: 1 }, { b: 2, a: 3 }])
    expect(columns('items')).toEqual(['a', '_dlt_load_id', '_dlt_id', 'b'])
  })

  it('makes no column and no row for null, undefined, empty dicts and empty lists', () => {
    const { run, columns, schema } = setup()
    const rows = run([{ a: 1, n: null, u: undefined, d: {}, l: [] }])
    expect(rows).toHaveLength(1)
    expect(columns('items')).toEqual(['a', '_dlt_load_id', '_dlt_id'])
    expect(schema.tables['items__l']).toBeUndefined()
  })

  it('makes columns of keys named after Object.prototype members', () => {
    const { run, columns, schema } = setup()
    const item = JSON.parse(
      '{"constructor": 1, "toString": "s", "hasOwnProperty": true, "__proto__": {"valueOf": 2}}',
    )
    const rows = run([item, item], 'constructor')
    expect(columns('constructor')).toEqual([
      'constructor',
      'to_string',
      'has_own_property',
      'proto__value_of',
      '_dlt_load_id',
      '_dlt_id',
    ])
    expect(schema.tables['constructor']!.columns['constructor']!.data_type).toBe('bigint')
    expect(strip(rows)[1]).toEqual([
      'constructor',
      {
        constructor: 1,
        to_string: 's',
        has_own_property: true,
        proto__value_of: 2,
        _dlt_load_id: '1700000000.1',
      },
    ])
  })

  it('keeps `__proto__` as a column name under the direct naming convention', () => {
    const { run, columns } = setup([], { naming: new DirectNaming() })
    const rows = run([JSON.parse('{"__proto__": 1, "constructor": {"__proto__": "x"}}')])
    expect(columns('items')).toEqual([
      '__proto__',
      'constructor▶__proto__',
      '_dlt_load_id',
      '_dlt_id',
    ])
    expect(Object.hasOwn(rows[0]![1], '__proto__')).toBe(true)
    expect(rows[0]![1][PROTO]).toBe(1)
    expect(rows[0]![1]['constructor▶__proto__']).toBe('x')
  })

  it('normalizes keys and maps empty keys to `_empty`', () => {
    const { run, columns } = setup()
    run([{ CreatedAt: 1, '+1': 2, '': 3, ' ': 4 }])
    expect(columns('items')).toEqual(['created_at', 'x1', '_empty', '_dlt_load_id', '_dlt_id'])
  })

  it('keeps the last value when keys collide, reporting once per table', () => {
    const { run, normalizer } = setup()
    const rows = run([
      { a__b: 1, A: 'x', a: { b: 2 } },
      { a__b: 3, a: { b: 4 } },
    ])
    expect(rows.map(([, r]) => r['a__b'])).toEqual([2, 4])
    expect(normalizer.events.collisions).toEqual([{ table: 'items', column: 'a__b' }])
  })

  it('wraps items that are not objects into `value`', () => {
    const { run } = setup()
    expect(strip(run(['x', 5]))).toEqual([
      ['items', { value: 'x', _dlt_load_id: '1700000000.1' }],
      ['items', { value: '5', _dlt_load_id: '1700000000.1' }], // coerced into the text column
    ])
  })
})

describe('nested tables', () => {
  it('links nested rows with deterministic ids, parents first', () => {
    const { run, columns } = setup()
    const rows = run(
      [{ _dlt_id: 'ChdscE+Jz7DBMg', labels: [{ name: 'bug', tags: ['a'] }] }],
      'orders',
    )
    expect(rows.map(([t]) => t)).toEqual(['orders', 'orders__labels', 'orders__labels__tags'])
    // the id dlt computes for the first row of `orders__lines` under this parent (shake128)
    expect(
      run([{ _dlt_id: 'ChdscE+Jz7DBMg', lines: [{ sku: 'a' }] }], 'orders')[1]![1]['_dlt_id'],
    ).toBe('7ZdVyjXbIe/o/A')
    const [, label] = rows[1]!
    expect(label).toMatchObject({ name: 'bug', _dlt_parent_id: 'ChdscE+Jz7DBMg', _dlt_list_idx: 0 })
    expect(rows[2]![1]).toMatchObject({
      value: 'a',
      _dlt_parent_id: label['_dlt_id'],
      _dlt_list_idx: 0,
    })
    expect(columns('orders__labels')).toEqual([
      'name',
      '_dlt_parent_id',
      '_dlt_list_idx',
      '_dlt_id',
    ])
  })

  it('gives root rows random 14-character ids', () => {
    const { run } = setup()
    const ids = run([{ a: 1 }, { a: 2 }]).map(([, row]) => row['_dlt_id'] as string)
    expect(ids[0]).toMatch(/^[A-Za-z0-9+/]{14}$/)
    expect(ids[0]).not.toBe(ids[1])
  })

  it('turns lists of lists into `list` tables', () => {
    const { run, columns } = setup()
    const rows = run([{ grid: [[1, 2], [3]] }])
    expect(rows.map(([t]) => t)).toEqual([
      'items',
      'items__grid',
      'items__grid__list',
      'items__grid__list',
      'items__grid',
      'items__grid__list',
    ])
    expect(columns('items__grid')).toEqual(['_dlt_parent_id', '_dlt_list_idx', '_dlt_id'])
    expect(columns('items__grid__list')).toEqual([
      'value',
      '_dlt_parent_id',
      '_dlt_list_idx',
      '_dlt_id',
    ])
  })

  it('propagates _dlt_root_id to all nested rows of merge tables', () => {
    const root: TableSchema = {
      name: 'orders',
      columns: {},
      write_disposition: 'merge',
      resource: 'orders',
    }
    const { run, columns } = setup([root])
    const rows = run([{ id: 1, lines: [{ tags: ['x'] }] }], 'orders')
    const rootId = rows[0]![1]['_dlt_id']
    expect(rows.slice(1).map(([, r]) => r['_dlt_root_id'])).toEqual([rootId, rootId])
    expect(columns('orders__lines__tags')).toEqual([
      'value',
      '_dlt_root_id',
      '_dlt_parent_id',
      '_dlt_list_idx',
      '_dlt_id',
    ])
    expect(columns('orders')).not.toContain('_dlt_root_id')
  })

  it('hashes the primary key into _dlt_id for upsert tables', () => {
    const root: TableSchema = {
      name: 'items',
      columns: { id: { name: 'id', primary_key: true, nullable: false } },
      write_disposition: 'merge',
      'x-merge-strategy': 'upsert',
    }
    const { run } = setup([root])
    // digest128b(orjson.dumps({"id": 1}, sort_keys), 10), computed with Python
    expect(run([{ id: 1, x: 'a' }])[0]![1]['_dlt_id']).toBe('z5jIxXIbUnmbKw')
  })

  it('marks tables that got rows with x-normalizer seen-data', () => {
    const { run, schema } = setup()
    run([{ a: 1, l: [1] }])
    expect(schema.tables['items']!['x-normalizer']).toEqual({ 'seen-data': true })
    expect(schema.tables['items__l']).toMatchObject({
      parent: 'items',
      'x-normalizer': { 'seen-data': true },
    })
    expect(schema.tables['items']).toMatchObject({ write_disposition: 'append', resource: 'items' })
  })
})

describe('nesting limits and json columns', () => {
  const item = { a: 1, d: { e: { f: 1 } }, l: [{ m: { n: 1 }, k: [1] }] }
  it.each([
    [0, ['a', 'd', 'l', '_dlt_load_id', '_dlt_id'], undefined],
    [
      1,
      ['a', 'd__e', '_dlt_load_id', '_dlt_id'],
      ['m', 'k', '_dlt_parent_id', '_dlt_list_idx', '_dlt_id'],
    ],
    [
      2,
      ['a', 'd__e__f', '_dlt_load_id', '_dlt_id'],
      ['m__n', '_dlt_parent_id', '_dlt_list_idx', '_dlt_id'],
    ],
  ])('max nesting %i', (maxTableNesting, root, nested) => {
    const { run, columns, schema } = setup([], { maxTableNesting })
    const rows = run([structuredClone(item)])
    expect(columns('items')).toEqual(root)
    expect(nested ? columns('items__l') : schema.tables['items__l']).toEqual(nested)
    if (maxTableNesting === 0) expect(rows[0]![1]['l']).toEqual(item.l)
  })

  it('takes the nesting level from the root table hint', () => {
    const { run, columns } = setup(
      [{ name: 'items', columns: {}, 'x-normalizer': { max_nesting: 0 } }],
      {
        maxTableNesting: 5,
      },
    )
    run([{ d: { e: 1 } }])
    expect(columns('items')).toEqual(['d', '_dlt_load_id', '_dlt_id'])
  })

  it('keeps dicts and lists whole in json columns', () => {
    const table: TableSchema = {
      name: 'items',
      columns: { data: { name: 'data', data_type: 'json' } },
    }
    const { run } = setup([table])
    expect(strip(run([{ data: { x: [1, { y: 2 }] } }]))).toEqual([
      ['items', { data: { x: [1, { y: 2 }] }, _dlt_load_id: '1700000000.1' }],
    ])
  })
})

describe('types and variants', () => {
  it('infers types as dlt does', () => {
    const { run, schema } = setup()
    run([
      {
        s: 'x',
        i: 3,
        f: 1.5,
        b: true,
        big: 2n ** 70n,
        t: '2024-01-25T11:21:28Z',
        dt: new Date('2024-01-25T11:21:28.5Z'),
        d: '2024-01-25',
        bin: new Uint8Array([1]),
      },
    ])
    const types = Object.fromEntries(
      Object.values(schema.tables['items']!.columns).map((c) => [c.name, c.data_type]),
    )
    expect(types).toMatchObject({
      s: 'text',
      i: 'bigint',
      f: 'double',
      b: 'bool',
      big: 'wei', // beyond 64 bits (DESIGN.md §4)
      t: 'timestamp',
      dt: 'timestamp',
      d: 'text',
      bin: 'binary',
    })
  })

  it('coerces later values and moves what does not fit to variant columns', () => {
    const { run, columns, normalizer } = setup()
    const rows = run([
      { v: 12, u: 'C', at: '2024-05-01T10:00:00+00:00' },
      { v: 12.75, u: 3, at: 'yesterday' },
    ])
    expect(strip(rows)[1]![1]).toEqual({
      v__v_double: 12.75,
      u: '3',
      at__v_text: 'yesterday',
      _dlt_load_id: '1700000000.1',
    })
    expect(rows[0]![1]['at']).toBe('2024-05-01T10:00:00+00:00')
    expect(columns('items')).toEqual([
      'v',
      'u',
      'at',
      '_dlt_load_id',
      '_dlt_id',
      'v__v_double',
      'at__v_text',
    ])
    expect(normalizer.events.variantColumns).toEqual([
      { table: 'items', column: 'v', variant: 'v__v_double', dataType: 'double' },
      { table: 'items', column: 'at', variant: 'at__v_text', dataType: 'text' },
    ])
  })

  it('types integers beyond int64 so that they load: double, wei, or their digits as text', () => {
    const { run, schema } = setup()
    const rows = run([
      { n: 1e20, i: 2n ** 63n - 1n, w: 2n ** 64n, t: 10n ** 38n, list: [10n ** 40n, 1n] },
    ])
    const types = (table: string) =>
      Object.fromEntries(
        Object.values(schema.tables[table]!.columns).map((c) => [c.name, c.data_type]),
      )
    expect(types('items')).toMatchObject({ n: 'double', i: 'bigint', w: 'wei', t: 'text' })
    expect(types('items__list')).toMatchObject({ value: 'text' })
    expect(rows[0]![1]).toMatchObject({
      n: 1e20,
      i: 2n ** 63n - 1n,
      w: 2n ** 64n,
      t: `1${'0'.repeat(38)}`,
    })
    expect(rows.slice(1).map(([, row]) => row['value'])).toEqual([`1${'0'.repeat(40)}`, '1'])
  })

  it('moves integers an existing bigint or wei column cannot hold to variants', () => {
    const { run, normalizer } = setup()
    run([{ n: 1, w: 2n ** 64n }])
    // the second row takes the fast path: the columns are known
    const rows = run([
      { n: 1e20 },
      { n: 2n ** 64n },
      { n: 10n ** 40n },
      { n: '9223372036854775808' },
      { w: 10n ** 40n },
      { w: -(10n ** 38n) },
    ])
    const load = { _dlt_load_id: '1700000000.1' }
    expect(strip(rows).map(([, row]) => row)).toEqual([
      { n__v_double: 1e20, ...load },
      { n__v_wei: 2n ** 64n, ...load },
      { n__v_text: String(10n ** 40n), ...load },
      { n__v_text: '9223372036854775808', ...load },
      { w__v_text: String(10n ** 40n), ...load },
      { w__v_text: String(-(10n ** 38n)), ...load },
    ])
    expect(normalizer.events.variantColumns.map((v) => [v.variant, v.dataType])).toEqual([
      ['n__v_double', 'double'],
      ['n__v_wei', 'wei'],
      ['n__v_text', 'text'],
      ['w__v_text', 'text'],
    ])
  })

  it('completes hinted columns and coerces into declared types', () => {
    const table: TableSchema = {
      name: 'items',
      columns: {
        id: { name: 'id', primary_key: true, nullable: false },
        code: { name: 'code', data_type: 'text', nullable: true },
      },
    }
    const { run, schema } = setup([table])
    expect(strip(run([{ code: 7, id: 1 }]))[0]![1]).toEqual({
      code: '7',
      id: 1,
      _dlt_load_id: '1700000000.1',
    })
    expect(schema.tables['items']!.columns['id']).toEqual({
      name: 'id',
      primary_key: true,
      nullable: false,
      data_type: 'bigint',
    })
    expect(() => run([{ id: null }])).toThrow(NullValueError)
  })

  it('gives system columns dlt’s hints', () => {
    const { run, schema } = setup()
    run([{ l: [1] }])
    expect(schema.tables['items']!.columns['_dlt_id']).toEqual({
      name: '_dlt_id',
      data_type: 'text',
      nullable: false,
      unique: true,
      row_key: true,
    })
    expect(schema.tables['items__l']!.columns['_dlt_parent_id']).toEqual({
      name: '_dlt_parent_id',
      data_type: 'text',
      nullable: false,
      parent_key: true,
    })
  })

  it('reports columns seen only with nulls', () => {
    const { run, normalizer } = setup()
    run([{ a: 1, gone: null }])
    expect(normalizer.events.nullOnlyColumns).toEqual([{ table: 'items', column: 'gone' }])
    expect(normalizer.events.notes().join('\n')).toMatch(/column "gone" had only null values/)
  })
})

describe('schema contracts', () => {
  const existing = (contract: SchemaContract): TableSchema => ({
    name: 'items',
    columns: { id: { name: 'id', data_type: 'bigint', nullable: true } },
    write_disposition: 'append',
    schema_contract: contract,
  })

  it('freeze fails with the table, column and contract', () => {
    const { run } = setup([existing({ columns: 'freeze' })])
    expect(() => run([{ id: 1, color: 'red' }])).toThrow(SchemaContractError)
    expect(() => run([{ id: 1, color: 'red' }])).toThrow(
      /new column "color" cannot be added to table "items"/,
    )
  })

  it('discard_row drops the row and its nested rows', () => {
    const { run, normalizer } = setup([existing({ columns: 'discard_row' })])
    const rows = run([{ id: 1, color: 'red', tags: ['a'] }, { id: 2 }, { id: 3, color: 'blue' }])
    expect(rows.map(([t, r]) => [t, r['id']])).toEqual([['items', 2]])
    expect(normalizer.events.discardedRows).toEqual({ items: 2 })
  })

  it('discard_value drops only the value', () => {
    const { run, columns, normalizer } = setup([existing({ columns: 'discard_value' })])
    const rows = strip(
      run([
        { id: 1, color: 'red' },
        { id: 2, color: 'blue' },
      ]),
    )
    expect(rows.map(([, r]) => r)).toEqual([
      { id: 1, _dlt_load_id: '1700000000.1' },
      { id: 2, _dlt_load_id: '1700000000.1' },
    ])
    expect(columns('items')).toEqual(['id', '_dlt_load_id', '_dlt_id'])
    expect(normalizer.events.discardedValues).toEqual([
      { table: 'items', column: 'color', count: 2 },
    ])
  })

  it('data_type governs variants', () => {
    const { run, columns } = setup([existing({ data_type: 'discard_value' })])
    const rows = strip(run([{ id: 1 }, { id: 'x' }]))
    expect(rows[1]![1]).toEqual({ _dlt_load_id: '1700000000.1' })
    expect(columns('items')).not.toContain('id__v_text')
  })

  it('tables: nested tables follow their root table, and new tables are refused', () => {
    const { run, schema } = setup([existing({ tables: 'discard_row' })])
    const rows = run([{ id: 1, tags: ['a', 'b'] }])
    expect(rows.map(([t]) => t)).toEqual(['items'])
    expect(schema.tables['items__tags']).toBeUndefined()
    expect(() => setup([], {}).run([{}], 'x')).not.toThrow()
    const frozen = setup()
    frozen.schema.settings.schema_contract = { tables: 'freeze' }
    expect(() => frozen.run([{ a: 1 }], 'brand_new')).toThrow(
      /new table "brand_new" cannot be created/,
    )
  })

  it('evolve-columns-once lets a frozen table take new columns once per package', () => {
    const table = existing({ columns: 'freeze' })
    table['x-normalizer'] = { 'evolve-columns-once': true }
    const { run, normalizer, schema } = setup([table])
    run([
      { id: 1, a: 1 },
      { id: 2, b: 2 },
    ])
    normalizer.finish()
    expect(schema.tables['items']!['x-normalizer']).toEqual({ 'seen-data': true })
  })
})

describe('values that are not data', () => {
  class Money {
    amount = 1
  }
  const circular: Record<string, unknown> = { a: 1 }
  circular['self'] = { back: circular }
  const circularList: unknown[] = []
  circularList.push(circularList)
  it.each<[string, unknown, RegExp]>([
    ['a.f', { a: { f: () => 1 } }, /function/],
    ['s', { s: Symbol('x') }, /symbol/],
    ['list[0].m', { list: [{ m: new Money() }] }, /class Money/],
    ['d', { d: new Date('nope') }, /invalid Date/],
    ['d', { d: new Date('+010000-01-01T00:00:00Z') }, /years 1-9999/],
    ['self.back', circular, /circular/],
    ['l[0]', { l: circularList }, /circular/],
    ['l[1]', { l: [1, () => 2] }, /function/],
  ])('fails at %s', (path, item, problem) => {
    const { run } = setup()
    let error: unknown
    try {
      run([item])
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InvalidItemError)
    expect((error as InvalidItemError).path).toBe(path)
    expect((error as InvalidItemError).table).toBe('items')
    expect((error as Error).message).toMatch(problem)
  })

  it('validates values kept whole in json columns', () => {
    const { run } = setup([], { maxTableNesting: 0 })
    const item: Record<string, unknown> = { j: { x: 1 } }
    ;(item['j'] as Record<string, unknown>)['loop'] = item['j']
    expect(() => run([item])).toThrow(/circular reference at <value>.loop/)
  })

  it.each<[unknown, RegExp]>([
    [{ a: [1, { f: () => 1 }] }, /function at <value>.a\[1\].f is not data/],
    [[Symbol('x')], /symbol at <value>\[0\] is not data/],
    [{ m: new Money() }, /class Money/],
    [{ d: new Date('nope') }, /invalid Date/],
    [[new Date('+010000-01-01T00:00:00Z')], /years 1-9999/],
  ])('fails for json value %o, and the next item is checked afresh', (value, problem) => {
    const { run } = setup([], { maxTableNesting: 0 })
    const shared = { x: 1 }
    expect(() => run([{ j: value }])).toThrow(problem)
    // data after a failure: the same object twice is no cycle, Dates, bytes and bigints are data
    const good = { j: { a: shared, b: shared, d: new Date(0), u: new Uint8Array([1]), n: 2n } }
    expect(run([good])).toHaveLength(1)
  })
})
