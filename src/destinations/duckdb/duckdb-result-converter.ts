/**
 * @module How `pipeline.dataset()` reads DuckDB results (the DuckDB destination's and the
 * filesystem destination's): as `getRowObjectsJS()` does, except that integers follow
 * `integerResult` (numbers where exact, strings beyond, BigInt on request), DECIMAL and TIME come
 * back as DuckDB's exact text (the driver would give a rounded double and a BigInt of
 * microseconds) and JSON columns parsed (top-level ones: nested values do not carry the alias).
 */
import {
  bigintsToResult,
  integerResult,
  type ResultValueOptions,
} from '../../util/result-values.js'
import type { DuckDbModule, DuckDbReaderLike, DuckDbValueConverter } from './duckdb-module.js'

const INTEGER_TYPES = [
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'HUGEINT',
  'UHUGEINT',
  'BIGNUM',
] as const
const TEXT_TYPES = ['DECIMAL', 'TIME', 'TIME_NS', 'TIME_TZ'] as const

/** The rows of `reader`, converted as this module says. */
export function readResultRows(
  reader: DuckDbReaderLike,
  module: DuckDbModule,
  options: ResultValueOptions,
): Record<string, unknown>[] {
  const rows = reader.convertRowObjects(createDuckDbResultConverter(module, options))
  const names = reader.deduplicatedColumnNames()
  // JSON is an alias of VARCHAR that only the result's column types name.
  const json = reader
    .columnTypes()
    .flatMap((type, index) => (type.alias === 'JSON' && names[index] ? [names[index]] : []))
  if (json.length === 0) return rows
  for (const row of rows) {
    for (const name of json) {
      const value = row[name]
      if (typeof value === 'string') row[name] = JSON.parse(value)
    }
  }
  return rows
}

/** A value converter for `reader.convertRowObjects`, as this module says. */
export function createDuckDbResultConverter(
  module: DuckDbModule,
  options: ResultValueOptions,
): DuckDbValueConverter {
  const ids = (names: readonly string[]) =>
    new Set(names.map((name) => module.DuckDBTypeId[name]).filter((id) => id !== undefined))
  const integers = ids(INTEGER_TYPES)
  const texts = ids(TEXT_TYPES)
  const { INTERVAL } = module.DuckDBTypeId
  const js = module.JSDuckDBValueConverter
  const convert: DuckDbValueConverter = (value, type) => {
    if (value === null || value === undefined) return null
    if (integers.has(type.typeId)) {
      return integerResult(js(value, type, convert) as bigint | number, options)
    }
    if (texts.has(type.typeId)) return String(value)
    const result = js(value, type, convert)
    // { months, days, micros }: micros is a BigInt
    return type.typeId === INTERVAL ? bigintsToResult(result, options) : result
  }
  return convert
}
