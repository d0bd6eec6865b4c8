/**
 * @module The `digest128` benchmark: N calls on texts like normalize's nested row ids
 * (`<parent id>_issues__labels_<index>`, 10-byte digests), timed for the previous node:crypto
 * implementation (a prepared empty Hash copied per call) and for `digest128` (WebAssembly).
 * Best of 3 runs after a warm-up; checks both agree. Prints ONE JSON line with ns per call.
 *
 * usage: tsx bench/digest128.ts [calls=500000]
 */
import { createHash } from 'node:crypto'
import { digest128 } from '../src/util/digest128.js'

const calls = Number(process.argv[2] ?? 500_000)
const tables = ['issues__labels', 'issues__assignees', 'issues__reactions__users']
const texts = Array.from({ length: calls }, (_, i) => {
  const parentId = createHash('sha256')
    .update(String(i >> 3))
    .digest('base64')
    .slice(0, 14)
  return `${parentId}_${tables[i % tables.length]}_${i & 7}`
})

const empty = createHash('shake128', { outputLength: 10 })
const options = { outputLength: 10 }
function nodeCrypto(text: string, length: number): string {
  const base64 = empty.copy(options).update(text, 'utf8').digest('base64')
  return base64.slice(0, Math.ceil((length * 4) / 3))
}

function nsPerCall(digest: (text: string, length: number) => string): number {
  let best = Number.POSITIVE_INFINITY
  let chars = 0
  for (let run = 0; run < 4; run++) {
    const start = process.hrtime.bigint()
    for (const text of texts) chars += digest(text, 10).length
    const ns = Number(process.hrtime.bigint() - start) / calls
    if (run > 0) best = Math.min(best, ns) // run 0 warms up
  }
  if (chars !== calls * 4 * 14) throw new Error('unexpected digest length')
  return best
}

for (const text of texts.slice(0, 1000)) {
  if (digest128(text, 10) !== nodeCrypto(text, 10)) throw new Error(`digests differ: ${text}`)
}
const nodeCryptoNsPerCall = nsPerCall(nodeCrypto)
const wasmNsPerCall = nsPerCall(digest128)
process.stdout.write(
  `${JSON.stringify({
    benchmark: 'digest128',
    calls,
    nodeCryptoNsPerCall: Math.round(nodeCryptoNsPerCall),
    wasmNsPerCall: Math.round(wasmNsPerCall),
    ratio: Math.round((nodeCryptoNsPerCall / wasmNsPerCall) * 10) / 10,
  })}\n`,
)
