/**
 * @module Deterministic generator of nested GitHub-issue-like records, written as JSON Lines.
 * Used for the example data shipped in the repo and for the benchmarks.
 *
 * usage: tsx bench/generate-issues.ts <count> <out.jsonl> [seed]
 */
import { createWriteStream } from 'node:fs'

/** A small, fast, seeded PRNG (mulberry32). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const LABELS = ['bug', 'docs', 'enhancement', 'good first issue', 'question', 'wontfix']
const LOGINS = ['octocat', 'hubot', 'ann', 'bo', 'cy', 'dee', 'eve', 'fox']
const WORDS =
  'load normalize schema merge table column nested pipeline destination state cursor'.split(' ')

/** The `index`-th issue of a deterministic stream. */
export function makeIssue(index: number, random: () => number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const created = Date.UTC(2024, 0, 1) + Math.floor(random() * 365 * 86_400_000)
  const closed = random() < 0.4 ? new Date(created + Math.floor(random() * 30 * 86_400_000)) : null
  const words = Array.from({ length: 5 + Math.floor(random() * 40) }, () => pick(WORDS))
  const login = pick(LOGINS)
  return {
    id: 1_000_000 + index,
    number: index + 1,
    title: `${pick(WORDS)} ${pick(WORDS)} issue ${index}`,
    body: words.join(' '),
    state: closed ? 'closed' : 'open',
    locked: random() < 0.05,
    comments: Math.floor(random() * 20),
    created_at: new Date(created).toISOString(),
    updated_at: new Date(created + 3_600_000).toISOString(),
    closed_at: closed ? closed.toISOString() : null,
    user: { login, id: LOGINS.indexOf(login) + 1, site_admin: login === 'hubot' },
    labels: Array.from({ length: Math.floor(random() * 4) }, (_, i) => ({
      id: 100 + i,
      name: pick(LABELS),
      color: 'd73a4a',
      default: random() < 0.5,
    })),
    assignees: Array.from({ length: Math.floor(random() * 3) }, () => {
      const assignee = pick(LOGINS)
      return { login: assignee, id: LOGINS.indexOf(assignee) + 1 }
    }),
    reactions: {
      total_count: Math.floor(random() * 10),
      '+1': Math.floor(random() * 5),
      '-1': Math.floor(random() * 2),
      laugh: Math.floor(random() * 3),
    },
  }
}

/** Writes `count` issues to `path` as JSON Lines. */
export async function writeIssues(count: number, path: string, seed = 42): Promise<void> {
  const random = createRandom(seed)
  const out = createWriteStream(path)
  for (let i = 0; i < count; i++) {
    if (!out.write(`${JSON.stringify(makeIssue(i, random))}\n`)) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count = '1000', path = 'issues.jsonl', seed = '42'] = process.argv.slice(2)
  await writeIssues(Number(count), path, Number(seed))
}
