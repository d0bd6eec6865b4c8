/**
 * Micro benchmark of the normalizer's hot path: 100k GitHub-issue-like nested records, normalized
 * into rows (root + labels + assignees), rows discarded. Prints rows/s and items/s.
 *
 *   npx tsx bench/normalize-items.ts [items]
 */
import { ItemNormalizer } from '../src/normalize/item-normalizer.js'
import { createNamingConvention } from '../src/schema/naming/index.js'
import { Schema } from '../src/schema/schema.js'

const naming = createNamingConvention('snake_case')

function issue(i: number): Record<string, unknown> {
  return {
    id: 1_000_000 + i,
    node_id: `I_kwDOAB${i}`,
    number: i,
    title: `Crash number ${i} when starting`,
    state: i % 3 === 0 ? 'closed' : 'open',
    locked: false,
    comments: i % 17,
    created_at: '2024-01-25T11:21:28Z',
    updated_at: '2024-02-01T08:00:00Z',
    closed_at: i % 3 === 0 ? '2024-02-03T09:30:00Z' : null,
    author_association: 'CONTRIBUTOR',
    body: 'Steps to reproduce: run it. Expected: it works. Actual: it crashes.',
    user: { login: `user${i % 100}`, id: i % 100, site_admin: false, type: 'User' },
    labels: [
      { id: 11, name: 'bug', color: 'd73a4a', default: true },
      { id: 12, name: 'docs', color: '0075ca', default: false },
    ],
    assignees: i % 2 === 0 ? [{ login: 'octocat', id: 1 }] : [],
    milestone: i % 5 === 0 ? { id: 5, title: 'v1.0', due_on: '2024-03-01T00:00:00Z' } : null,
    reactions: { total_count: 2, '+1': 1, '-1': 0, laugh: 1, hooray: 0 },
    score: 0.75 + (i % 10),
  }
}

const count = Number(process.argv[2] ?? 100_000)
const items = Array.from({ length: count }, (_, i) => issue(i))

function run(): { rows: number; ms: number } {
  const schema = new Schema('bench')
  const normalizer = new ItemNormalizer(schema, { loadId: '1700000000.1', naming })
  let rows = 0
  const emit = () => {
    rows++
  }
  const start = performance.now()
  for (const item of items) normalizer.normalize(item, 'issues', emit)
  return { rows, ms: performance.now() - start }
}

run() // warm-up
const results = [run(), run(), run()]
const best = results.reduce((a, b) => (a.ms < b.ms ? a : b))
const rowsPerSecond = Math.round((best.rows / best.ms) * 1000)
const itemsPerSecond = Math.round((count / best.ms) * 1000)
console.log(
  JSON.stringify({
    items: count,
    rows: best.rows,
    ms: Math.round(best.ms),
    rowsPerSecond,
    itemsPerSecond,
  }),
)
