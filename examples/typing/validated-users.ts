/**
 * A zod schema as a resource's `columns`: the table gets its columns from the schema (dlt's rules
 * for Pydantic models), every item is validated, and the resource's item type is the schema's
 * output. An item that fails is dropped here (`schemaContract: { data_type: 'discard_row' }`);
 * the default contract would fail the run naming the item's path.
 *
 * Run it with `npx tsx examples/typing/validated-users.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import * as dlt from '../../src/index.js'

const User = z.object({
  id: z.number().int(),
  email: z.email(),
  signed_up: z.iso.datetime(),
  plan: z.enum(['free', 'pro']).optional(),
  settings: z.object({ theme: z.string() }),
})

/** What an API returns: untyped, and not always right. */
const fromApi: unknown[] = [
  {
    id: 1,
    email: 'ada@example.com',
    signed_up: '2024-03-01T09:00:00Z',
    plan: 'pro',
    settings: { theme: 'dark' },
  },
  { id: 2, email: 'not an email', signed_up: '2024-03-02T10:00:00Z', settings: { theme: 'light' } },
  {
    id: 3,
    email: 'grace@example.com',
    signed_up: '2024-03-03T11:00:00Z',
    settings: { theme: 'light' },
    extra: 'dropped',
  },
]

const users = dlt.resource(() => fromApi, {
  name: 'users',
  primaryKey: 'id',
  columns: User,
  schemaContract: { data_type: 'discard_row' },
})
// the item type is the schema's output: `user.email` is a string here
const emails = users.addMap((user) => ({ ...user, domain: user.email.split('@')[1] ?? '' }))

const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-typing-'))
try {
  const pipeline = dlt.pipeline({
    pipelineName: 'typed_users',
    pipelinesDir: join(dir, 'pipelines'),
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'users.duckdb') }),
  })
  const info = await pipeline.run(emails)
  console.log(`loaded ${info.rowCounts['users']} of ${fromApi.length} users`)
  const columns = pipeline.schema?.tables['users']?.columns ?? {}
  for (const column of Object.values(columns)) {
    if (!column.name.startsWith('_dlt_')) console.log(`  ${column.name}: ${column.data_type}`)
  }
  const rows = await pipeline.dataset().query('select id, domain from users order by id')
  console.log(rows.map((row) => `${row['id']} ${row['domain']}`).join(', '))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
