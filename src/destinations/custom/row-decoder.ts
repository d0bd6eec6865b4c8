/**
 * @module Turns a row of a JSON-lines loader file back into JavaScript values for a custom
 * destination function, by the column types of its table: `timestamp` → `Date` (JavaScript keeps
 * milliseconds), `bigint` → `number` (`bigint` beyond 2^53), `wei` → `bigint`, `binary` →
 * `Uint8Array`; `decimal` stays the exact decimal string, `date`/`time` their ISO text, `json`
 * the object. dlt's own columns are dropped when the destination skips them.
 */
import type { TableSchema } from '../../schema/schema-types.js'
import { decodeBase64, parseTimestampMicros, toBigInt } from '../filesystem/loader-values.js'
import type { CustomDestinationItem } from './custom-destination-config.js'

type Decode = (value: unknown) => unknown

const DECODERS: Readonly<Partial<Record<string, Decode>>> = {
  timestamp: (value) => new Date(Number(parseTimestampMicros(String(value)) / 1000n)),
  bigint: (value) => (typeof value === 'string' ? BigInt(value) : value),
  wei: toBigInt,
  binary: (value) => decodeBase64(String(value)),
}

/** A function decoding rows of `table`'s loader files, without the columns in `skipped`. */
export function createRowDecoder(
  table: TableSchema,
  skipped: ReadonlySet<string>,
): (row: Record<string, unknown>) => CustomDestinationItem {
  const decoders = new Map<string, Decode>()
  for (const column of Object.values(table.columns)) {
    const decode = column.data_type && DECODERS[column.data_type]
    if (decode) decoders.set(column.name, decode)
  }
  return (row) => {
    const item: CustomDestinationItem = {}
    for (const key in row) {
      if (skipped.has(key)) continue
      const value = row[key]
      const decode = decoders.get(key)
      item[key] = decode && value !== null && value !== undefined ? decode(value) : value
    }
    return item
  }
}
