/**
 * @module How `pipeline.dataset()` reads PostgreSQL results: integer columns (`int2`, `int4`,
 * `int8`) follow `integerResult` — numbers where exact, strings beyond, BigInt on request — both
 * from the destination's own pool (`int8` parsed to BigInt) and from a pool of your own (`pg`'s
 * default: `int8` as text). Everything else is as `pg` parses it: `numeric` as exact text, `json`
 * and `jsonb` parsed, timestamps and dates as `Date`, `bytea` as a Buffer, `time` as text.
 */
import {
  bigintsToResult,
  integerResult,
  type ResultValueOptions,
} from '../../util/result-values.js'

/** OIDs of `int8`, `int2`, `int4` and `oid`. */
const INTEGER_OIDS: ReadonlySet<number> = new Set([20, 21, 23, 26])

/** What this module reads of a `pg` result. */
export interface PostgresResultLike {
  readonly rows: Record<string, unknown>[]
  readonly fields?: readonly { readonly name: string; readonly dataTypeID: number }[]
}

/** The rows of `result`, converted as this module says. */
export function readResultRows(
  result: PostgresResultLike,
  options: ResultValueOptions,
): Record<string, unknown>[] {
  const integers = new Set(
    (result.fields ?? []).filter((f) => INTEGER_OIDS.has(f.dataTypeID)).map((f) => f.name),
  )
  return result.rows.map((row) => {
    const converted: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(row)) {
      converted[name] =
        integers.has(name) && isInteger(value)
          ? integerResult(value, options)
          : bigintsToResult(value, options)
    }
    return converted
  })
}

function isInteger(value: unknown): value is bigint | number | string {
  return typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string'
}
