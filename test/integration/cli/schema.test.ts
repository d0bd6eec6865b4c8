/**
 * `dlt-ts schema <file> --format json|yaml`: reads a stored schema as JSON or as YAML (ours, and
 * PyYAML's style as dlt exports it), validates it and converts it; the YAML written reads back
 * to the same schema.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoredSchema } from '../../../src/index.js'
import { runCli } from '../../support/run-cli.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
let stored: StoredSchema
const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-schema-cli-'))

beforeAll(async () => {
  temp = createTempPipelineDir('dlt-ts-schema-cli-')
  const pipeline = temp.pipeline('schema_cli')
  await pipeline.run(
    [{ id: 1, when: new Date(), price: 1.5, 'odd: name': 'yes', tags: ['a'], meta: { on: true } }],
    { tableName: 'items', primaryKey: 'id', writeDisposition: 'merge' },
  )
  stored = pipeline.schema!
})
afterAll(() => {
  temp.cleanup()
  rmSync(dir, { recursive: true, force: true })
})

function write(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('dlt-ts schema', () => {
  it('converts JSON to YAML and back to the same schema', async () => {
    const json = write('s.schema.json', JSON.stringify(stored))
    const yaml = await runCli('schema', json)
    expect(yaml.code).toBe(0)
    expect(yaml.out).toMatch(/^name: schema_cli$/m)
    expect(yaml.out).toMatch(/^ {4}write_disposition: merge$/m)
    const back = await runCli('schema', write('s.schema.yaml', yaml.out), '--format', 'json')
    expect(back.code).toBe(0)
    expect(JSON.parse(back.out)).toEqual(stored)
  })

  it("reads YAML in dlt's export style: names left out, sequences at their key's indent", async () => {
    const path = write(
      'dlt.schema.yml',
      `version: 3
version_hash: abc=
engine_version: 11
name: shop
tables:
  orders:
    columns:
      id:
        nullable: false
        primary_key: true
        data_type: bigint
      note:
        data_type: text
    write_disposition: merge
    description: Orders as the shop exports them, with a description long enough to be
      folded over two lines
  orders__lines:
    columns:
      sku:
        data_type: text
    parent: orders
settings:
  detections:
  - iso_timestamp
  default_hints:
    not_null:
    - _dlt_id # a comment
    - '_dlt_load_id'
previous_hashes: []
`,
    )
    const result = await runCli('schema', path, '--format', 'json')
    expect(result.err).toBe('')
    const schema = JSON.parse(result.out)
    expect(schema.tables.orders).toMatchObject({
      name: 'orders',
      write_disposition: 'merge',
      description:
        'Orders as the shop exports them, with a description long enough to be folded over two lines',
      columns: { id: { name: 'id', nullable: false, primary_key: true, data_type: 'bigint' } },
    })
    expect(schema.tables.orders__lines.parent).toBe('orders')
    expect(schema.settings).toEqual({
      detections: ['iso_timestamp'],
      default_hints: { not_null: ['_dlt_id', '_dlt_load_id'] },
    })
  })

  it('names every problem of an invalid schema and exits 1', async () => {
    const bad = structuredClone(stored) as any
    bad.engine_version = 9
    bad.tables.items.columns.id.data_type = 'integer'
    bad.tables.items__tags.parent = 'nope'
    const result = await runCli('schema', write('bad.schema.json', JSON.stringify(bad)))
    expect(result.code).toBe(1)
    expect(result.out).toBe('')
    expect(result.err).toContain('is not a valid dlt schema')
    expect(result.err).toContain('`engine_version` is 9')
    expect(result.err).toContain('column "id" of table "items" has an unknown data_type "integer"')
    expect(result.err).toContain('table "items__tags" has parent "nope"')

    const missing = await runCli('schema', join(dir, 'missing.json'))
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/missing\.json is not a valid dlt schema: it cannot be read/)
    const broken = await runCli('schema', write('broken.yaml', 'name: [x\n  - y: {a: 1}\n'))
    expect(broken.code).toBe(1)
    expect(broken.err).toMatch(/it is not valid YAML: line \d+/)
  })
})
