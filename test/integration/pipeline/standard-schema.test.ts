/**
 * Standard Schema as `columns` (issue #21): a zod, valibot or arktype schema gives a resource its
 * columns by dlt's rules for Pydantic models and validates every item under the schema contract.
 */
import { toStandardJsonSchema } from '@valibot/to-json-schema'
import { type } from 'arktype'
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as dlt from '../../../src/index.js'
import {
  countRows,
  createTempPipelineDir,
  type TempPipelineDir,
} from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir('dlt-ts-standard-schema-')
})
afterEach(() => temp.cleanup())

const zodUser = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  score: z.number(),
  active: z.boolean(),
  created: z.iso.datetime(),
  tags: z.array(z.string()),
  meta: z.object({ plan: z.string() }),
  kind: z.enum(['admin', 'member']),
  nick: z.string().nullable(),
})

const valibotUser = toStandardJsonSchema(
  v.object({
    id: v.pipe(v.number(), v.integer()),
    name: v.optional(v.string()),
    score: v.number(),
    active: v.boolean(),
    created: v.pipe(v.string(), v.isoTimestamp()),
    tags: v.array(v.string()),
    meta: v.object({ plan: v.string() }),
    kind: v.picklist(['admin', 'member']),
    nick: v.nullable(v.string()),
  }),
)

const arktypeUser = type({
  id: 'number.integer',
  'name?': 'string',
  score: 'number',
  active: 'boolean',
  created: 'string.date.iso',
  tags: 'string[]',
  meta: { plan: 'string' },
  kind: "'admin' | 'member'",
  nick: 'string | null',
})

const user = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `user ${id}`,
  score: id + 0.5,
  active: id % 2 === 0,
  created: '2024-05-01T10:00:00Z',
  tags: ['a', 'b'],
  meta: { plan: 'pro' },
  kind: 'member',
  nick: null,
  ...extra,
})

/** The data types and nullability of the pipeline's table `table`. */
function columnsOf(pipeline: dlt.Pipeline, table: string) {
  const columns = pipeline.schema?.tables[table]?.columns ?? {}
  return Object.fromEntries(
    Object.values(columns)
      .filter((column) => !column.name.startsWith('_dlt_'))
      .map((column) => [column.name, `${column.data_type}${column.nullable ? '?' : ''}`]),
  )
}

describe('columns from a Standard Schema', () => {
  it.each<{ library: string; schema: dlt.StandardSchemaV1; created: string }>([
    { library: 'zod', schema: zodUser, created: 'timestamp' },
    { library: 'valibot', schema: valibotUser, created: 'timestamp' },
    // arktype's date.iso has no JSON Schema format: text
    { library: 'arktype', schema: arktypeUser, created: 'text' },
  ])(
    '$library: the columns dlt gives a Pydantic model, nested data as json',
    async ({ library, schema, created }) => {
      const pipeline = temp.pipeline(`users_${library}`)
      const { name: _, ...nameless } = user(2)
      const users = dlt.resource(() => [user(1), nameless], {
        name: 'users',
        columns: schema,
      })
      const info = await pipeline.run(users)
      expect(info.rowCounts['users']).toBe(2)
      expect(columnsOf(pipeline, 'users')).toEqual({
        id: 'bigint',
        name: 'text?',
        score: 'double',
        active: 'bool',
        created,
        tags: 'json',
        meta: 'json',
        kind: 'text',
        nick: 'text?',
      })
      // lists and nested objects stay in their json columns: no child tables
      expect(Object.keys(pipeline.schema?.tables ?? {})).not.toContain('users__tags')
      const [row] = await pipeline.dataset().query('select tags, meta from users where id = 1')
      expect(row).toEqual({ tags: ['a', 'b'], meta: { plan: 'pro' } })
    },
  )

  it('takes a schema through applyHints too', async () => {
    const pipeline = temp.pipeline('applied')
    const users = dlt
      .resource(() => [user(1), user(2, { id: 'two' })], { name: 'users' })
      .applyHints({ columns: zodUser, schemaContract: 'discard_row' })
    const info = await pipeline.run(users)
    expect(info.rowCounts['users']).toBe(1)
    expect(columnsOf(pipeline, 'users')).toMatchObject({ id: 'bigint', tags: 'json' })
  })

  it('loads what the schema returns: unknown keys stripped, as zod does by default', async () => {
    const pipeline = temp.pipeline('stripped')
    await pipeline.run([user(1, { secret: 'x' })], { tableName: 'users', columns: zodUser })
    expect(Object.keys(columnsOf(pipeline, 'users'))).not.toContain('secret')
    expect(await countRows(pipeline, 'users')).toBe(1)
  })

  it('validates with a schema that has no JSON Schema; the columns come from the data', async () => {
    const pipeline = temp.pipeline('plain_valibot')
    const schema = v.object({ id: v.number(), when: v.date() })
    const when = new Date('2024-01-02T03:04:05Z')
    await pipeline.run([{ id: 1, when }], { tableName: 'events', columns: schema })
    expect(columnsOf(pipeline, 'events')).toEqual({ id: 'bigint?', when: 'timestamp?' })
    await expect(
      pipeline.run([{ id: 'two', when }], { tableName: 'events', columns: schema }),
    ).rejects.toThrow(/DataValidationError|failed validation at "id"/)
  })
})

