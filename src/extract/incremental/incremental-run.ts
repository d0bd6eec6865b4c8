/**
 * @module One resource's incremental during one extract (dlt's `Incremental` bound to a pipe plus
 * its `JsonIncremental` transform): decides for each item whether it is in range, tracks the last
 * value and the hashes of the rows at it, and hands back the state to store for the next run.
 * Pure and synchronous: the extractor feeds items and stores what `nextState()` returns.
 */
import type { LastValueFuncName } from './cursor-compare.js'
import {
  cursorValuesEqual,
  resolveLastValueFunc,
  reviveCursorValue,
  toStateValue,
} from './cursor-compare.js'
import type { CursorPath } from './cursor-path.js'
import { findCursorValue, parseCursorPath } from './cursor-path.js'
import type { IncrementalConfig, IncrementalSpec } from './incremental-config.js'
import {
  IncrementalCursorInvalidCoercion,
  IncrementalCursorPathHasValueNone,
  IncrementalCursorPathMissing,
  IncrementalPrimaryKeyMissing,
} from './incremental-errors.js'
import { applyLag } from './lag.js'
import { KeyMissing, rowHash } from './row-hash.js'

/**
 * Most boundary hashes kept in the state. Rows sharing one cursor value beyond this many are not
 * all remembered, so the next run may load some of them again (a `merge` write disposition
 * absorbs that); the cap keeps `_dlt_pipeline_state` small (dlt #2580, #4030).
 */
export const MAX_BOUNDARY_HASHES = 1000

/** What a resource function sees as `ctx.incremental` during one extract. */
export interface IncrementalContext<V = unknown> {
  /** The cursor path, as configured. */
  readonly cursorPath: string
  /** The configured `initialValue` (`undefined` when none). */
  readonly initialValue: V | undefined
  /** Where this run starts: the stored last value, or `initialValue` on the first run (lag applied). */
  readonly startValue: V | undefined
  /** The last value seen so far (equals `startValue` before any item): dlt's `last_value`. */
  readonly lastValue: V | undefined
  /** The configured `endValue` (`undefined` when none: no end, the run is stateful). */
  readonly endValue: V | undefined
}

/** What `IncrementalRun.filter` decided about an item. */
export type IncrementalDecision = 'keep' | 'skip' | 'stop'

type Pick = (values: readonly unknown[]) => unknown

/** One resource's incremental during one extract. */
export class IncrementalRun implements IncrementalContext {
  readonly cursorPath: string
  readonly initialValue: unknown
  readonly startValue: unknown
  readonly endValue: unknown
  readonly #config: IncrementalConfig
  readonly #resourceName: string
  readonly #path: CursorPath
  readonly #pick: Pick
  /** The de-duplication key; `undefined` hashes whole rows. */
  readonly #primaryKey: readonly string[] | undefined
  readonly #deduplicate: boolean
  readonly #stateless: boolean
  readonly #stored: Record<string, unknown> | undefined
  /** The last value stored by the previous run (before lag), or `initialValue`. */
  readonly #storedLastValue: unknown
  readonly #startHashes: ReadonlySet<string>
  #lastValue: unknown
  /** Hashes of the kept rows at the last value (the stored ones until the last value moves). */
  #hashes: Set<string>
  #keptAny = false

