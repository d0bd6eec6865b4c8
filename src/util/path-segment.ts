/**
 * @module Names that become paths: checking that a string is one safe path segment (a file or
 * folder name that stays in its folder), percent-encoding any string into one, and resolving a
 * path that must stay inside a root folder. One rule for every name from data or options that
 * ends up on disk or in a bucket key.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path'

/** The rule `pathSegmentProblem` checks, worded for error messages. */
export const PATH_SEGMENT_RULE =
  'a name that becomes a file or folder may use any characters except "/", "\\" and control ' +
  'characters (such as NUL or a line break), and may not be empty, "." or ".."'

/** U+0000–U+001F and U+007F: NUL ends a path in C, the others break listings and logs. */
const isControl = (code: number): boolean => code <= 0x1f || code === 0x7f

/** The code of the first control character of `value`, if any. */
function firstControl(value: string): number | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (isControl(code)) return code
  }
  return undefined
}

/**
 * Why `value` is not a single safe path segment, or `undefined` when it is one. A safe segment
 * is a non-empty string other than `.` and `..`, without `/` or `\` (a separator on POSIX or on
 * Windows) and without control characters. Anything else, dots and Unicode included, is allowed.
 */
export function pathSegmentProblem(value: string): string | undefined {
  if (typeof value !== 'string') return 'it is not a string'
  if (value === '') return 'it is empty'
  if (value === '.' || value === '..') return 'it is "." or ".."'
  if (value.includes('/')) return 'it contains "/"'
  if (value.includes('\\')) return 'it contains "\\"'
  const control = firstControl(value)
  if (control !== undefined) {
    const code = control.toString(16).toUpperCase().padStart(4, '0')
    return `it contains the control character U+${code}${control === 0 ? ' (NUL)' : ''}`
  }
  return undefined
}

/** True if `value` is a single safe path segment (see `pathSegmentProblem`). */
export function isSafePathSegment(value: unknown): value is string {
  return typeof value === 'string' && pathSegmentProblem(value) === undefined
}

/**
 * Throws unless `value` is a single safe path segment, with a message naming it and the rule:
 * `` The `pipelineName` option "a/b" cannot be a folder name: it contains "/" (…) ``.
 * @param label what `value` is, as the message starts: ``The `pipelineName` option``
 * @param role what it would become. @default 'file name'
 * @throws TypeError (a name given as an option is the caller's to fix)
 */
export function assertPathSegment(value: string, label: string, role = 'file name'): void {
  const problem = pathSegmentProblem(value)
  if (problem) {
    throw new TypeError(
      `${label} ${JSON.stringify(value)} cannot be a ${role}: ${problem} (${PATH_SEGMENT_RULE})`,
    )
  }
}

/** True for what `encodePathSegment` escapes: `%` itself, both separators, control characters. */
const isEscaped = (code: number): boolean =>
  code === 0x25 || code === 0x2f || code === 0x5c || isControl(code)
const ESCAPE = /%([0-9A-F]{2})/g

/**
 * Percent-encodes `value` into a safe path segment that `decodePathSegment` turns back into
 * `value`: `%`, `/`, `\` and control characters become `%XX`, and so do the dots of a whole `.`
 * or `..`. Every other character (Unicode included) stays, so ordinary names are unchanged.
 * @throws RangeError for the empty string, which no segment can stand for.
 */
export function encodePathSegment(value: string): string {
  if (value === '') throw new RangeError('The empty string cannot be encoded as a path segment')
  if (value === '.' || value === '..') return value.replaceAll('.', '%2E')
  let encoded = ''
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    // every escaped character is ASCII: a surrogate pair passes through whole, unit by unit
    encoded += isEscaped(code)
      ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
      : value.charAt(i)
  }
  return encoded
}

/** The string `encodePathSegment` encoded; a `%` that starts no `%XX` escape stays as it is. */
export function decodePathSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  return segment.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

/**
 * `root` joined with `segments` (each may hold several `/`-separated parts), resolved, and
 * checked to be `root` itself or inside it: the last line of defence where a path is written.
 * @throws RangeError naming the path and the root when it leaves the root (`..`, an absolute
 *   segment) or contains NUL.
 */
export function resolveInside(root: string, ...segments: readonly string[]): string {
  const joined = segments.join('/')
  if (joined.includes('\0')) {
    throw new RangeError(`Path ${JSON.stringify(joined)} contains NUL, which no file name may hold`)
  }
  const base = resolve(root)
  const path = resolve(base, ...segments)
  const rel = relative(base, path)
  if (rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))) return path
  throw new RangeError(`Path "${joined}" leaves the folder "${base}"`)
}
