/**
 * @module Rows read from a dataset as an Apache Arrow table (`relation.arrow()`), typed by the
 * table's dlt data types where the pipeline's schema knows them, else by the values:
 *
 * | dlt type | Arrow type |
 * | --- | --- |
 * | `bigint` | `Int64` |
 * | `double` | `Float64` |
 * | `bool` | `Bool` |
 * | `text`, `time`, `decimal`, `wei` | `Utf8` (decimals as exact decimal strings) |
 * | `timestamp` | `Timestamp` (microseconds, UTC) |
 * | `date` | `DateDay` |
 * | `binary` | `Binary` |
 * | `json` | `Utf8` (the JSON text) |
 *
 * `apache-arrow` is an optional peer, loaded on first use.
 */
import type * as Arrow from 'apache-arrow'
import type { DataType } from '../schema/data-types.js'
import { assertPeersInstalled } from '../util/optional-peers.js'

/** `rows` (read with `bigint: true`) as an Arrow table of `columns` (default: the rows' keys). */
export async function toArrowTable(
  rows: readonly Record<string, unknown>[],
  types: Readonly<Record<string, DataType>>,
  columns: readonly string[] | undefined,
): Promise<Arrow.Table> {
  assertPeersInstalled('relation.arrow()', ['apache-arrow'])
  const arrow = await import('apache-arrow')
  const names = columns ?? Object.keys(rows[0] ?? {})
  const vectors: Record<string, Arrow.Vector> = {}
  for (const name of names) {
    const values = rows.map((row) => row[name] ?? null)
    const dataType = Object.hasOwn(types, name) ? types[name] : inferType(values)
    const { type, convert } = arrowType(arrow, dataType)
    vectors[name] = arrow.vectorFromArray(convert ? values.map(convert) : values, type)
  }
  return new arrow.Table(vectors)
}

interface ArrowColumn {
  readonly type: Arrow.DataType
  readonly convert?: (value: unknown) => unknown
}

function arrowType(arrow: typeof Arrow, dataType: DataType | undefined): ArrowColumn {
  const orNull =
    (fn: (value: unknown) => unknown) =>
    (value: unknown): unknown =>
      value === null ? null : fn(value)
  switch (dataType) {
    case 'bigint':
      return { type: new arrow.Int64(), convert: orNull((value) => BigInt(value as bigint)) }
    case 'double':
      return { type: new arrow.Float64(), convert: orNull(Number) }
    case 'bool':
      return { type: new arrow.Bool() }
    case 'timestamp':
      return { type: new arrow.TimestampMicrosecond('UTC'), convert: orNull(toDate) }
    case 'date':
      return { type: new arrow.DateDay(), convert: orNull(toDate) }
    case 'binary':
      return { type: new arrow.Binary() }
    case 'json':
      return { type: new arrow.Utf8(), convert: orNull((value) => JSON.stringify(value)) }
    default:
      return { type: new arrow.Utf8(), convert: orNull(String) }
  }
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string)
}

/** The dlt type of a column of query results, from its values. */
function inferType(values: readonly unknown[]): DataType | undefined {
  const value = values.find((candidate) => candidate !== null)
  if (typeof value === 'bigint') return 'bigint'
  if (typeof value === 'number') return 'double'
  if (typeof value === 'boolean') return 'bool'
  if (value instanceof Date) return 'timestamp'
  if (value instanceof Uint8Array) return 'binary'
  if (typeof value === 'object' && value !== null) return 'json'
  return 'text'
}
