/**
 * @module The `writeDisposition` hint: a disposition name, or an object with the merge strategy
 * and its options (dlt's `TWriteDispositionConfig`: `TMergeDispositionDict`,
 * `TDeleteInsertStrategyDict`, `TScd2StrategyDict`, camelCase here). Parsing checks every option
 * and turns them into the table hints dlt stores (`x-merge-strategy`,
 * `x-stage-data-deduplicated`, `x-boundary-timestamp`), as dlt's `DltResourceHints`
 * `_merge_merge_disposition_dict` does; the scd2 column hints are added in `hints.ts`.
 */
import type { MergeStrategy, TableSchema, WriteDisposition } from './schema-types.js'
import { MERGE_STRATEGIES, WRITE_DISPOSITIONS } from './schema-types.js'

/** A point in time given to an scd2 option: an ISO-8601 date or date-time, a `Date`, or Unix seconds. */
export type TimestampOption = string | Date | number

/** `merge` with the default `delete-insert` strategy. */
export interface DeleteInsertDisposition {
  readonly disposition: 'merge'
  readonly strategy?: 'delete-insert'
  /** The staging data is unique per primary key already: skip de-duplicating it. @default false */
  readonly deduplicated?: boolean
}

/** `merge` with the `upsert` or `insert-only` strategy (both need a `primaryKey`). */
export interface KeyedMergeDisposition {
  readonly disposition: 'merge'
  readonly strategy: 'upsert' | 'insert-only'
}

/** `merge` with the `scd2` strategy and its options (dlt's `TScd2StrategyDict`). */
export interface Scd2Disposition {
  readonly disposition: 'merge'
  readonly strategy: 'scd2'
  /** Names of the "valid from" and "valid to" columns. @default ['_dlt_valid_from', '_dlt_valid_to'] */
  readonly validityColumnNames?: readonly [string, string] | null
  /** The "valid to" value of active rows, e.g. `'9999-12-31'`. @default null (NULL) */
  readonly activeRecordTimestamp?: TimestampOption | null
  /**
   * The "valid from" of new and "valid to" of retired rows; `null` resets an earlier one.
   * @default the load package's creation time
   */
  readonly boundaryTimestamp?: TimestampOption | null
  /** A column of the data holding the row version, instead of the row hash in `_dlt_id`. @default '_dlt_id' */
  readonly rowVersionColumnName?: string
  /**
   * `false`: rows absent from a load are never retired, only changed ones (incremental scd2).
   * Needs the natural key as `mergeKey`, which is how dlt expresses it. @default true
   */
  readonly retireAbsentRows?: boolean
}

/** A write disposition, or `merge` with a strategy and its options. */
export type WriteDispositionHint =
  | WriteDisposition
  | DeleteInsertDisposition
  | KeyedMergeDisposition
  | Scd2Disposition
  | { readonly disposition: Exclude<WriteDisposition, 'merge'> }

/** The scd2 options after validation, with dlt's defaults. */
export interface Scd2Options {
  readonly validityColumnNames: readonly [string, string]
  readonly activeRecordTimestamp: string | null
  readonly rowVersionColumnName: string
  readonly retireAbsentRows: boolean
}

/** A parsed write disposition hint. */
export interface ParsedWriteDisposition {
  disposition?: WriteDisposition
  strategy?: MergeStrategy
  /** Table-level hints from the options (`x-stage-data-deduplicated`, `x-boundary-timestamp`). */
  tableHints?: Partial<TableSchema>
  scd2?: Scd2Options
}

/** dlt's default validity column names. */
export const DEFAULT_VALIDITY_COLUMN_NAMES = ['_dlt_valid_from', '_dlt_valid_to'] as const

const STRATEGY_OPTIONS: Readonly<Record<MergeStrategy, readonly string[]>> = {
  'delete-insert': ['deduplicated'],
  upsert: [],
  'insert-only': [],
  scd2: [
    'validityColumnNames',
    'activeRecordTimestamp',
    'boundaryTimestamp',
    'rowVersionColumnName',
    'retireAbsentRows',
  ],
}

