/**
 * @module `dlt.incremental()`: the options of incremental loading on a cursor and their
 * validation. The result is an immutable spec; the extractor turns it into an `IncrementalRun`
 * for each extract.
 */
import type { LastValueFuncName, LastValueFunction } from './cursor-compare.js'
import { compareCursorValues, LAST_VALUE_FUNCS, resolveLastValueFunc } from './cursor-compare.js'
import { parseCursorPath } from './cursor-path.js'

/** Orders a source may declare its rows in. */
export const ROW_ORDERS = ['asc', 'desc'] as const
/** `'asc'` or `'desc'`. */
export type RowOrder = (typeof ROW_ORDERS)[number]
/** What to do with an item whose cursor is missing or null. */
export const ON_CURSOR_VALUE_MISSING = ['raise', 'include', 'exclude'] as const
/** `'raise'`, `'include'` or `'exclude'`. */
export type OnCursorValueMissing = (typeof ON_CURSOR_VALUE_MISSING)[number]
/** Whether a range end includes its boundary value (`closed`) or not (`open`). */
export const RANGE_BOUNDS = ['open', 'closed'] as const
/** `'open'` or `'closed'`. */
export type RangeBound = (typeof RANGE_BOUNDS)[number]

/**
 * The options of `dlt.incremental()`. `T` is the item type (a phantom, for inference only); `V`
 * the cursor's value type, inferred from `initialValue`.
 */
// biome-ignore lint/correctness/noUnusedVariables: a phantom parameter, for inference only
export interface IncrementalConfig<T = unknown, V = unknown> {
  /**
   * JSONPath-like path of the cursor in an item: `'updated_at'`, `'meta.updated_at'`,
   * `'$.a.b'`, `'a[0].b'`, `'a[*].b'` (the first match counts).
   */
  readonly cursorPath: string
  /** The start of the first run (later runs start from the stored last value). @default undefined: everything */
  readonly initialValue?: V
  /**
   * The end of the range; makes the run a stateless backfill that neither reads nor writes the
   * stored state. Requires `initialValue`. @default undefined: no end
   */
  readonly endValue?: V
  /** `'max'`, `'min'`, or a function picking the last value out of a list of values. @default 'max' */
  readonly lastValueFunc?: LastValueFuncName | LastValueFunction
  /**
   * Columns whose values identify a row for de-duplication at the start boundary; `[]` turns
   * de-duplication off. @default the resource's primary key, else a hash of the whole row
   */
  readonly primaryKey?: string | readonly string[]
  /**
   * The order the source yields rows in, by `lastValueFunc`: lets the extractor stop reading as
   * soon as an item is past the range. @default undefined: unknown order, read everything
   */
  readonly rowOrder?: RowOrder
  /** What to do with an item whose cursor is missing or null. @default 'raise' */
  readonly onCursorValueMissing?: OnCursorValueMissing
  /**
   * Re-read a window before the stored last value: seconds for date-time cursors, days for date
   * cursors, the cursor's unit for numbers. Only with `'max'`/`'min'`; ignored with `endValue`;
   * turns de-duplication off (the destination must merge). @default undefined: no lag
   */
  readonly lag?: number
  /** `'closed'` loads rows equal to the start value (de-duplicated); `'open'` skips them. @default 'closed' */
  readonly rangeStart?: RangeBound
  /** `'open'` skips rows equal to `endValue`; `'closed'` loads them. @default 'open' */
  readonly rangeEnd?: RangeBound
}

/** What `dlt.incremental(config)` returns: an immutable, validated spec. */
export interface IncrementalSpec<T = unknown, V = unknown, P extends string = string> {
  readonly config: IncrementalConfig<T, V> & { readonly cursorPath: P }
  readonly kind: 'incremental'
}

