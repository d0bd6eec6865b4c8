/**
 * The `dlt-ts` command against real pipelines' working directories and a real DuckDB file:
 * version, help and usage errors with their exit codes, and every `pipeline` operation.
 */
import { readFileSync } from 'node:fs'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { runCli } from '../../support/run-cli.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { countRows, createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
const savedEnv = process.env['DESTINATION__DUCKDB__CREDENTIALS']

beforeAll(() => {
  temp = createTempPipelineDir('dlt-ts-cli-')
  // the CLI opens pipelines by name: their DuckDB file comes from configuration, as for dlt
  process.env['DESTINATION__DUCKDB__CREDENTIALS'] = temp.dbPath
})
afterAll(() => {
  if (savedEnv === undefined) delete process.env['DESTINATION__DUCKDB__CREDENTIALS']
  else process.env['DESTINATION__DUCKDB__CREDENTIALS'] = savedEnv
  temp.cleanup()
})

const inDir = (...args: string[]) => runCli(...args, '--pipelines-dir', temp.pipelinesDir)

/** A pipeline named by the CLI's way: destination 'duckdb', its file from the environment. */
function namedPipeline(name: string) {
  return dlt.pipeline({
    pipelineName: name,
    destination: 'duckdb',
    datasetName: `${name}_data`,
    pipelinesDir: temp.pipelinesDir,
  })
}

/** Makes the next load of table `bad` fail: a CHECK constraint the data violates. */
async function createFailingTable(dataset: string): Promise<void> {
  const instance = await DuckDBInstance.create(temp.dbPath)
  const connection = await instance.connect()
  await connection.run(`create schema if not exists ${dataset}`)
  await connection.run(
    `create table ${dataset}.bad (id BIGINT CHECK (id < 100), _dlt_load_id VARCHAR NOT NULL, _dlt_id VARCHAR NOT NULL)`,
  )
  connection.closeSync()
  instance.closeSync()
}

describe('dlt-ts: version, help, usage errors', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(await runCli('--version')).toMatchObject({ code: 0, out: version })
  })

  it('prints help for every command with exit code 0', async () => {
    for (const args of [
      [],
      ['pipeline'],
      ['pipeline', 'x', 'info'],
      ['pipeline', 'x', 'drop'],
      ['pipeline', 'x', 'show'],
      ['schema'],
      ['init'],
      ['worker'],
    ]) {
      const result = await runCli(...args, '--help')
      expect(result.code, args.join(' ')).toBe(0)
      expect(result.out, args.join(' ')).toMatch(/^Usage: dlt-ts/)
    }
    expect((await runCli('pipeline', 'x', 'drop', '--help')).out).toMatch(
      /^Usage: dlt-ts pipeline <name> drop <resource\.\.\.> \[options\]/,
    )
    expect((await runCli('worker', '--help')).out).toMatch(
      /^Usage: dlt-ts worker \[options\] <module>[\s\S]*--shared-dir <dir>/,
    )
    expect(await runCli('worker', 'sources.ts')).toMatchObject({ code: 2 })
  })

  it('rejects unknown commands and options with one line and the usage, exit code 2', async () => {
    for (const [args, message] of [
      [['bogus'], "error: unknown command 'bogus'"],
      [['--bogus'], "error: unknown option '--bogus'"],
      [['pipeline', 'x', 'info', '--bogus'], "error: unknown option '--bogus'"],
      [['pipeline', 'x', 'explode'], "error: unknown pipeline operation 'explode'"],
      [
        ['pipeline', 'x', 'schema', '--format', 'xml'],
        "error: option '--format <format>' argument 'xml' is invalid",
      ],
      [['schema'], "error: missing required argument 'file'"],
    ] as const) {
      const result = await runCli(...args)
      expect(result.code, args.join(' ')).toBe(2)
      const [first, usage] = result.err.split('\n')
      expect(first, args.join(' ')).toMatch(new RegExp(`^${escapeRegExp(message)}`))
      expect(usage, args.join(' ')).toMatch(/^usage: dlt-ts/)
      expect(result.err).not.toMatch(/\n\s+at /)
    }
  })
})

