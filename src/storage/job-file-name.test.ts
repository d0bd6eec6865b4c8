import { describe, expect, it } from 'vitest'
import { formatJobFileName, parseJobFileName } from './job-file-name.js'

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

  it('rejects names that are not job files', () => {
    expect(() => parseJobFileName('schema.json')).toThrow(/Not a job file name/)
  })
})
