import { describe, expect, it } from 'vitest'
import { guessMimeType } from './mime-type.js'

describe('guessMimeType (dlt guess_mime_type)', () => {
  it.each([
    ['orders.csv', { mimeType: 'text/csv' }],
    ['dir/orders.csv.gz', { mimeType: 'text/csv', encoding: 'gzip' }],
    ['part-0.parquet', { mimeType: 'application/parquet' }],
    ['events.jsonl', { mimeType: 'application/jsonl' }],
    // dlt falls back to the last extension when the inner one is unknown
    ['events.jsonl.gz', { mimeType: 'application/gz', encoding: 'gzip' }],
    ['data.json', { mimeType: 'application/json' }],
    ['archive.gz', { mimeType: 'application/gz', encoding: 'gzip' }],
    ['README', { mimeType: 'application/octet-stream' }],
  ])('%s', (name, expected) => {
    expect(guessMimeType(name)).toEqual(expected)
  })
})
