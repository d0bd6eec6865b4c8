/**
 * @module Checks of the options `sqlDatabase()` and `sqlTable()` take, at the API boundary: wrong
 * types throw `TypeError` naming the option (values that may also come from configuration,
 * `chunkSize` and `reflectionLevel`, are checked once resolved).
 */
import type { SqlReadOptions } from './sql-database-options.js'

/** Throws when an option shared by both factories is invalid. */
export function checkReadOptions(where: string, options: SqlReadOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where} takes an options object, e.g. { credentials: 'postgresql://…' }`)
  }
  const { schema } = options
  if (schema !== undefined && (typeof schema !== 'string' || schema === '')) {
    throw new TypeError(`${where}: \`schema\` must be a non-empty string`)
  }
  const { connections } = options
  if (connections !== undefined && (!Number.isInteger(connections) || connections < 1)) {
    throw new RangeError(`${where}: \`connections\` must be an integer >= 1, got ${connections}`)
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
