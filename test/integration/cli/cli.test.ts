/**
 * The `dlt-ts` CLI against a real pipeline's working directory.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/main.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

function cli(...args: string[]): { code: number; out: string } {
  const lines: string[] = []
  const code = main([...args, '--pipelines-dir', temp.pipelinesDir], (line) => lines.push(line))
  return { code, out: lines.join('\n') }
}

describe('dlt-ts pipeline', () => {
  it('shows info, the schema, and drops pending packages', async () => {
    const pipeline = temp.pipeline('cli_demo')
    await pipeline.run([{ id: 1, tags: ['a'] }], { tableName: 'items' })
    await pipeline.extract([{ id: 2 }], { tableName: 'items' })

    const info = cli('pipeline', 'cli_demo', 'info')
    expect(info.code).toBe(0)
    expect(info.out).toMatch(/schema cli_demo version \d+, tables:/)
    expect(info.out).toMatch(/items \(\d+ columns, append\)/)
    expect(info.out).toMatch(/items__tags/)
    expect(info.out).toMatch(/pending packages: 1 extracted, 0 normalized/)

    const schema = cli('pipeline', 'cli_demo', 'schema')
    expect(JSON.parse(schema.out)).toMatchObject({ name: 'cli_demo', engine_version: 11 })

    expect(cli('pipeline', 'cli_demo', 'drop-pending').out).toMatch(/^dropped \d+\.\d+$/)
    expect(cli('pipeline', 'cli_demo', 'drop-pending').out).toBe('no pending packages')
  })

  it('prints usage and exits 2 on a bad command', () => {
    expect(cli('nope').code).toBe(2)
    expect(cli('pipeline', 'x', 'explode')).toMatchObject({ code: 2 })
  })
})
