/**
 * The filesystem destination keeps every file inside `<bucket>/<dataset>/` (issue #14.3): unsafe
 * table, dataset and schema names and `layout` placeholders are refused with an error naming
 * them, the local transport refuses keys that leave the bucket, and a job whose file could not
 * be written fails instead of being reported as loaded. Pipeline-level vectors are in
 * `test/integration/pipeline/unsafe-names.test.ts`.
 */
import { type Dirent, mkdirSync, readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { filesystem, LocalFileTransport } from '../../../src/destinations/filesystem/index.js'
import * as dlt from '../../../src/index.js'
import { createSchema, createTempDir, rootTable, type TempDir } from './destination-test-kit.js'

let temp: TempDir
let bucket: string
beforeEach(() => {
  temp = createTempDir('dlt-ts-fs-names-')
  bucket = temp.path('root/bucket')
  mkdirSync(bucket, { recursive: true })
})
afterEach(() => temp.cleanup())

/** Every entry below the temp dir, relative to it, with `/` separators. */
function listTree(dir = temp.dir): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .map((entry) =>
      relative(dir, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join('/'),
    )
    .sort()
}

/** Entries of the temp dir outside `root/` (the bucket's and the pipelines' parent). */
const outsideRoot = () => listTree().filter((path) => path !== 'root' && !path.startsWith('root/'))

const UNSAFE = ['..', '.', 'a/b', '../../x', 'a\\b', 'a\0b', '/tmp/x'] as const

describe('table names', () => {
  it.each(UNSAFE)('refuses table %j before writing any of its files', async (name) => {
    const client = filesystem({ bucketUrl: bucket }).createClient({
      pipelineName: 'p',
      datasetName: 'data',
    })
    const schema = createSchema('s', [rootTable(name, { id: { data_type: 'bigint' } })])
    await client.initializeStorage()
    await expect(client.updateStoredSchema(schema, [name], [])).rejects.toThrow(
      `Table ${JSON.stringify(name)} cannot be a folder of the filesystem destination`,
    )
    expect(listTree(bucket)).toEqual(['data', 'data/init'])
    expect(outsideRoot()).toEqual([])
  })
})

describe('dataset names', () => {
  it.each([...UNSAFE, ''])('refuses dataset %j when the client is created', (name) => {
    expect(() =>
      filesystem({ bucketUrl: bucket }).createClient({ pipelineName: 'p', datasetName: name }),
    ).toThrow(
      `The \`datasetName\` ${JSON.stringify(name)} cannot be a folder of the filesystem destination`,
    )
    expect(listTree(bucket)).toEqual([])
  })
})

describe('schema names', () => {
  it('refuses a schema name that would leave the dataset through {schema_name}', async () => {
    const client = filesystem({
      bucketUrl: bucket,
      layout: '{schema_name}/{table_name}/{load_id}.{file_id}.{ext}',
    }).createClient({ pipelineName: 'p', datasetName: 'data' })
    const schema = createSchema('../../x', [rootTable('items', { id: { data_type: 'bigint' } })])
    await client.initializeStorage()
    await expect(client.updateStoredSchema(schema, ['items'], [])).rejects.toThrow(
      'Schema "../../x" cannot be a file name of the filesystem destination',
    )
    expect(outsideRoot()).toEqual([])
  })
})

describe('layouts', () => {
  it.each([
    '../{table_name}/{load_id}.{file_id}.{ext}',
    '{table_name}/../../{load_id}.{file_id}.{ext}',
    '{table_name}/./{load_id}.{file_id}.{ext}',
    '{table_name}/a\\b/{load_id}.{ext}',
  ])('refuses layout %j when the destination is created', (layout) => {
    expect(() => filesystem({ bucketUrl: bucket, layout })).toThrow(/`layout` option .* not usable/)
  })

  it.each(['../../x', '..', 'a\0b', 'a\\b'])(
    'fails the job, not the bucket, when an extra placeholder gives %j',
    async (value) => {
      const pipeline = dlt.pipeline({
        pipelineName: 'placeholders',
        destination: filesystem({
          bucketUrl: bucket,
          layout: '{table_name}/{where}/{load_id}.{file_id}.{ext}',
          extraPlaceholders: { where: () => value },
        }),
        datasetName: 'data',
        pipelinesDir: temp.path('root/pipelines'),
      })
      const error = await pipeline.run([{ id: 1 }], { tableName: 'items' }).then(
        () => undefined,
        (e: unknown) => e as Error,
      )
      expect(error?.message).toMatch(/Load job failed for table "items".*is not a safe key segment/)
      expect(listTree(join(bucket, 'data')).filter((p) => p.startsWith('items/'))).toEqual([])
      expect(outsideRoot()).toEqual([])
    },
  )
})

describe('LocalFileTransport', () => {
  it.each(['../x', 'a/../../x', '/etc/passwd/../../x/../..', 'a\0b'])(
    'refuses key %j, which leaves the bucket',
    async (key) => {
      const transport = new LocalFileTransport(bucket)
      await expect(transport.writeFile(key, 'x')).rejects.toThrow(RangeError)
      await expect(transport.readText(key)).rejects.toThrow(RangeError)
      expect(outsideRoot()).toEqual([])
    },
  )

  it('keeps keys inside the bucket working, the root included', async () => {
    const transport = new LocalFileTransport(bucket)
    await transport.writeFile('a/b.txt', 'x')
    expect(await transport.readText('a/b.txt')).toBe('x')
    expect(await transport.listFiles('')).toEqual(['a/b.txt'])
  })
})
