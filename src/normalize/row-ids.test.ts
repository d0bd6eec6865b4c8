import { describe, expect, it } from 'vitest'
import { generateDltId, writeDltId } from './row-ids.js'

describe.each([
  ['generateDltId', () => generateDltId()],
  [
    'writeDltId',
    () => {
      const out = Buffer.alloc(16, 0x7c)
      writeDltId(out, 1)
      // nothing outside its 14 bytes
      expect([out[0], out[15]]).toEqual([0x7c, 0x7c])
      return out.toString('latin1', 1, 15)
    },
  ],
])('%s', (_name, nextId) => {
  it('is base64 of 10 bytes without padding, as Buffer writes it', () => {
    const ids = new Set<string>()
    // more than one pool of random bytes
    for (let i = 0; i < 10_000; i++) {
      const id = nextId()
      const bytes = Buffer.from(`${id}==`, 'base64')
      expect(bytes.length).toBe(10)
      expect(bytes.toString('base64')).toBe(`${id}==`)
      ids.add(id)
    }
    expect(ids.size).toBe(10_000)
  })
})