/**
 * Declares incremental loading on a cursor: only items past the last value stored by the
 * previous run are loaded, and the new last value is stored for the next one.
 *
 * @example
 * ```ts
 * const issues = dlt.resource(
 *   async function* ({ incremental }) {
 *     yield* fetchIssues({ since: incremental?.startValue })
 *   },
 *   {
 *     name: 'issues',
 *     primaryKey: 'id',
 *     incremental: dlt.incremental({ cursorPath: 'updated_at', initialValue: '2024-01-01T00:00:00Z' }),
 *   },
 * )
 * ```
 * @throws TypeError or RangeError naming the option in backticks when an option is invalid.
 */
export function incremental<T = unknown, V = unknown, const P extends string = string>(
  config: IncrementalConfig<T, V> & { readonly cursorPath: P },
): IncrementalSpec<T, V, P> {
  if (typeof config !== 'object' || config === null)
    throw new TypeError('`incremental` expects an options object with a `cursorPath`')
  if (typeof config.cursorPath !== 'string' || config.cursorPath.trim() === '')
    throw new TypeError('`cursorPath` must be a non-empty string')
  parseCursorPath(config.cursorPath)
  validateChoices(config)
  validateLag(config)
  const primaryKey = validatePrimaryKey(config.primaryKey)
  validateRange(config)
  const frozen: IncrementalConfig<T, V> & { readonly cursorPath: P } = Object.freeze({
    ...config,
    ...(primaryKey === undefined ? {} : { primaryKey }),
  })
  return Object.freeze({ kind: 'incremental', config: frozen })
}

function validateChoices(config: IncrementalConfig<unknown>): void {
  const func = config.lastValueFunc
  if (func !== undefined && typeof func !== 'function' && !LAST_VALUE_FUNCS.includes(func))
    throw new RangeError(
      `\`lastValueFunc\` must be 'max', 'min' or a function, got ${JSON.stringify(func)}`,
    )
  checkOneOf('rowOrder', config.rowOrder, ROW_ORDERS)
  checkOneOf('onCursorValueMissing', config.onCursorValueMissing, ON_CURSOR_VALUE_MISSING)
  checkOneOf('rangeStart', config.rangeStart, RANGE_BOUNDS)
  checkOneOf('rangeEnd', config.rangeEnd, RANGE_BOUNDS)
}

function checkOneOf(option: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string))
    throw new RangeError(
      `\`${option}\` must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`,
    )
}

function validateLag(config: IncrementalConfig<unknown>): void {
  const { lag } = config
  if (lag === undefined) return
  if (typeof lag !== 'number' || !Number.isFinite(lag) || lag < 0)
    throw new RangeError(`\`lag\` must be a finite number >= 0, got ${String(lag)}`)
  // dlt only warns and ignores the lag here; a silent no-op option is worse than an error.
  if (typeof config.lastValueFunc === 'function' && lag > 0)
    throw new RangeError("`lag` works only with `lastValueFunc` 'max' or 'min'")
}

function validatePrimaryKey(key: unknown): readonly string[] | string | undefined {
  if (key === undefined) return undefined
  if (typeof key === 'string' && key !== '') return key
  if (Array.isArray(key) && key.every((column) => typeof column === 'string' && column !== ''))
    return Object.freeze([...key])
  throw new TypeError('`primaryKey` must be a column name or an array of column names')
}

function validateRange(config: IncrementalConfig<unknown>): void {
  const { initialValue, endValue } = config
  if (endValue === undefined || endValue === null) return
  if (initialValue === undefined || initialValue === null)
    throw new RangeError('`endValue` requires `initialValue`: a backfill needs both ends')
  const pick = resolveLastValueFunc(config.lastValueFunc ?? 'max')
  let last: unknown
  try {
    last = pick([endValue, initialValue])
    if (typeof config.lastValueFunc !== 'function') {
      if (compareCursorValues(last, endValue) === 0) return
    } else if (Object.is(last, endValue)) return
  } catch (error) {
    throw new TypeError(
      '`initialValue` and `endValue` are not comparable: make them the same type ' +
        `(${(error as Error).message})`,
      { cause: error },
    )
  }
  const word = config.lastValueFunc === 'min' ? 'lower' : 'higher'
  throw new RangeError(
    `\`endValue\` must be ${word} than \`initialValue\` (as \`lastValueFunc\` orders them)`,
  )
}