describe('items that fail the schema, by schema contract', () => {
  const items = () => [user(1), user(2, { id: 'two' }), user(3, { name: 42 })]

  it("fails the run under the default contract (data_type 'freeze'), naming the path", async () => {
    const pipeline = temp.pipeline('frozen')
    const users = dlt.resource(items, { name: 'users', columns: zodUser })
    const error = await pipeline.run(users).catch((caught: unknown) => caught)
    expect(String(error)).toMatch(
      /Resource "users": an item failed validation at "id": .*expected number.*schemaContract \{ data_type: 'discard_row' \}/i,
    )
    expect((error as Error & { cause?: { name?: string } }).cause?.name).toBe('DataValidationError')
    expect(await pipeline.dataset().tables()).not.toContain('users')
  })

  it.each([
    { contract: 'discard_row' as const, ids: [1], names: ['user 1'] },
    { contract: { data_type: 'discard_row' as const }, ids: [1], names: ['user 1'] },
    // the failing field goes; an item missing a required field then is dropped
    { contract: { data_type: 'discard_value' as const }, ids: [1, 3], names: ['user 1', null] },
  ])('$contract', async ({ contract, ids, names }) => {
    const pipeline = temp.pipeline('discarding')
    const users = dlt.resource(items, { name: 'users', columns: zodUser, schemaContract: contract })
    await pipeline.run(users)
    const rows = await pipeline.dataset().query('select id, name from users order by id')
    expect(rows.map((row) => Number(row['id']))).toEqual(ids)
    expect(rows.map((row) => row['name'])).toEqual(names)
  })

  it("loads failing items as they are with data_type 'evolve'", async () => {
    const pipeline = temp.pipeline('evolving')
    // the value is loaded unvalidated; normalize coerces it into its column as for any data (a
    // value that cannot be coerced goes to a variant column)
    const users = dlt.resource(() => [user(1), user(2, { name: 42 })], {
      name: 'users',
      columns: zodUser,
      schemaContract: { data_type: 'evolve' },
    })
    await pipeline.run(users)
    expect(await countRows(pipeline, 'users')).toBe(2)
    const rows = await pipeline.dataset().query('select name from users order by id')
    expect(rows.map((row) => row['name'])).toEqual(['user 1', '42'])
  })

  it('validates what the function yields: steps added later see validated items', async () => {
    const pipeline = temp.pipeline('mapped')
    const users = (schemaContract?: dlt.SchemaContract) =>
      dlt
        .resource(() => [{ id: 1, junk: true }, { id: 2 }], {
          name: 'users',
          columns: z.object({ id: z.number().int() }),
          ...(schemaContract ? { schemaContract } : {}),
        })
        .addMap((user) => ({ ...user, twice: user.id * 2 }))
    // dlt's default contract for models discards columns the schema does not name
    await pipeline.run(users())
    expect(Object.keys(columnsOf(pipeline, 'users'))).toEqual(['id'])
    // columns: 'evolve' keeps what the steps add; the schema stripped `junk` before them
    await pipeline.run(users({ columns: 'evolve' }))
    const rows = await pipeline
      .dataset()
      .query('select * from users where twice is not null order by id')
    expect(rows.map(({ id, twice, junk }) => [Number(id), Number(twice), junk])).toEqual([
      [1, 2, undefined],
      [2, 4, undefined],
    ])
  })

  it('run(data, { columns }) validates what the resource’s steps leave', async () => {
    const pipeline = temp.pipeline('run_level')
    const raw = dlt
      .resource(() => [{ raw: 1 }, { raw: 2 }], { name: 'users' })
      .addMap((item) => ({ id: item.raw * 10 }))
    await pipeline.run(raw, {
      columns: z.object({ id: z.number().int().max(15) }),
      schemaContract: 'discard_row',
    })
    const rows = await pipeline.dataset().query('select id from users order by id')
    expect(rows.map((row) => Number(row['id']))).toEqual([10])
  })
})
