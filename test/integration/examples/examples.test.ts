/**
 * The examples the docs point to must run: each is executed as its own process.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { findPostgres } from '../sql-database/sql-test-servers.js'

const noPostgres = await findPostgres()
const root = new URL('../../../', import.meta.url).pathname

function runExample(path: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('examples', () => {
  it('rest-client/paginate-local-api.ts paginates a local API and shows a masked error', () => {
    const out = runExample('examples/rest-client/paginate-local-api.ts')
    expect(out.length).toBeGreaterThan(0)
    expect(out).toMatch(/404/)
  })

  it('rest-api/load-issue-tracker.ts loads a local API, then only what changed', () => {
    const out = runExample('examples/rest-api/load-issue-tracker.ts')
    expect(out).toContain('second run loaded 2 issue(s)')
    expect(out).toContain('Slow CSV export')
  })

  it('typing/validated-users.ts takes columns from a zod schema and drops the invalid user', () => {
    const out = runExample('examples/typing/validated-users.ts')
    expect(out).toContain('loaded 2 of 3 users')
    expect(out).toMatch(/signed_up: timestamp\n\s+plan: text\n\s+settings: json/)
    expect(out).toContain('1 example.com, 3 example.com')
  })

  it('resources/incremental-api.ts loads, then merges only what changed', () => {
    const out = runExample('examples/resources/incremental-api.ts')
    expect(out).toContain('second run loaded 2 ticket(s)')
    expect(out).toContain('Login fails on Safari')
  })

  it('cli/inspect-a-pipeline.ts runs the dlt-ts commands and the browser on a failed load', () => {
    const out = runExample('examples/cli/inspect-a-pipeline.ts')
    expect(out).toMatch(/^shop \(last run: /m)
    expect(out).toMatch(/^JOB: refunds\.\w+\.0\.jsonl table refunds, .*\(package still pending\)$/m)
    expect(out).toContain('CHECK constraint failed')
    expect(out).toMatch(/^Dropped \d+\.\d+$/m)
    expect(out).toContain('error: Pipeline "nonexistent" not found in ')
    expect(out).toContain('show: a query → [{"sku":"mug","qty":1},{"sku":"tea","qty":3}]')
  })

  it('dataset/read-values.ts reads back numbers, exact strings and BigInt on request', () => {
    const out = runExample('examples/dataset/read-values.ts')
    expect(out).toContain('count: 1\n')
    expect(out).toContain('"ledger_id":"1152921504606846976","amount":"19.990000000"')
    expect(out).toContain('bigint: 1n 1152921504606846976n')
  })

  it('filesystem/load-files.ts loads CSV, gzip CSV, Parquet and JSON lines, then one new file', () => {
    const out = runExample('examples/filesystem/load-files.ts')
    expect(out).toContain(
      'first run: {"_dlt_pipeline_state":1,"events":3,"events__formats":2,"orders":5,"products":3}',
    )
    expect(out).toContain('second run loaded 1 order(s)')
    expect(out).toContain('Smith, Ann: 2 order(s), 27.15')
    expect(out).toContain('export formats: csv, parquet')
  })

  it('filesystem/s3-round-trip.ts writes Parquet to a local S3 server and reads it back', () => {
    const out = runExample('examples/filesystem/s3-round-trip.ts')
    expect(out).toContain('in the bucket: 5 orders\nread back: 5 orders\n')
    expect(out).toContain('{"order_id":1001,"customer":"Smith, Ann","amount":19.9}')
  })

  it.skipIf(noPostgres)(
    'sql-database/copy-shop-database.ts copies a PostgreSQL schema, then merges what changed',
    () => {
      const out = runExample('examples/sql-database/copy-shop-database.ts')
      expect(out).toContain('orders.total is decimal(12,2)')
      expect(out).toContain('second run loaded 1 order(s)')
      expect(out).toContain('{"id":2,"total":"5.00","status":"shipped"}')
    },
  )

  it.skipIf(noPostgres)(
    'sql-database/shape-what-is-read.ts picks columns, types and rows with the adapters',
    () => {
      const out = runExample('examples/sql-database/shape-what-is-read.ts')
      expect(out).toContain('email hint: {"nullable":false,"dataType":"text","precision":80}')
      expect(out).toContain('accounts loaded: 8\n')
      expect(out).toContain('columns: id, email, balance, external_id, deleted_at\n')
      expect(out).toContain('deferred copy: 10 rows of id, email')
    },
  )
})