  /**
   * @param spec what `dlt.incremental()` returned
   * @param stored the object `nextState()` returned for this resource and cursor path in the
   *   previous run (dlt's `{ initial_value, last_value, unique_hashes, start_value }`), or
   *   `undefined` on the first run; ignored when `endValue` is set
   * @param resourceName the resource's name, for error messages
   * @param resourcePrimaryKey the resource's primary key hint: the de-duplication key unless the
   *   spec sets `primaryKey` (an empty hint counts as none: whole rows are hashed)
   */
  constructor(
    spec: IncrementalSpec,
    stored: Record<string, unknown> | undefined,
    resourceName: string,
    resourcePrimaryKey?: readonly string[],
  ) {
    const config = spec.config
    this.#config = config
    this.#resourceName = resourceName
    this.#path = parseCursorPath(config.cursorPath)
    this.#pick = resolveLastValueFunc(config.lastValueFunc ?? 'max')
    this.cursorPath = config.cursorPath
    this.initialValue = config.initialValue ?? undefined
    this.endValue = config.endValue ?? undefined
    this.#stateless = this.endValue !== undefined
    this.#stored = this.#stateless ? undefined : stored
    const fromState = this.#stored?.['last_value']
    this.#storedLastValue =
      fromState === undefined || fromState === null
        ? this.initialValue
        : reviveCursorValue(fromState, this.initialValue)
    this.startValue = this.#lagged(this.#storedLastValue)
    this.#lastValue = this.startValue
    this.#primaryKey = dedupKey(config.primaryKey, resourcePrimaryKey)
    this.#deduplicate = this.#dedupEnabled()
    this.#startHashes = new Set(this.#deduplicate ? storedHashes(this.#stored) : [])
    this.#hashes = new Set(this.#startHashes)
  }

  /** The last value seen so far; with `lag`, never behind the stored last value (as dlt). */
  get lastValue(): unknown {
    return this.#forwardOnly(this.#lastValue)
  }

