/**
 * @module The naming-convention contract: how keys of data become table and column names.
 */

/** Separator of path fragments in table and column names: `parent__child`. */
export const PATH_SEPARATOR = '__'

/** A naming convention, as dlt's `NamingConvention`. */
export interface NamingConvention {
  /** dlt's module name of the convention, stored in the schema: 'snake_case', 'direct'. */
  readonly name: string
  /** Longest identifier; longer ones are shortened with a hash tag. Undefined: no limit. */
  readonly maxLength: number | undefined
  /** Normalizes one identifier (a key of an object, a table name given by the user). */
  normalizeIdentifier(identifier: string): string
  /** Normalizes a `__`-separated path, part by part, and shortens the result if needed. */
  normalizePath(path: string): string
  /** Joins already-normalized fragments into one identifier, shortened if needed. */
  makePath(...fragments: string[]): string
  /** Splits an identifier on the path separator. */
  breakPath(path: string): string[]
  /** Joins normalized fragments into a table name (shortened if needed); same as `makePath` in dlt. */
  shortenFragments(...fragments: string[]): string
}
