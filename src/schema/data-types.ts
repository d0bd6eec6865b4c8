/**
 * @module dlt's data types: the vocabulary every destination maps to its own column types.
 */

/** dlt's data types, in dlt's order. */
export const DATA_TYPES = [
  'text',
  'double',
  'bool',
  'timestamp',
  'bigint',
  'binary',
  'json',
  'decimal',
  'wei',
  'date',
  'time',
] as const

/** One of dlt's data types. */
export type DataType = (typeof DATA_TYPES)[number]

/** True if `value` names one of dlt's data types. */
export function isDataType(value: unknown): value is DataType {
  return typeof value === 'string' && (DATA_TYPES as readonly string[]).includes(value)
}
