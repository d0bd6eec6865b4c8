import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { PipelineState } from './state-codec.js'
import { compressState, decompressState, stateVersionHash } from './state-codec.js'

function state(overrides: Partial<PipelineState> = {}): PipelineState {
  return {
    _state_version: 3,
    _state_engine_version: 4,
    pipeline_name: 'p',
    dataset_name: 'p_dataset',
    sources: { src: { resources: { r: { cursor: 5 } } } },
    _local: { first_run: false },
    ...overrides,
  }
}

describe('pipeline state encoding', () => {
  it('compresses with zlib + base64, without _local, and decompresses back', () => {
    const encoded = compressState(state())
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/)
    const json = JSON.parse(inflateSync(Buffer.from(encoded, 'base64')).toString('utf8'))
    expect(json).not.toHaveProperty('_local')
    expect(decompressState(encoded)).toEqual(json)
    expect(json.sources).toEqual({ src: { resources: { r: { cursor: 5 } } } })
  })

  it('hashes content, not versions, local state or key order', () => {
    const base = stateVersionHash(state())
    expect(base).toMatch(/^[A-Za-z0-9+/]{43}=$/) // sha3-256, base64
    expect(stateVersionHash(state({ _state_version: 9, _version_hash: 'x' }))).toBe(base)
    expect(stateVersionHash(state({ _local: { first_run: true } }))).toBe(base)
    const reordered = state()
    reordered.sources = { src: { resources: { r: { cursor: 5 } } } }
    expect(stateVersionHash({ ...reordered, pipeline_name: 'p' })).toBe(base)
    expect(
      stateVersionHash(state({ sources: { src: { resources: { r: { cursor: 6 } } } } })),
    ).not.toBe(base)
  })
})
