/**
 * @module Checks of the options `sqlDatabase()` and `sqlTable()` take, at the API boundary:
 * wrong types and out-of-range values throw `TypeError` / `RangeError` naming the option.
 */
import { REFLECTION_LEVELS } from './column-hints.js'
import type { SqlReadOptions } from './sql-database-options.js'

/** Throws when an option shared by both factories is invalid. */
export function checkReadOptions(where: string, options: SqlReadOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where} takes an options object, e.g. { credentials: 'postgresql://…' }`)
  }
  const { chunkSize, reflectionLevel, schema } = options
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1)) {
    throw new RangeError(`${where}: \`chunkSize\` must be an integer >= 1, got ${chunkSize}`)
  }
  if (reflectionLevel !== undefined && !REFLECTION_LEVELS.includes(reflectionLevel)) {
    throw new RangeError(
      `${where}: \`reflectionLevel\` must be one of ${REFLECTION_LEVELS.map((l) => `'${l}'`).join(', ')}, got ${JSON.stringify(reflectionLevel)}`,
    )
  }
  if (schema !== undefined && (typeof schema !== 'string' || schema === '')) {
    throw new TypeError(`${where}: \`schema\` must be a non-empty string`)
  }
  for (const name of [
    'tableAdapterCallback',
    'typeAdapterCallback',
    'queryAdapterCallback',
  ] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`${where}: \`${name}\` must be a function`)
    }
  }
}

/** Throws unless `names` is a list of non-empty strings. */
export function checkNames(where: string, option: string, names: unknown): void {
  if (names === undefined) return
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string' || name === '')) {
    throw new TypeError(`${where}: \`${option}\` must be a list of names`)
  }
}
