/**
 * @module Glob patterns over `/`-separated relative paths, as dlt's `file_glob`: `*` and `?`
 * stay inside one folder, `**` as a whole segment spans any number of folders (none included),
 * `[abc]`, `[a-z]` and `[!abc]` are character classes, and `{csv,tsv}` picks alternatives.
 * Matching is case-sensitive, as on S3 and Linux.
 */

/** A compiled pattern. */
export interface GlobPattern {
  /** The pattern as given. */
  readonly source: string
  /** The folder before the first wildcard (`exports/2024`): listing starts there. */
  readonly baseFolder: string
  /** True when `relativePath` matches the whole pattern. */
  matches(relativePath: string): boolean
}

/** Compiles `pattern`; throws a TypeError naming the option when it is malformed. */
export function compileGlob(pattern: string, option = 'fileGlob'): GlobPattern {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    throw new TypeError(
      `The \`${option}\` option must be a non-empty glob pattern such as "**/*.csv"`,
    )
  }
  const segments = pattern.replace(/^\/+/, '').split('/')
  const base: string[] = []
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[{]/.test(segment)) break
    base.push(segment)
  }
  let regex = ''
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1
    if (segment === '**') {
      // `a/**/b` matches a/b, a/x/b, a/x/y/b; a trailing `**` matches everything below
      regex += last ? '.*' : '(?:[^/]+/)*'
      return
    }
    regex += segmentRegex(segment, pattern, option) + (last ? '' : '/')
  })
  const compiled = new RegExp(`^${regex}$`)
  return {
    source: pattern,
    baseFolder: base.join('/'),
    matches: (relativePath) => compiled.test(relativePath),
  }
}

function segmentRegex(segment: string, pattern: string, option: string): string {
  let out = ''
  let braces = 0
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!
    if (char === '*') out += '[^/]*'
    else if (char === '?') out += '[^/]'
    else if (char === '[') {
      const end = segment.indexOf(']', i + 2)
      if (end < 0) throw malformed(pattern, option, 'a "[" without "]"')
      let body = segment.slice(i + 1, end)
      const negate = body.startsWith('!') || body.startsWith('^')
      if (negate) body = body.slice(1)
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`
      i = end
    } else if (char === '{') {
      braces++
      out += '(?:'
    } else if (char === '}' && braces > 0) {
      braces--
      out += ')'
    } else if (char === ',' && braces > 0) out += '|'
    else out += char.replace(/[.+^$()|\\\]{}]/g, '\\$&')
  }
  if (braces > 0) throw malformed(pattern, option, 'a "{" without "}"')
  return out
}

function malformed(pattern: string, option: string, problem: string): TypeError {
  return new TypeError(`The \`${option}\` glob "${pattern}" is malformed: ${problem}`)
}
