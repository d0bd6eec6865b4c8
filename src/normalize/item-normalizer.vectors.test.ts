/**
 * Compatibility vectors: what dlt 1.26 made of the cases in `test/fixtures/dlt-1.26/normalize`
 * (schema per table — column order, data types, nullability, keys, variants — the DuckDB column
 * lists, and, for append cases, the rows themselves in the canonical dump format).
 */

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { NamingConvention } from '../schema/naming/naming-convention.js'
import { Schema } from '../schema/schema.js'
import type { TableSchema } from '../schema/schema-types.js'
import { encodeRow } from '../storage/writers/encode-row.js'
import { ItemNormalizer } from './item-normalizer.js'

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/dlt-1.26/normalize')

interface Case {
  table: string
  write_disposition?: 'append' | 'replace' | 'merge'
  primary_key?: string
  runs: unknown[][]
}
interface Expected {
  tables: Record<string, { columns: [string, string][]; rows: number | string[] }>
  dlt_types: Record<
    string,
    Record<
      string,
      { data_type: string; nullable: boolean; primary_key?: boolean; variant?: boolean }
    >
  >
}

/** dlt's snake_case, reduced to what the vectors need, until `schema/naming` lands. */
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

async function loadNaming(): Promise<NamingConvention> {
  const modulePath = '../schema/naming/index.js'
  try {
    const naming = (await import(/* @vite-ignore */ modulePath)) as {
      createNamingConvention?: (name: string) => NamingConvention
    }
    if (naming.createNamingConvention) return naming.createNamingConvention('snake_case')
  } catch {
    // The naming module is not written yet: use the stand-in.
  }
  return standInSnakeCase()
}

const DUCKDB_TYPES: Record<string, string> = {
  text: 'VARCHAR',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  json: 'JSON',
}

type Row = Record<string, unknown>

function runCase(
  c: Case,
  naming: NamingConvention,
): { schema: Schema; rows: Map<string, Row[]>[] } {
  const schema = new Schema('vectors')
  const root: TableSchema = {
    name: c.table,
    columns: {},
    write_disposition: c.write_disposition ?? 'append',
    resource: c.table,
  }
  if (c.primary_key) {
    root.columns[c.primary_key] = { name: c.primary_key, primary_key: true, nullable: false }
  }
  schema.tables[c.table] = root
  const runs = c.runs.map((items, i) => {
    const rows = new Map<string, Row[]>()
    const normalizer = new ItemNormalizer(schema, { loadId: `${1_700_000_000 + i}.123456`, naming })
    for (const item of items) {
      normalizer.normalize(structuredClone(item), c.table, (table, row) => {
        if (!rows.has(table)) rows.set(table, [])
        rows.get(table)!.push(row.toObject() as Row)
        expect(row.toJsonLine()).toBe(encodeRow(row.toObject()))
        const buffer = Buffer.alloc(1 << 16)
        expect(buffer.toString('utf8', 0, row.encodeInto(buffer, 0, buffer.length))).toBe(
          row.toJsonLine(),
        )
      })
    }
    normalizer.finish()
    return rows
  })
  return { schema, rows: runs }
}

/** DuckDB's `CAST(value AS VARCHAR)` of a normalized value of dlt type `type`. */
function duckVarchar(value: unknown, type: string | undefined): string | null {
  if (value === undefined || value === null) return null
  switch (type) {
    case 'double': {
      const n = value as number
      return Number.isInteger(n) && Math.abs(n) < 1e15 ? `${n}.0` : String(n)
    }
    case 'timestamp': {
      const [, date, time, frac] = /^(.{10})T(.{8})(?:\.(\d+))?\+00:00$/.exec(value as string)!
      const fraction = frac?.replace(/0+$/, '')
      return `${date} ${time}${fraction ? `.${fraction}` : ''}+00`
    }
    default:
      return String(value)
  }
}

