/**
 * @module A pool of normalize workers: worker threads (`normalize-worker.ts`) and, unless told
 * otherwise, this thread as one of them — it would only wait for the threads' results meanwhile,
 * and each thread is an isolate of its own (memory, a warm-up). Tasks queue up and go to the next
 * idle worker, the threads first, and each thread holds its next task as well; results come back
 * as promises that never reject (a failed or crashed worker reports the task as not accepted, and
 * the caller normalizes it itself).
 *
 * The worker runs from the built package (`dist/normalize-worker.mjs`, a tsdown entry next to the
 * chunk that starts it) or, in development and tests, from `src/` through tsx's loader.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { FileRotation } from '../storage/writers/buffered-line-writer.js'
import type { NormalizeEventsData } from './normalize-events.js'
import type { NormalizeTask } from './normalize-package.js'
import { normalizeRequests } from './normalize-request.js'

/** What every worker gets at start. */
export interface NormalizeWorkerData {
  readonly loadId: string
  /** The naming convention by name, as `createNamingConvention` takes it. */
  readonly naming: { readonly name: string; readonly maxLength?: number }
  readonly maxTableNesting?: number
  readonly rotation?: FileRotation
}

/** One task for a worker, with the schema to normalize against (stored-schema JSON). */
export interface NormalizeWorkerRequest {
  readonly id: number
  readonly schema: string
  readonly task: NormalizeTask
  /** An empty folder of the task's own for its loader files. */
  readonly directory: string
  /**
   * Normalize the task to learn the schema it leads to (`schema` of the answer, which is never
   * accepted): the first piece of a table, normalized ahead of its package (`normalize-ahead.ts`).
   */
  readonly prepare?: boolean
}

/** A worker's answer: rows written and events, or why the parent must redo the task. */
export type NormalizeWorkerResult =
  | {
      readonly id: number
      readonly accepted: true
      readonly files: string[]
      readonly rowCounts: Record<string, number>
      readonly events: NormalizeEventsData
    }
  | {
      readonly id: number
      readonly accepted: false
      readonly files: string[]
      reason: string
      /** With `prepare`: the schema after the task (stored-schema JSON). */
      readonly schema?: string
    }

interface Slot {
  /** A worker thread, or none for this thread. */
  readonly worker: Worker | undefined
  /** Its tasks in hand, in the order it answers them. */
  readonly busy: Pending[]
}
interface Pending {
  readonly request: NormalizeWorkerRequest
  readonly resolve: (result: NormalizeWorkerResult) => void
}

/**
 * Tasks a worker thread holds at once: the one it works on and the next, waiting in its message
 * port — this thread, while it normalizes a task of its own, cannot hand the next one over when a
 * thread finishes (measured: 1M CSV rows on two threads, normalize 1.98 → 1.66 s).
 */
const THREAD_DEPTH = 2

/** A fixed set of normalize workers. */
export class NormalizeWorkerPool {
  readonly #slots: Slot[] = []
  readonly #queue: Pending[] = []
  readonly #here: ((request: NormalizeWorkerRequest) => NormalizeWorkerResult) | undefined
  #nextId = 0

