/**
 * Test helpers of the distributed tests: worker processes (`children/worker.ts`) serving a module
 * of `children/`, what a pipeline loaded (row count and columns per table, to compare a
 * distributed run with a single-process one), waiting for a shared folder to empty, and the
 * control files that steer the workers' sources.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type * as dlt from '../../../src/index.js'

const workerFile = new URL('./children/worker.ts', import.meta.url).pathname

/** Row count and columns of every data table of a schema. */
export type Contents = Record<string, { rows: number; columns: string[] }>

/** How to start a worker process. */
export interface WorkerProcessOptions {
  readonly sharedDir: string
  readonly prefix: string
  /** A file of `children/` exporting the sources. */
  readonly module: string
  readonly env?: Record<string, string>
  readonly lockMs?: number
}

/** Starts a worker process; resolves once it listens on the queue. */
export function startWorkerProcess(options: WorkerProcessOptions): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const { sharedDir, prefix, module, env = {}, lockMs = 2_500 } = options
    const args = [workerFile, sharedDir, prefix, String(lockMs), module]
    const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    let stderr = ''
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    proc.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(proc)
    })
    proc.on('error', reject)
    proc.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${stderr}`)))
  })
}

/** Row count of every data table of the schema `schemaName`, and its columns. */
export async function contents(pipeline: dlt.Pipeline, schemaName: string): Promise<Contents> {
  const out: Contents = {}
  const schema = pipeline.schemas[schemaName]!
  for (const [name, table] of Object.entries(schema.tables)) {
    if (name.startsWith('_dlt_')) continue
    const rows = await pipeline.dataset().rows(name)
    out[name] = { rows: rows.length, columns: Object.keys(table.columns).sort() }
  }
  return out
}

/** The entries of `dir` once it is empty, or after 5 s (tasks of a failed run may still end). */
export async function emptied(dir: string): Promise<string[]> {
  for (let waited = 0; waited < 5_000 && readdirSync(dir).length; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return readdirSync(dir)
}

/**
 * Runs `fn` while the control file `name` exists in `control` (see `children/shop-source.ts`:
 * `fail-customers` makes the customers resource fail); resolves with what `fn` gave or threw.
 */
export async function withControlFile(
  control: string,
  name: string,
  fn: () => Promise<unknown>,
): Promise<unknown> {
  writeFileSync(join(control, name), '')
  try {
    return await fn().catch((caught: unknown) => caught)
  } finally {
    rmSync(join(control, name), { force: true })
  }
}
