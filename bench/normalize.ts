/**
 * @module The normalize benchmark, no I/O: N generated issues (`generate-issues.ts`), held in
 * memory as typed JSON lines (what extract writes), go through the normalize stage's per-item work
 * — decode, normalize into rows (root + labels + assignees), encode each row as a JSON line into a
 * buffer, as the loader files get them — and the lines are dropped. Best of 3 runs after a warm-up. Prints ONE JSON line with records/s for
 * the whole path and for the normalizer alone (items already decoded, rows not encoded).
 *
 * usage: tsx bench/normalize.ts [records=100000]
 */
import type { EmittedRow } from '../src/normalize/emitted-row.js'
import { ItemNormalizer } from '../src/normalize/item-normalizer.js'
import { createNamingConvention } from '../src/schema/naming/index.js'
import { Schema } from '../src/schema/schema.js'
import { decodeTypedJson, encodeTypedJson } from '../src/storage/typed-json.js'
import { createRandom, makeIssue } from './generate-issues.js'

const naming = createNamingConvention('snake_case')
const count = Number(process.argv[2] ?? 100_000)
const random = createRandom(42)
const lines = Array.from({ length: count }, (_, i) => encodeTypedJson(makeIssue(i, random)))
const items = lines.map((line) => decodeTypedJson(line))

function run(withCodec: boolean): { rows: number; ms: number } {
  const normalizer = new ItemNormalizer(new Schema('bench'), { loadId: '1700000000.1', naming })
  let rows = 0
  let bytes = 0
  // as the loader files get them: each row's UTF-8 bytes written into a buffer (no line string)
  const buffer = Buffer.allocUnsafe(1 << 20)
  const emit = withCodec
    ? (_table: string, row: EmittedRow) => {
        rows++
        let end = row.encodeInto(buffer, 0, buffer.length)
        if (end < 0) end = Buffer.byteLength(row.toJsonLine())
        bytes += end
      }
    : () => {
        rows++
      }
  const start = performance.now()
  if (withCodec)
    for (const line of lines) normalizer.normalize(decodeTypedJson(line), 'issues', emit)
  else for (const item of items) normalizer.normalize(item, 'issues', emit)
  if (bytes < 0) throw new Error('unreachable')
  return { rows, ms: performance.now() - start }
}

function best(withCodec: boolean): { rows: number; ms: number } {
  run(withCodec) // warm-up
  const results = [run(withCodec), run(withCodec), run(withCodec)]
  return results.reduce((a, b) => (a.ms < b.ms ? a : b))
}

const full = best(true)
const normalizerOnly = best(false)
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000)
process.stdout.write(
  `${JSON.stringify({
    benchmark: 'normalize',
    records: count,
    rows: full.rows,
    recordsPerSecond: perSecond(count, full.ms),
    rowsPerSecond: perSecond(full.rows, full.ms),
    normalizerOnly: { recordsPerSecond: perSecond(count, normalizerOnly.ms) },
  })}\n`,
)
