/**
 * @module Compiles `src/util/keccak/shake128.wat` with wabt into `shake128-wasm.ts`, the module
 * bytes as base64 (`npm run build:wasm`). `shake128-wasm.test.ts` checks the two agree.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import wabt from 'wabt'

const dir = new URL('../src/util/keccak/', import.meta.url)
const WAT = new URL('shake128.wat', dir)
const OUT = new URL('shake128-wasm.ts', dir)

/** The wasm binary of `shake128.wat`. */
export async function compileShake128(): Promise<Uint8Array> {
  const module = (await wabt()).parseWat('shake128.wat', readFileSync(WAT, 'utf8'))
  try {
    module.validate()
    return module.toBinary({}).buffer
  } finally {
    module.destroy()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const base64 = Buffer.from(await compileShake128()).toString('base64')
  writeFileSync(
    OUT,
    `// Generated from shake128.wat by \`npm run build:wasm\`: do not edit.\n` +
      `export const SHAKE128_WASM_BASE64 =\n  '${base64}'\n`,
  )
  console.log(`wrote ${OUT.pathname} (${base64.length} base64 characters)`)
}
