/**
 * Resources, a transformer and incremental loading against a small local "API" (an in-memory list
 * that grows between runs): the second run asks only for what changed and merges it.
 *
 * Run it with `npx tsx examples/resources/incremental-api.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as dlt from '../../src/index.js'

interface Ticket {
  id: number
  title: string
  updated_at: string
  comment_ids: number[]
}

const tickets: Ticket[] = [
  { id: 1, title: 'Login fails', updated_at: '2024-06-01T10:00:00Z', comment_ids: [11, 12] },
  { id: 2, title: 'Slow export', updated_at: '2024-06-02T09:30:00Z', comment_ids: [] },
]

/** The "API": tickets updated since a timestamp, in pages of one. */
async function* listTickets(since: string): AsyncGenerator<Ticket[]> {
  for (const ticket of tickets.filter((t) => t.updated_at >= since)) yield [ticket]
}

const ticketsResource = dlt.resource(
  ({ incremental }) => listTickets(String(incremental?.lastValue)),
  {
    name: 'tickets',
    primaryKey: 'id',
    writeDisposition: 'merge',
    incremental: dlt.incremental<Ticket>({
      cursorPath: 'updated_at',
      initialValue: '2024-01-01T00:00:00Z',
    }),
  },
)

/** One "request" per ticket for its comments, run concurrently. */
const comments = dlt.transformer(
  async (page: Ticket[]) =>
    page.flatMap((ticket) =>
      ticket.comment_ids.map((id) => ({ id, ticket_id: ticket.id, text: `comment ${id}` })),
    ),
  { dataFrom: ticketsResource, name: 'comments', primaryKey: 'id', writeDisposition: 'merge' },
)

const support = dlt.source(() => [ticketsResource, comments], { name: 'support' })

const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-example-'))
try {
  const pipeline = dlt.pipeline({
    pipelineName: 'support',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'support.duckdb') }),
    pipelinesDir: join(dir, 'pipelines'),
  })
  console.log((await pipeline.run(support)).toString())

  // the API changes: one ticket is updated, one is new
  tickets[0] = {
    ...tickets[0]!,
    title: 'Login fails on Safari',
    updated_at: '2024-06-03T08:00:00Z',
  }
  tickets.push({ id: 3, title: 'Typo', updated_at: '2024-06-03T12:00:00Z', comment_ids: [31] })
  const info = await pipeline.run(support)
  console.log(`\nsecond run loaded ${info.rowCounts['tickets']} ticket(s):`)
  console.table(
    await pipeline.dataset().query('select id, title, updated_at from tickets order by id'),
  )
  console.table(await pipeline.dataset().query('select id, ticket_id from comments order by id'))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