/** Splits a write disposition hint into dlt's `write_disposition`, strategy and option hints. */
export function parseWriteDisposition(
  hint: WriteDispositionHint | undefined,
): ParsedWriteDisposition {
  if (hint === undefined) return {}
  const disposition = typeof hint === 'string' ? hint : hint?.disposition
  if (!(WRITE_DISPOSITIONS as readonly string[]).includes(disposition as string)) {
    throw new TypeError(
      `The \`writeDisposition\` option must be one of ${WRITE_DISPOSITIONS.join(', ')} (or { disposition: 'merge', strategy }); got ${JSON.stringify(hint)}`,
    )
  }
  if (typeof hint === 'string') return { disposition }
  const options = hint as unknown as Record<string, unknown>
  const strategy = options['strategy'] as MergeStrategy | undefined
  if (strategy !== undefined && !(MERGE_STRATEGIES as readonly unknown[]).includes(strategy)) {
    throw new TypeError(
      `The merge \`strategy\` must be one of ${MERGE_STRATEGIES.join(', ')}; got ${JSON.stringify(strategy)}`,
    )
  }
  if (strategy !== undefined && disposition !== 'merge') {
    throw new TypeError(
      `The \`writeDisposition\` option sets a \`strategy\` ("${strategy}") but disposition "${disposition}"; strategies belong to 'merge'`,
    )
  }
  checkOptionNames(options, disposition === 'merge' ? (strategy ?? 'delete-insert') : undefined)
  const parsed: ParsedWriteDisposition = { disposition: disposition as WriteDisposition }
  if (strategy !== undefined) parsed.strategy = strategy
  if (options['deduplicated'] !== undefined) {
    if (typeof options['deduplicated'] !== 'boolean') {
      throw new TypeError('The `writeDisposition.deduplicated` option must be a boolean')
    }
    // dlt: only a true value becomes the hint
    if (options['deduplicated']) parsed.tableHints = { 'x-stage-data-deduplicated': true }
  }
  if (strategy === 'scd2') {
    parsed.scd2 = parseScd2Options(options)
    // dlt: the key is set only when given; `null` resets an earlier boundary
    if ('boundaryTimestamp' in options && options['boundaryTimestamp'] !== undefined) {
      const boundary = options['boundaryTimestamp']
      parsed.tableHints = {
        'x-boundary-timestamp':
          boundary === null ? null : timestampHintValue(boundary, 'boundaryTimestamp'),
      }
    }
  }
  return parsed
}

/** Throws naming the first option the disposition (and strategy) doesn't have. */
function checkOptionNames(options: Record<string, unknown>, strategy: MergeStrategy | undefined) {
  const allowed = ['disposition', ...(strategy ? ['strategy', ...STRATEGY_OPTIONS[strategy]] : [])]
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue
    const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
    const hint = camel !== key && allowed.includes(camel) ? ` (did you mean \`${camel}\`?)` : ''
    const where = strategy ? `the "${strategy}" merge strategy` : 'this disposition'
    throw new TypeError(
      `The \`writeDisposition\` option has an unknown option \`${key}\`${hint}; ${where} allows ${allowed.map((name) => `\`${name}\``).join(', ')}`,
    )
  }
}

function parseScd2Options(options: Record<string, unknown>): Scd2Options {
  const names = options['validityColumnNames'] ?? DEFAULT_VALIDITY_COLUMN_NAMES
  if (
    !Array.isArray(names) ||
    names.length !== 2 ||
    !names.every((name) => typeof name === 'string' && name !== '') ||
    names[0] === names[1]
  ) {
    throw new TypeError(
      `The \`writeDisposition.validityColumnNames\` option must be two different column names; got ${JSON.stringify(names)}`,
    )
  }
  const active = options['activeRecordTimestamp'] ?? null
  const rowVersion = options['rowVersionColumnName'] ?? '_dlt_id'
  if (typeof rowVersion !== 'string' || rowVersion === '') {
    throw new TypeError('The `writeDisposition.rowVersionColumnName` option must be a column name')
  }
  const retire = options['retireAbsentRows'] ?? true
  if (typeof retire !== 'boolean') {
    throw new TypeError('The `writeDisposition.retireAbsentRows` option must be a boolean')
  }
  return {
    validityColumnNames: [names[0], names[1]],
    activeRecordTimestamp:
      active === null ? null : timestampHintValue(active, 'activeRecordTimestamp'),
    rowVersionColumnName: rowVersion,
    retireAbsentRows: retire,
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * The instant `value` stands for, as an ISO-8601 string in UTC; `undefined` if it is none.
 * As dlt's `ensure_pendulum_datetime_utc`: a date is midnight UTC, a date-time without offset is
 * UTC, numbers are Unix seconds.
 */
export function timestampToIso(value: unknown): string | undefined {
  let date: Date | undefined
  if (value instanceof Date) date = value
  else if (typeof value === 'number' && Number.isFinite(value)) date = new Date(value * 1000)
  else if (typeof value === 'string') {
    const text = value.trim()
    if (ISO_DATE.test(text)) date = new Date(`${text}T00:00:00Z`)
    else if (ISO_DATE_TIME.test(text)) {
      const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text)
      date = new Date(`${text.replace(' ', 'T')}${hasOffset ? '' : 'Z'}`)
    }
  }
  if (!date || Number.isNaN(date.getTime())) return undefined
  return date.toISOString()
}

/** The stored form of a timestamp option: a string as given, other values as ISO-8601 UTC. */
function timestampHintValue(value: unknown, option: string): string {
  const iso = timestampToIso(value)
  if (iso === undefined) {
    throw new TypeError(
      `The \`writeDisposition.${option}\` option must be an ISO-8601 date or date-time, a Date or Unix seconds; could not parse ${JSON.stringify(value)}`,
    )
  }
  return typeof value === 'string' ? value : iso
}