  /**
   * `size` workers: `size - 1` threads and this thread, or `size` threads when `threadsOnly`
   * (this thread then stays free for other work).
   */
  constructor(size: number, data: NormalizeWorkerData, options: { threadsOnly?: boolean } = {}) {
    const threads = options.threadsOnly ? size : size - 1
    for (let i = 0; i < threads; i++) this.#slots.push(this.#start(data))
    this.#here = threads < size ? normalizeRequests(data) : undefined
    if (this.#here) this.#slots.push({ worker: undefined, busy: [] })
  }

  /** Queues `task`; resolves when a worker finished it (or could not). */
  run(
    schema: string,
    task: NormalizeTask,
    directory: string,
    options: { readonly prepare?: boolean } = {},
  ): Promise<NormalizeWorkerResult> {
    return new Promise((resolve) => {
      if (this.#slots.length === 0) {
        resolve({ id: this.#nextId++, accepted: false, files: [], reason: 'no worker left' })
        return
      }
      const request = { id: this.#nextId++, schema, task, directory, ...options }
      this.#queue.push({ request, resolve })
      this.#dispatch()
    })
  }

  /** Answers every task not yet started with "not accepted" (nothing was written for them). */
  cancelQueued(): void {
    for (const pending of this.#queue.splice(0)) {
      pending.resolve({ id: pending.request.id, accepted: false, files: [], reason: 'cancelled' })
    }
  }

  /** Stops the workers; unfinished tasks are answered as not accepted. */
  async close(): Promise<void> {
    this.cancelQueued()
    const slots = this.#slots.splice(0)
    await Promise.all(slots.map((slot) => slot.worker?.terminate()))
    for (const slot of slots) this.#fail(slot, 'pool closed')
  }

  #start(data: NormalizeWorkerData): Slot {
    const worker = createWorker(data)
    const slot: Slot = { worker, busy: [] }
    worker.unref()
    worker.on('message', (result: NormalizeWorkerResult) => {
      slot.busy.shift()?.resolve(result)
      this.#dispatch()
    })
    const gone = (reason: string) => {
      const at = this.#slots.indexOf(slot)
      if (at >= 0) this.#slots.splice(at, 1)
      this.#fail(slot, reason)
      if (this.#slots.length === 0) this.cancelQueued()
    }
    worker.on('error', (error) => gone(String(error)))
    worker.on('exit', (code) => gone(`worker exited with code ${code}`))
    return slot
  }

  #fail(slot: Slot, reason: string): void {
    // The caller removes the task's folder with whatever the worker wrote before it failed.
    for (const pending of slot.busy.splice(0)) {
      pending.resolve({ id: pending.request.id, accepted: false, files: [], reason })
    }
  }

  #dispatch(): void {
    // every thread gets a task before this thread blocks on one; then each thread its next
    for (const depth of [1, THREAD_DEPTH]) {
      for (const slot of this.#slots) {
        if (slot.busy.length >= (slot.worker ? depth : 1)) continue
        const pending = this.#queue.shift()
        if (!pending) return
        slot.busy.push(pending)
        if (slot.worker) slot.worker.postMessage(pending.request)
        else setImmediate(() => this.#runHere(slot, pending))
      }
    }
  }

  /** Normalizes a task on this thread (synchronously: the threads' answers wait meanwhile). */
  #runHere(slot: Slot, pending: Pending): void {
    if (slot.busy[0] !== pending) return // closed meanwhile
    let result: NormalizeWorkerResult
    try {
      result = this.#here!(pending.request)
    } catch (error) {
      result = { id: pending.request.id, accepted: false, files: [], reason: String(error) }
    }
    slot.busy.shift()
    pending.resolve(result)
    this.#dispatch()
  }
}

/** Flags of the main script's own input (`node --input-type=module -e …`) break a worker. */
const SCRIPT_FLAGS = new Set(['-e', '--eval', '-p', '--print'])

/** This process's `execArgv` without the flags that only make sense for its own entry. */
function workerExecArgv(): string[] {
  const out: string[] = []
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!
    if (SCRIPT_FLAGS.has(arg))
      i++ // and its value
    else if (!arg.startsWith('--input-type') && !/^--(eval|print)=/.test(arg)) out.push(arg)
  }
  return out
}

/**
 * A worker's V8 limits: a young generation of 16 MB (V8 sizes it larger by default) keeps
 * ~15 MB of each worker's memory at 1M rows of the SQL bench table, and normalizes as fast
 * (measured, `docs/performance.md`).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 }

function createWorker(data: NormalizeWorkerData): Worker {
  try {
    return startWorker(data, workerExecArgv())
  } catch (error) {
    // V8 and per-process options (`--max-old-space-size`, `--expose-gc`, …) are refused by
    // workers; the worker's own entry needs none of this process's flags
    if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error
    return startWorker(data, [])
  }
}

function startWorker(data: NormalizeWorkerData, execArgv: string[]): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    const entry = new URL('./normalize-worker.mjs', import.meta.url)
    return new Worker(entry, { workerData: data, execArgv, resourceLimits: WORKER_LIMITS })
  }
  // Running from src (tests, benchmarks): register tsx's loader in the worker before the entry.
  // `--import tsx` in execArgv does not reach a worker's own entry on Node 20.
  const tsxApi = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs')
  const entry = new URL('./normalize-worker.ts', import.meta.url).href
  const code =
    `import(${JSON.stringify(`file://${tsxApi}`)})` +
    `.then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(code, { eval: true, workerData: data, execArgv, resourceLimits: WORKER_LIMITS })
}
