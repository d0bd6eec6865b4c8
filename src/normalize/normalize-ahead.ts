/**
 * @module `NormalizeAhead`: normalizes extracted files on a worker thread while extract is still
 * running, on the core extract leaves idle, so that `pipeline.run()`'s normalize finds them done.
 *
 * It is the speculation of `parallel-normalize.ts` started earlier. When a table's first
 * extracted file is complete, its first piece is normalized against the schema normalize would
 * start from if extract ended now (`predictSchema`), giving the schema normalize's later pieces
 * of the table would see; each later file of the table is normalized against that schema as one
 * task. Normalize takes such a result only where its own schema at the file's turn is the same
 * (`aheadKey`) and the worker did not change it — the condition under which it takes a worker's
 * piece anyway — so a wrong guess costs the work, never the result. The files are written into a
 * scratch folder of the pipeline's; normalize moves the ones it takes into its package.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Schema } from '../schema/schema.js'
import type { FileRotation } from '../storage/writers/buffered-line-writer.js'
import { lineStartAtOrAfter } from '../util/read-lines.js'
import type { NormalizeTask } from './normalize-package.js'
import { NormalizeWorkerPool, type NormalizeWorkerResult } from './normalize-worker-pool.js'

/** The size of a table's first piece, normalized on normalize's own thread. */
export const FIRST_PIECE_BYTES = 256 * 1024

/** The system table whose rows come from the pipeline state, not from the extracted files. */
const PIPELINE_STATE_TABLE = '_dlt_pipeline_state'

/** A file normalize ahead did, against the schema `key` (`aheadKey`). */
export interface AheadResult {
  readonly key: string
  readonly result: Extract<NormalizeWorkerResult, { accepted: true }>
  /** The file's size when it was normalized. */
  readonly bytes: number
}

/** A complete extracted file of `table`. */
export interface AheadFile {
  readonly table: string
  readonly path: string
}

/** Settings of normalize ahead: the package's, as `pipeline.run()` will normalize it. */
export interface NormalizeAheadConfig {
  readonly loadId: string
  readonly naming: { readonly name: string; readonly maxLength?: number }
  readonly rotation?: FileRotation
  /** A scratch folder of its own (removed by `close()`). */
  readonly directory: string
}

/**
 * What normalize compares to take a result: the stored schema without the pipeline state table,
 * which extract adds at its end when the state changed and which no data file's rows touch.
 */
export function aheadKey(storedSchemaJson: string): string {
  const stored = JSON.parse(storedSchemaJson) as { tables?: Record<string, unknown> }
  if (stored.tables) delete stored.tables[PIPELINE_STATE_TABLE]
  return JSON.stringify(stored)
}

/** Normalizes complete extracted files ahead of their package, on one worker thread. */
export class NormalizeAhead {
  readonly #config: NormalizeAheadConfig
  #pool: NormalizeWorkerPool | undefined
  /** Per table: the schema (JSON) its later files are normalized against, once known. */
  readonly #tables = new Map<string, Promise<string | undefined>>()
  readonly #running = new Set<Promise<void>>()
  readonly #results = new Map<string, AheadResult>()
  #stopped = false
  #folders = 0

  constructor(config: NormalizeAheadConfig) {
    this.#config = config
  }

  /**
   * Takes a complete extracted file of `file.table`; `schema` is the schema normalize would start
   * from if extract ended now (needed for a table's first file only). Resolves once the file is
   * done or dropped (extract does not wait for it).
   */
  fileDone(file: AheadFile, schema: () => Schema): Promise<void> {
    if (this.#stopped || file.table === PIPELINE_STATE_TABLE) return Promise.resolve()
    let prepared = this.#tables.get(file.table)
    if (prepared === undefined) {
      prepared = this.#prepare(file, schema)
      this.#tables.set(file.table, prepared)
    }
    // the first file too: when another file of the table sorts before it (say, a first page in
    // typed JSON lines), normalize does not split it
    return this.#track(
      prepared.then((snapshot) =>
        snapshot === undefined ? undefined : this.#normalize(file, snapshot),
      ),
    )
  }

  /**
   * Stops taking files, drops the ones not yet started and waits for the rest; returns the files
   * done by name. Call before the extracted files move.
   */
  async settle(): Promise<ReadonlyMap<string, AheadResult>> {
    this.#stopped = true
    this.#pool?.cancelQueued()
    while (this.#running.size > 0) await Promise.all(this.#running)
    return this.#results
  }

  /** Stops the worker and removes the scratch folder with the files normalize did not take. */
  async close(): Promise<void> {
    this.#stopped = true
    await this.#pool?.close()
    rmSync(this.#config.directory, { recursive: true, force: true })
  }

  #track(work: Promise<unknown>): Promise<void> {
    const done: Promise<void> = work.then(
      () => {},
      () => {},
    )
    this.#running.add(done)
    return done.then(() => {
      this.#running.delete(done)
    })
  }

  /**
   * Normalizes the first piece of a table's first file against `schema()`; resolves to the schema
   * after it. Asynchronous throughout: nothing here may fail the extract that calls `fileDone`.
   */
  async #prepare(file: AheadFile, schema: () => Schema): Promise<string | undefined> {
    const start = JSON.stringify(schema().toStored())
    const size = statSync(file.path).size
    const end = FIRST_PIECE_BYTES >= size ? size : lineStartAtOrAfter(file.path, FIRST_PIECE_BYTES)
    const directory = this.#folder()
    const task = { path: file.path, tableName: file.table, range: { start: 0, end } }
    const result = await this.#run(start, task, directory, true)
    rmSync(directory, { recursive: true, force: true })
    return result.accepted ? undefined : result.schema
  }

  async #normalize(file: AheadFile, snapshot: string): Promise<void> {
    if (this.#stopped) return
    const bytes = statSync(file.path).size
    const directory = this.#folder()
    const task = { path: file.path, tableName: file.table, range: { start: 0, end: bytes } }
    const result = await this.#run(snapshot, task, directory, false)
    if (!result.accepted) {
      rmSync(directory, { recursive: true, force: true })
      return
    }
    this.#results.set(basename(file.path), { key: aheadKey(snapshot), result, bytes })
  }

  #run(
    schema: string,
    task: NormalizeTask,
    directory: string,
    prepare: boolean,
  ): Promise<NormalizeWorkerResult> {
    const { loadId, naming, rotation } = this.#config
    this.#pool ??= new NormalizeWorkerPool(
      1,
      { loadId, naming, ...(rotation ? { rotation } : {}) },
      { threadsOnly: true },
    )
    return this.#pool.run(schema, task, directory, { prepare })
  }

  #folder(): string {
    const folder = join(this.#config.directory, String(this.#folders++))
    mkdirSync(folder, { recursive: true })
    return folder
  }
}