describe('dlt-ts pipeline', () => {
  it('lists pipelines and names the folder and the pipelines when one does not exist', async () => {
    await namedPipeline('listed').run([{ id: 1 }], { tableName: 'items' })
    const list = await inDir('pipeline', '--list')
    expect(list.code).toBe(0)
    expect(list.out).toContain(`found in ${temp.pipelinesDir}`)
    expect(list.out).toMatch(/^listed \(last run: \d{4}-/m)

    const missing = await inDir('pipeline', 'nonexistent', 'info')
    expect(missing.code).toBe(1)
    expect(missing.out).toBe('')
    expect(missing.err).toContain(`Pipeline "nonexistent" not found in ${temp.pipelinesDir}`)
    expect(missing.err).toMatch(/Pipelines there: .*listed/)
  })

  it('shows info, trace, packages, failed jobs, the schema; drops pending packages', async () => {
    const pipeline = namedPipeline('ops')
    await pipeline.run([{ id: 1, tags: ['a'] }], { tableName: 'items' })
    await createFailingTable('ops_data')
    await expect(pipeline.run([{ id: 1000 }], { tableName: 'bad' })).rejects.toThrow(/CHECK/)
    const [failedLoadId] = pipeline.pendingPackages().normalized
    // the trace names the failed job's package, table and file (failed-jobs reads them)
    expect(pipeline.lastTrace?.steps.at(-1)?.failure).toEqual({
      loadId: failedLoadId,
      table: 'bad',
      fileName: expect.stringMatching(/^bad\.\w+\.0\.jsonl$/),
    })

    const info = await inDir('pipeline', 'ops', 'info')
    expect(info.code).toBe(0)
    expect(info.out).toContain('destination: duckdb, dataset: ops_data')
    expect(info.out).toMatch(/^ {2}items \(\d+ columns, append, resource items\)$/m)
    expect(info.out).toMatch(/^ {4}items__tags \(\d+ columns, nested\)$/m)
    expect(info.out).toContain('pending packages: 0 extracted, 1 normalized')
    expect(info.out).toContain('loaded packages: 1')
    expect(info.out).toMatch(/last run: .*FAILED/)
    expect((await inDir('pipeline', 'ops')).out).toBe(info.out) // info is the default

    const trace = await inDir('pipeline', 'ops', 'trace')
    expect(trace.out).toMatch(/^step extract completed in \d+ ms/m)
    expect(trace.out).toMatch(/^step load FAILED in/m)
    expect(trace.out).toMatch(/^ {4}bad: 1$/m)

    const failed = await inDir('pipeline', 'ops', 'failed-jobs')
    expect(failed.out).toMatch(
      new RegExp(
        `^JOB: bad\\.\\w+\\.0\\.jsonl table bad, load id ${escapeRegExp(failedLoadId!)}, step load, .*\\(package still pending\\)`,
        'm',
      ),
    )
    expect(failed.out).toContain('CHECK constraint failed')

    const pkg = await inDir('pipeline', 'ops', 'load-package')
    expect(pkg.out).toContain(`Package ${failedLoadId} found in`)
    expect(pkg.out).toContain('stage: normalized, waiting for load')
    expect(pkg.out).toMatch(/bad\.\w+\.0\.jsonl {2}table bad, jsonl, new/)
    const unknown = await inDir('pipeline', 'ops', 'load-package', '123.456')
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain(`its packages are `)

    const yaml = await inDir('pipeline', 'ops', 'schema')
    expect(yaml.out).toMatch(/^name: ops$/m)
    expect(yaml.out).toMatch(/^ {2}items__tags:\n {4}name: items__tags$/m)
    const json = JSON.parse((await inDir('pipeline', 'ops', 'schema', '--format', 'json')).out)
    expect(json).toMatchObject({ name: 'ops', engine_version: 11 })
    // row types for pipeline.dataset<Tables>()
    const ts = (await inDir('pipeline', 'ops', 'schema', '--format', 'ts')).out
    expect(ts).toMatch(/^export interface ItemsTags \{$/m)
    expect(ts).toMatch(/^ {2}items__tags: ItemsTags$/m)

    // without --yes and without a terminal nothing is dropped
    const refused = await inDir('pipeline', 'ops', 'drop-pending-packages')
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/not confirmed: nothing changed\. Pass --yes/)
    expect(pipeline.pendingPackages().normalized).toEqual([failedLoadId])
    const dropped = await inDir('pipeline', 'ops', 'drop-pending-packages', '--yes')
    expect(dropped.out).toContain(`Dropped ${failedLoadId}`)
    expect(pipeline.pendingPackages().normalized).toEqual([])
    expect((await inDir('pipeline', 'ops', 'drop-pending-packages')).out).toBe(
      'No pending packages found',
    )
    const afterDrop = await inDir('pipeline', 'ops', 'failed-jobs')
    expect(afterDrop.out).toContain(`load id ${failedLoadId}`)
    expect(afterDrop.out).not.toContain('(package still pending)')
  })

  it('says which commands work for a destination made in code', async () => {
    const sink: unknown[] = []
    const pipeline = dlt.pipeline({
      pipelineName: 'to_sink',
      destination: dlt.destination(async (items) => void sink.push(...items), { name: 'my_sink' }),
      pipelinesDir: temp.pipelinesDir,
    })
    await pipeline.run([{ id: 1 }], { tableName: 'items' })
    expect(sink).toHaveLength(1)
    expect((await inDir('pipeline', 'to_sink', 'info')).out).toContain('destination: my_sink')
    const drop = await inDir('pipeline', 'to_sink', 'drop', 'items', '--yes')
    expect(drop.code).toBe(1)
    expect(drop.err).toMatch(
      /loads into destination "my_sink", which dlt-ts can only open from your code/,
    )
    expect(sink).toHaveLength(1)
  })

  it("drops a resource's tables and state, and syncs from the destination", async () => {
    const pipeline = namedPipeline('dropper')
    await pipeline.run([{ id: 1, tags: ['a'] }], { tableName: 'items' })
    await pipeline.run([{ id: 2 }], { tableName: 'keep' })

    const unknown = await inDir('pipeline', 'dropper', 'drop', 'nope', '--yes')
    expect(unknown.code).toBe(1)
    expect(unknown.err).toMatch(
      /no resource "nope" in schema "dropper": its resources are items, keep/,
    )

    const noSchema = await inDir(
      'pipeline',
      'dropper',
      'drop',
      'items',
      '--schema',
      'nope',
      '--yes',
    )
    expect(noSchema).toMatchObject({ code: 1, out: '' })
    expect(noSchema.err).toBe(
      'error: Pipeline "dropper" has no schema "nope": its schemas are dropper.',
    )

    const drop = await inDir('pipeline', 'dropper', 'drop', 'items', '--yes')
    expect(drop.code).toBe(0)
    expect(drop.out).toContain('About to drop tables items, items__tags from dataset dropper_data')
    const tables = await pipeline.dataset().tables()
    expect(tables).not.toContain('items')
    expect(tables).not.toContain('items__tags')
    expect(await countRows(pipeline, 'keep')).toBe(1)
    // the empty run of the drop leaves a table entry without columns or data
    expect((await inDir('pipeline', 'dropper', 'info')).out).toMatch(
      /^ {2}items \(0 columns, append, resource items, no data yet\)$/m,
    )

    const sync = await inDir('pipeline', 'dropper', 'sync')
    expect(sync.out).toContain('is up to date with dataset dropper_data')
    // a working directory deleted by hand comes back from the destination
    await pipeline.drop()
    expect((await inDir('pipeline', 'dropper', 'sync')).code).toBe(1)
    const restored = await inDir(
      'pipeline',
      'dropper',
      'sync',
      '--destination',
      'duckdb',
      '--dataset-name',
      'dropper_data',
    )
    expect(restored.out).toContain(
      'Restored state and schemas of dropper from dataset dropper_data',
    )
    expect((await inDir('pipeline', 'dropper', 'info')).out).toMatch(/^ {2}keep \(/m)
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
