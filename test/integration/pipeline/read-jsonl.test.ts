/**
 * `dlt.readJsonl` end to end into DuckDB: pages of JSON lines copied into the package when nothing
 * needs the items, parsed when something does — the dataset is the same either way.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { dumpDataset } from '../../support/dump-dataset.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

const records = Array.from({ length: 250 }, (_, id) => ({
  id,
  title: id % 7 === 0 ? `naïve “quotes” ✓ ${id}` : `issue ${id}`,
  created_at: `2024-01-${String((id % 28) + 1).padStart(2, '0')}T10:00:00Z`,
  user: { login: `u${id % 5}`, site_admin: id % 2 === 0 },
  labels: Array.from({ length: id % 3 }, (_, n) => ({ name: `l${n}`, color: null })),
  reactions: { '+1': id % 4, total_count: id },
  score: id % 3 === 0 ? null : id / 4,
}))

function writeJsonl(name: string, rows: readonly unknown[], ending = '\n'): string {
  const path = join(temp.dir, name)
  writeFileSync(path, rows.map((row) => JSON.stringify(row)).join(ending) + ending)
  return path
}

describe('dlt.readJsonl', () => {
  it('loads a file exactly as the same records given as objects', async () => {
    const path = writeJsonl('issues.jsonl', records)
    const fromFile = temp.pipeline('from_file', { datasetName: 'from_file' })
    const info = await fromFile.run(dlt.readJsonl(path, { blockBytes: 4096 }))
    expect(info.rowCounts['issues']).toBe(250)
    const fromObjects = temp.pipeline('from_objects', { datasetName: 'from_objects' })
    await fromObjects.run(records, { tableName: 'issues' })
    const fileDump = await dumpDataset(temp.dbPath, 'from_file')
    expect(fileDump).toEqual(await dumpDataset(temp.dbPath, 'from_objects'))
    expect(Object.keys(fileDump.tables)).toContain('issues__labels')
    expect(fromFile.schema?.tables['issues']?.columns['created_at']?.data_type).toBe('timestamp')
  })

  it('reads several files, CRLF lines, blank lines and a last line without newline', async () => {
    const first = writeJsonl('a.jsonl', records.slice(0, 100), '\r\n')
    const second = join(temp.dir, 'b.jsonl')
    const rest = records.slice(100).map((row) => JSON.stringify(row))
    writeFileSync(second, `${rest.slice(0, 50).join('\n')}\n\n${rest.slice(50).join('\n')}`)
    const pipeline = temp.pipeline('files')
    const info = await pipeline.run(dlt.readJsonl([first, second], { blockBytes: 1000 }))
    expect(info.rowCounts['a']).toBe(250)
    const [row] = await pipeline.dataset().query('select count(distinct id) as n from a')
    expect(Number(row?.['n'])).toBe(250)
  })

  it('reads lines far longer than a block, and a long last line without newline', async () => {
    const long = (id: number, size: number) => ({ id, text: `${id}:${'ü'.repeat(size)}` })
    const rows = [long(1, 10), long(2, 150_000), long(3, 5), long(4, 70_000), long(5, 90_000)]
    const path = join(temp.dir, 'long.jsonl')
    writeFileSync(path, rows.map((row) => JSON.stringify(row)).join('\n'))
    const pipeline = temp.pipeline('long_lines')
    const info = await pipeline.run(dlt.readJsonl(path, { blockBytes: 1000 }))
    expect(info.rowCounts['long']).toBe(5)
    const loaded = await pipeline.dataset().query('select id, text from long order by id')
    expect(loaded.map((row) => [Number(row['id']), row['text']])).toEqual(
      rows.map((row) => [row.id, row.text]),
    )
  })

  it('keeps a string that starts with a typed-JSON prefix character as text', async () => {
    const path = writeJsonl('odd.jsonl', [
      { id: 1, code: '\uF02C123' },
      { id: 2, code: 'x' },
    ])
    const pipeline = temp.pipeline('odd')
    await pipeline.run(dlt.readJsonl(path))
    const rows = await pipeline.dataset().query('select code from odd order by id')
    expect(rows.map((r) => r['code'])).toEqual(['\uF02C123', 'x'])
  })

  it('applies steps, table-name functions and hints to the parsed items', async () => {
    const path = writeJsonl('issues.jsonl', records)
    const pipeline = temp.pipeline('steps')
    const issues = dlt
      .readJsonl<(typeof records)[number]>(path, {
        primaryKey: 'id',
        tableName: (issue) => (issue.id % 2 === 0 ? 'even' : 'odd'),
      })
      .addFilter((issue) => issue.id < 10)
      .addMap((issue) => ({ ...issue, doubled: issue.id * 2 }))
    const info = await pipeline.run(issues)
    expect(info.rowCounts).toMatchObject({ even: 5, odd: 5 })
    const rows = await pipeline.dataset().query('select id, doubled from odd order by id')
    expect(rows.map((r) => Number(r['doubled']))).toEqual([2, 6, 10, 14, 18])
    expect(pipeline.schema?.tables['even']?.columns['id']?.primary_key).toBe(true)
  })

  it('feeds a transformer parsed items while its own lines load', async () => {
    const path = writeJsonl('issues.jsonl', records.slice(0, 20))
    const issues = dlt.readJsonl<(typeof records)[number]>(path)
    const owners = dlt.transformer(
      (page: (typeof records)[number][]) => page.map((issue) => ({ id: issue.id, ...issue.user })),
      { dataFrom: issues, name: 'owners' },
    )
    const pipeline = temp.pipeline('transformer')
    const info = await pipeline.run([issues, owners])
    expect(info.rowCounts).toMatchObject({ issues: 20, owners: 20 })
    const rows = await pipeline.dataset().query('select login from owners where id = 7')
    expect(rows).toEqual([{ login: 'u2' }])
  })

  it('loads only new lines with an incremental cursor', async () => {
    const path = writeJsonl('events.jsonl', records.slice(0, 100))
    const events = () =>
      dlt.readJsonl(path, {
        incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }),
      })
    const pipeline = temp.pipeline('cursor')
    expect((await pipeline.run(events())).rowCounts['events']).toBe(100)
    writeJsonl('events.jsonl', records.slice(0, 150))
    expect((await pipeline.run(events())).rowCounts['events']).toBe(50)
  })

  it('fails at extract naming the file and line of a line that is not JSON', async () => {
    const path = join(temp.dir, 'broken.jsonl')
    writeFileSync(path, '{"id":1}\n{"id":2\n{"id":3}\n')
    const pipeline = temp.pipeline('broken')
    await expect(pipeline.run(dlt.readJsonl(path))).rejects.toThrow(
      /broken\.jsonl, line 2: not valid JSON/,
    )
  })

  it('fails in normalize naming the table when a copied line is not JSON', async () => {
    const path = join(temp.dir, 'inside.jsonl')
    writeFileSync(path, '{"id":1}\n{"id": }\n')
    const pipeline = temp.pipeline('inside')
    const error = (await pipeline.run(dlt.readJsonl(path)).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(/failed in step normalize/)
    expect(error.message).toMatch(/Table "inside": an extracted item is not valid JSON/)
    expect(error.message).toMatch(/dropPendingPackages/)
  })
})
