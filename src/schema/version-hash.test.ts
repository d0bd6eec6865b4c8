import { describe, expect, it } from 'vitest'
import { Schema } from './schema.js'
import { bumpVersion, generateVersionHash } from './version-hash.js'

function schemaWith(columns: string[]): Schema {
  const schema = new Schema('s')
  schema.updateTable({
    name: 't',
    columns: Object.fromEntries(columns.map((c) => [c, { name: c, data_type: 'text' as const }])),
  })
  return schema
}

describe('schema version hash', () => {
  it('sets the first hash without bumping, then bumps only on change', () => {
    const schema = schemaWith(['a'])
    expect(schema.bumpVersion()).toBe(false)
    expect(schema.version).toBe(1)
    const first = schema.versionHash
    expect(schema.bumpVersion()).toBe(false)
    schema.updateTable({ name: 't', columns: { b: { name: 'b', data_type: 'bigint' } } })
    expect(schema.bumpVersion()).toBe(true)
    expect(schema.version).toBe(2)
    expect(schema.toStored().previous_hashes).toEqual([first])
  })

  it('depends on column order but not on version fields', () => {
    const ab = schemaWith(['a', 'b']).toStored()
    const ba = schemaWith(['b', 'a']).toStored()
    expect(generateVersionHash(ab)).not.toBe(generateVersionHash(ba))
    const bumped = { ...ab, version: 7, version_hash: 'x', previous_hashes: ['y'] }
    expect(generateVersionHash(bumped)).toBe(generateVersionHash(ab))
  })

  it('keeps at most 10 previous hashes', () => {
    const stored = schemaWith(['a']).toStored()
    bumpVersion(stored)
    for (let i = 0; i < 12; i++) {
      stored.tables['t']!.columns[`c${i}`] = { name: `c${i}`, data_type: 'text' }
      bumpVersion(stored)
    }
    expect(stored.version).toBe(13)
    expect(stored.previous_hashes).toHaveLength(10)
  })
})