/** The canonical dump (see `test/fixtures/dlt-1.26/README.md`) of the rows of all runs. */
function dumpRows(schema: Schema, runs: Map<string, Row[]>[]): Record<string, string[]> {
  const all = new Map<string, Row[]>()
  for (const run of runs) for (const [t, rows] of run) all.set(t, [...(all.get(t) ?? []), ...rows])
  const byId = new Map<string, { table: string; row: Row }>()
  for (const [table, rows] of all)
    for (const row of rows) byId.set(row['_dlt_id'] as string, { table, row })
  const content = (table: string, row: Row): Record<string, string | null> => {
    const out: Record<string, string | null> = {}
    for (const [name, column] of Object.entries(schema.tables[table]!.columns)) {
      if (name.startsWith('_dlt_') && name !== '_dlt_list_idx') continue
      out[name] = duckVarchar(row[name], column.data_type)
    }
    return out
  }
  const chain = (row: Row): unknown => {
    const parent = byId.get(row['_dlt_parent_id'] as string)
    if (!row['_dlt_parent_id']) return null
    return parent ? { row: content(parent.table, parent.row), up: chain(parent.row) } : 'MISSING'
  }
  const sortKeys = (v: unknown): unknown =>
    v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys((v as Row)[k])]),
        )
      : v
  const out: Record<string, string[]> = {}
  for (const [table, rows] of all) {
    const columns = schema.tables[table]!.columns
    out[table] = rows
      .map((row) => {
        const c: Record<string, unknown> = content(table, row)
        if ('_dlt_parent_id' in columns) c['__parent'] = chain(row)
        if ('_dlt_root_id' in columns) c['__has_root_id'] = row['_dlt_root_id'] != null
        return JSON.stringify(sortKeys(c))
      })
      .sort()
  }
  return out
}

const caseNames = readdirSync(join(FIXTURES, 'cases'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))

describe('dlt 1.26 normalize vectors', () => {
  let naming: NamingConvention
  beforeAll(async () => {
    naming = await loadNaming()
  })

  it('has cases', () => expect(caseNames.length).toBeGreaterThan(0))

  describe.each(caseNames)('%s', (name) => {
    const c = JSON.parse(readFileSync(join(FIXTURES, 'cases', `${name}.json`), 'utf8')) as Case
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, 'expected', `${name}.json`), 'utf8'),
    ) as Expected
    const dataTables = Object.keys(expected.tables).filter((t) => !t.startsWith('_dlt_'))

    it('produces dlt’s tables, columns (in order), types and hints', () => {
      const { schema } = runCase(c, naming)
      const mine = schema
        .dataTableNames()
        .filter((t) => Object.keys(schema.tables[t]!.columns).length)
      expect(mine.sort()).toEqual(Object.keys(expected.dlt_types).sort())
      for (const [table, columns] of Object.entries(expected.dlt_types)) {
        const actual = schema.tables[table]!.columns
        expect(Object.keys(actual), table).toEqual(Object.keys(columns))
        for (const [column, hints] of Object.entries(columns)) {
          const a = actual[column]!
          expect(
            {
              data_type: a.data_type,
              nullable: a.nullable,
              primary_key: a.primary_key,
              variant: a.variant,
            },
            `${table}.${column}`,
          ).toEqual({
            data_type: hints.data_type,
            nullable: hints.nullable,
            primary_key: hints.primary_key,
            variant: hints.variant,
          })
        }
      }
    })

    it('produces the DuckDB column lists', () => {
      const { schema } = runCase(c, naming)
      for (const table of dataTables) {
        const columns = Object.values(schema.tables[table]!.columns).map((col) => [
          col.name,
          DUCKDB_TYPES[col.data_type!],
        ])
        expect(columns, table).toEqual(expected.tables[table]!.columns)
      }
    })

    it('produces the rows (append) or the final run’s row counts (replace)', () => {
      const { schema, rows } = runCase(c, naming)
      const disposition = c.write_disposition ?? 'append'
      if (disposition === 'merge') return // the destination deduplicates: schema only
      const runs = disposition === 'replace' ? rows.slice(-1) : rows
      const dump = dumpRows(schema, runs)
      for (const table of dataTables) {
        const want = expected.tables[table]!.rows as string[]
        const got = dump[table] ?? []
        if (disposition === 'append') expect(got, table).toEqual(want)
        else expect(got.length, table).toBe(want.length)
      }
    })
  })
})
