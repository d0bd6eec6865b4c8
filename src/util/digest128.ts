/**
 * @module dlt's `digest128`: the shake128 digest of a text, `length` bytes, base64 without
 * padding. Row ids (10 bytes) and incremental boundary hashes (15 bytes, dlt's default) use it.
 *
 * Normalize computes one per nested row, so it is hot. node:crypto spends most of a call
 * (~1.3 µs) crossing into C++ to copy, update and digest a Hash object rather than hashing, and
 * Keccak in plain JS, without 64-bit integers, is slower still (~7 µs). So the permutation runs
 * in WebAssembly with native i64 lanes (`keccak/shake128.wat`, ~0.33 µs, which keeps the CPU's
 * integer units busy): the UTF-8 of the text is written into its memory, absorbed and squeezed in
 * one call, and the few output bytes base64-encoded here. Texts too long for its buffer (~64 KB)
 * and digests longer than one block (168 bytes) go to node:crypto.
 */
import { createHash } from 'node:crypto'
import { SHAKE128_WASM_BASE64 } from './keccak/shake128-wasm.js'

interface Shake128 {
  /** SHAKE128 of the first `size` bytes of `input`; its first 168 bytes land in `output`. */
  run(size: number): void
  input: Uint8Array
  output: Uint8Array
}

// The part of WebAssembly used here: TypeScript types it in the DOM lib, which tsconfig leaves out.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { exports: object }
}
interface Exports {
  memory: { buffer: ArrayBuffer }
  shake128: (size: number) => void
  input: { value: number }
  output: { value: number }
  capacity: { value: number }
}

const RATE = 168
const BASE64 = Uint8Array.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  (char) => char.charCodeAt(0),
)
const encoder = new TextEncoder()
let shake128: Shake128 | undefined

function instantiate(): Shake128 {
  const module = new WebAssembly.Module(Buffer.from(SHAKE128_WASM_BASE64, 'base64'))
  const exports = new WebAssembly.Instance(module).exports as Exports
  const { buffer } = exports.memory // the module never grows its memory: the views stay valid
  shake128 = {
    run: exports.shake128,
    input: new Uint8Array(buffer, exports.input.value, exports.capacity.value),
    output: new Uint8Array(buffer, exports.output.value, RATE),
  }
  return shake128
}

/** base64 (no padding) of the `length`-byte shake128 digest of `text` (UTF-8). @default 15 bytes */
export function digest128(text: string, length = 15): string {
  const wasm = shake128 ?? instantiate()
  if (length > RATE) return nodeDigest128(text, length)
  // faster than a charCodeAt loop even for ASCII; stops when `input` is full
  const { read, written } = encoder.encodeInto(text, wasm.input)
  if (read < text.length) return nodeDigest128(text, length)
  wasm.run(written)
  return base64(wasm.output, length)
}

/**
 * base64 without padding of the first `length` bytes. Up to 15 (all dlt uses) as one string of
 * 20 characters, cut to length: ~40 ns a call faster than concatenating groups or Buffer's.
 */
function base64(bytes: Uint8Array, length: number): string {
  const size = Math.ceil((length * 4) / 3)
  if (length > 15) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('base64').slice(0, size)
  }
  bytes[length] = 0 // the low bits of the last character; characters past it are cut
  const v = triple(bytes, 0)
  const w = triple(bytes, 3)
  const x = triple(bytes, 6)
  const y = triple(bytes, 9)
  const z = triple(bytes, 12)
  const B = BASE64
  // biome-ignore format: a character grid, 4 per 3 bytes
  const text = String.fromCharCode(
    B[v >> 18]!, B[(v >> 12) & 63]!, B[(v >> 6) & 63]!, B[v & 63]!,
    B[w >> 18]!, B[(w >> 12) & 63]!, B[(w >> 6) & 63]!, B[w & 63]!,
    B[x >> 18]!, B[(x >> 12) & 63]!, B[(x >> 6) & 63]!, B[x & 63]!,
    B[y >> 18]!, B[(y >> 12) & 63]!, B[(y >> 6) & 63]!, B[y & 63]!,
    B[z >> 18]!, B[(z >> 12) & 63]!, B[(z >> 6) & 63]!, B[z & 63]!,
  )
  return size === 20 ? text : text.slice(0, size)
}

/** the 24 bits of bytes `i` to `i + 2` */
function triple(bytes: Uint8Array, i: number): number {
  return (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
}

function nodeDigest128(text: string, length: number): string {
  const hash = createHash('shake128', { outputLength: length }).update(text, 'utf8')
  return hash.digest('base64').slice(0, Math.ceil((length * 4) / 3))
}
