/**
 * The sources of `bench/distributed.ts`, imported by the bench and by its worker processes.
 * `heavy`: one resource in BENCH_TASKS partitions of BENCH_ITEMS nested items each (a dict, a list of dicts with a
 * list inside: normalize-heavy, about 6 rows per item). `tiny`: 20 resources of one row each, for
 * the per-task coordination overhead.
 */
import { partitioned } from '../src/distributed/index.js'
import * as dlt from '../src/index.js'

const TASKS = Number(process.env['BENCH_TASKS'] ?? 8)
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 20_000)

function* items(task: number) {
  for (let id = 0; id < ITEMS; id++) {
    yield {
      id,
      task,
      title: `item ${id} of task ${task}`,
      created_at: new Date(Date.UTC(2024, 0, 1) + id * 1000).toISOString(),
      score: id / 7,
      author: { login: `user${id % 97}`, site_admin: id % 5 === 0, stats: { a: id, b: id * 2 } },
      labels: [
        { name: 'bug', color: 'f00', tags: ['x', 'y'] },
        { name: 'ui', color: '0f0', tags: ['z'] },
      ],
    }
  }
}

export const heavy = dlt.source(
  () =>
    partitioned(
      'events',
      Array.from({ length: TASKS }, (_, task) => task),
      (task) => dlt.resource(() => items(task), { name: 'events' }),
    ),
  { name: 'heavy' },
)

export const tiny = dlt.source(
  () =>
    Array.from({ length: 20 }, (_, task) =>
      dlt.resource(() => [{ task }], { name: `tiny_${task}`, tableName: 'tiny' }),
    ),
  { name: 'tiny' },
)