  /**
   * Decides about one item: `'keep'` (load it), `'skip'` (filter it out) or `'stop'` (skip it;
   * with `rowOrder`, nothing the source yields later can be in range, so the extractor may stop
   * reading it — dlt finishes the current page first). Updates the last value and the boundary
   * hashes for kept items. A row at the start value that the previous run loaded is `'skip'`,
   * even with `rowOrder: 'desc'` (dlt closes the source there): new rows with the same cursor
   * value may still follow it.
   * @throws IncrementalCursorPathMissing when the cursor is missing or null and
   *   `onCursorValueMissing` is `'raise'`; IncrementalPrimaryKeyMissing when a key column is
   *   missing; IncrementalCursorInvalidCoercion when the cursor does not compare with a boundary.
   */
  filter(item: unknown): IncrementalDecision {
    const lookup = findCursorValue(item, this.#path)
    if (!lookup.found || lookup.value === null) return this.#missing(item, lookup.found)
    const value = lookup.value
    if (this.endValue !== undefined && this.#pastEnd(value))
      return this.#config.rowOrder === 'asc' ? 'stop' : 'skip'
    const decision = this.#againstStart(item, value)
    if (decision === 'keep') this.#keptAny = true
    return decision
  }

  /**
   * The state to store after a successful extract, in dlt's shape (`initial_value`,
   * `last_value`, `unique_hashes` capped at `MAX_BOUNDARY_HASHES`, `start_value`), with cursor
   * values made JSON-able (a `Date` becomes its ISO string). `undefined` when the run is
   * stateless (`endValue` set: a backfill).
   */
  nextState(): Record<string, unknown> | undefined {
    if (this.#stateless) return undefined
    const stored = this.#stored
    const storedInitial = stored?.['initial_value']
    const storedStart = stored?.['start_value']
    // `null` where dlt writes None: a value left out would make the next run's state differ
    return {
      initial_value: toStateValue(storedInitial ?? this.initialValue) ?? null,
      last_value: toStateValue(this.lastValue) ?? null,
      unique_hashes: this.#deduplicate ? [...this.#hashes].slice(0, MAX_BOUNDARY_HASHES) : [],
      // dlt: the last value the run started from, once the run loaded something.
      start_value:
        toStateValue(
          this.#keptAny || storedStart === undefined ? this.#storedLastValue : storedStart,
        ) ?? null,
    }
  }

  #missing(item: unknown, foundNull: boolean): IncrementalDecision {
    const mode = this.#config.onCursorValueMissing ?? 'raise'
    if (mode === 'include') {
      this.#keptAny = true
      return 'keep'
    }
    if (mode === 'exclude') return 'skip'
    throw foundNull
      ? new IncrementalCursorPathHasValueNone(this.#resourceName, this.cursorPath, item)
      : new IncrementalCursorPathMissing(this.#resourceName, this.cursorPath, item)
  }

  #pastEnd(value: unknown): boolean {
    const end = this.endValue
    return this.#comparing('endValue', end, value, () => {
      if (!cursorValuesEqual(this.#pick([value, end]), end)) return true
      return this.#config.rangeEnd !== 'closed' && cursorValuesEqual(this.#pick([value]), end)
    })
  }

  /** dlt's `JsonIncremental.__call__` past the end check. */
  #againstStart(item: unknown, value: unknown): IncrementalDecision {
    const last = this.#lastValue
    const start = this.startValue
    const newValue = this.#comparing('startValue', last, value, () =>
      this.#pick(last === undefined ? [value] : [value, last]),
    )
    if (last !== undefined && cursorValuesEqual(last, newValue)) {
      const processed = this.#pick([value])
      const atStart = cursorValuesEqual(processed, start)
      if (atStart && this.#config.rangeStart === 'open') return this.#beforeStart()
      const beyond = this.#pick(start === undefined ? [value] : [value, start])
      if (cursorValuesEqual(beyond, start)) {
        if (!atStart) return this.#beforeStart()
        // Already loaded by the previous run: skip, but keep reading (deviation, see filter()).
        if (this.#deduplicate && this.#startHashes.has(this.#hash(item))) return 'skip'
      }
      if (this.#deduplicate && cursorValuesEqual(processed, last)) this.#addHash(item)
      return 'keep'
    }
    this.#lastValue = newValue
    if (this.#deduplicate) {
      this.#hashes = new Set()
      this.#addHash(item)
    }
    return 'keep'
  }

  #beforeStart(): IncrementalDecision {
    return this.#config.rowOrder === 'desc' ? 'stop' : 'skip'
  }

  #addHash(item: unknown): void {
    if (this.#hashes.size < MAX_BOUNDARY_HASHES) this.#hashes.add(this.#hash(item))
  }

  #hash(item: unknown): string {
    try {
      return rowHash(item, this.#primaryKey)
    } catch (error) {
      if (error instanceof KeyMissing)
        throw new IncrementalPrimaryKeyMissing(this.#resourceName, error.column, item)
      throw error
    }
  }

  #comparing<R>(
    boundary: 'startValue' | 'endValue',
    boundaryValue: unknown,
    cursorValue: unknown,
    run: () => R,
  ): R {
    try {
      return run()
    } catch (error) {
      if (!(error instanceof TypeError)) throw error
      throw new IncrementalCursorInvalidCoercion(
        this.#resourceName,
        this.cursorPath,
        boundary,
        boundaryValue,
        cursorValue,
        error,
      )
    }
  }

  #builtinFunc(): LastValueFuncName | undefined {
    const func = this.#config.lastValueFunc ?? 'max'
    return typeof func === 'function' ? undefined : func
  }

  #lagged(value: unknown): unknown {
    const { lag } = this.#config
    const func = this.#builtinFunc()
    // dlt: no lag on the first run's missing value, with a custom function, or with an end value.
    if (!lag || value === undefined || func === undefined || this.#stateless) return value
    return applyLag(lag, value, func, this.initialValue)
  }

  #forwardOnly(value: unknown): unknown {
    const stored = this.#storedLastValue
    if (!this.#config.lag || stored === undefined || this.#stateless) return value
    // dlt: the lagged re-read never moves the stored last value back.
    return value === undefined ? stored : this.#pick([value, stored])
  }

  #dedupEnabled(): boolean {
    const config = this.#config
    if (config.rangeStart === 'open' || this.#stateless) return false
    if (config.lag && this.#builtinFunc() !== undefined) return false
    return this.#primaryKey === undefined || this.#primaryKey.length > 0
  }
}

function dedupKey(
  own: string | readonly string[] | undefined,
  resource: readonly string[] | undefined,
): readonly string[] | undefined {
  if (own !== undefined) return typeof own === 'string' ? [own] : own
  return resource !== undefined && resource.length > 0 ? resource : undefined
}

function storedHashes(stored: Record<string, unknown> | undefined): string[] {
  const hashes = stored?.['unique_hashes']
  return Array.isArray(hashes) ? hashes.filter((h): h is string => typeof h === 'string') : []
}
