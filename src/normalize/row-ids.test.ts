import { describe, expect, it } from 'vitest'
import { generateDltId } from './row-ids.js'

describe('generateDltId', () => {
  it('is base64 of 10 bytes without padding, as Buffer writes it', () => {
    const ids = new Set<string>()
    // more than one pool of random bytes
    for (let i = 0; i < 10_000; i++) {
      const id = generateDltId()
      const bytes = Buffer.from(`${id}==`, 'base64')
      expect(bytes.length).toBe(10)
      expect(bytes.toString('base64')).toBe(`${id}==`)
      ids.add(id)
    }
    expect(ids.size).toBe(10_000)
  })
})
