import { describe, expect, it } from 'vitest'
import { compileShake128 } from '../../../scripts/build-wasm.js'
import { SHAKE128_WASM_BASE64 } from './shake128-wasm.js'

describe('shake128-wasm.ts', () => {
  it('is the compile of shake128.wat (else run `npm run build:wasm`)', async () => {
    const fresh = Buffer.from(await compileShake128()).toString('base64')
    expect(SHAKE128_WASM_BASE64).toBe(fresh)
  })
})
