/**
 * @module dlt's `direct` naming convention: identifiers pass through almost unchanged.
 */
import { BaseNamingConvention, shortenIdentifier } from './snake-case.js'

/** Path separator of the `direct` convention (dlt's `▶`). */
export const DIRECT_PATH_SEPARATOR = '▶'

const RE_CLEANUP = /[\n\r'"▶]/g

/**
 * dlt's case-sensitive `direct` naming convention: strips surrounding whitespace, replaces new
 * lines, quotes and the `▶` path separator with `_`, and shortens identifiers longer than
 * `maxLength` with a hash tag. Nested fields and tables are joined with `▶`.
 */
export class DirectNaming extends BaseNamingConvention {
  readonly name = 'direct'
  override readonly pathSeparator = DIRECT_PATH_SEPARATOR

  /** Normalizes one identifier: strips it, replaces `\n`, `\r`, `'`, `"` and `▶` with `_`. */
  normalizeIdentifier(identifier: string): string {
    const stripped = this.stripIdentifier(identifier)
    return shortenIdentifier(stripped.replace(RE_CLEANUP, '_'), stripped, this.maxLength)
  }
}
