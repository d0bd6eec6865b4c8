import { describe, expect, it } from 'vitest'
import { formatJobFileName, orderedFileIds, parseJobFileName } from './job-file-name.js'

describe('job file names', () => {
  it.each([
    [
      'issues.abc123.0.jsonl',
      { tableName: 'issues', fileId: 'abc123', retryCount: 0, format: 'jsonl' },
    ],
    [
      'issues__labels.x.2.typed-jsonl',
      { tableName: 'issues__labels', fileId: 'x', retryCount: 2, format: 'typed-jsonl' },
    ],
    [
      '_dlt_pipeline_state.f.0.jsonl',
      { tableName: '_dlt_pipeline_state', fileId: 'f', retryCount: 0, format: 'jsonl' },
    ],
  ])('parses %s', (name, parts) => {
    expect(parseJobFileName(name)).toEqual(parts)
  })

  it('round-trips and makes a fresh file id each time', () => {
    const a = formatJobFileName('events', 'jsonl')
    const b = formatJobFileName('events', 'jsonl')
    expect(a).not.toBe(b)
    expect(parseJobFileName(a)).toMatchObject({
      tableName: 'events',
      retryCount: 0,
      format: 'jsonl',
    })
  })

  // `direct` naming (custom destinations) keeps table names as they are: the file name encodes
  // them so that a job file is always one file inside its package's jobs folder
  it.each([
    ['../../x', '..%2F..%2Fx.f.0.jsonl'],
    ['..', '%2E%2E.f.0.jsonl'],
    ['a/b', 'a%2Fb.f.0.jsonl'],
    ['a\\b', 'a%5Cb.f.0.jsonl'],
    ['a\0b', 'a%00b.f.0.jsonl'],
    ['/tmp/x', '%2Ftmp%2Fx.f.0.jsonl'],
    ['50%off', '50%25off.f.0.jsonl'],
    ['a.b', 'a.b.f.0.jsonl'],
    ['Ünïcödé▶child', 'Ünïcödé▶child.f.0.jsonl'],
  ])('encodes table %j as %j and parses it back', (tableName, fileName) => {
    expect(formatJobFileName(tableName, 'jsonl', 'f')).toBe(fileName)
    expect(parseJobFileName(fileName)).toEqual({
      tableName,
      fileId: 'f',
      retryCount: 0,
      format: 'jsonl',
    })
  })

  it.each([
    ['events', '../x', 'jsonl'],
    ['events', 'f', 'a/b'],
    ['events', 'a\0', 'jsonl'],
  ])('refuses a file id or format that is not a plain name (%j, %j, %j)', (table, id, format) => {
    expect(() => formatJobFileName(table, format, id)).toThrow(RangeError)
  })

  it('rejects names that are not job files', () => {
    expect(() => parseJobFileName('schema.json')).toThrow(/Not a job file name/)
  })
})

describe('orderedFileIds', () => {
  it('makes unique plain 10-character ids that sort in the order they were made', () => {
    const next = orderedFileIds()
    // past the first carries of the base-36 counter (36, 1296, 46656)
    const ids = Array.from({ length: 50_000 }, () => next())
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of [ids[0]!, ids[35]!, ids[36]!, ids.at(-1)!]) {
      expect(id).toMatch(/^[0-9a-z]{6}[0-9a-f]{4}$/)
      expect(parseJobFileName(formatJobFileName('t', 'jsonl', id)).fileId).toBe(id)
    }
  })

  it('gives each source its own order: a second one starts at the beginning', () => {
    const first = orderedFileIds()
    first()
    first()
    expect(orderedFileIds()().slice(0, 6)).toBe('000000')
  })
})
