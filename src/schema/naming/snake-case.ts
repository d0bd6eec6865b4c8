/**
 * @module dlt's default `snake_case` naming convention, byte-for-byte: the shared machinery of
 * dlt's `NamingConvention` base class (paths, Python's `str.strip`, shortening with a shake-128
 * tag) and the case-insensitive, reduced-alphabet `SnakeCaseNaming` built on it.
 */
import { createHash } from 'node:crypto'
import { TerminalError } from '../../errors/dlt-error.js'
import { type NamingConvention, PATH_SEPARATOR } from './naming-convention.js'

/** Probability of a tag collision dlt sizes its shortening tags for. */
export const DEFAULT_COLLISION_PROB = 0.001

/** How many results each convention instance memoizes (dlt's `lru_cache` is unbounded). */
const CACHE_LIMIT = 16_384

/**
 * True for the characters Python's `str.strip()` removes (`str.isspace`). Unlike JavaScript's
 * `trim()`, Python strips the separators U+001C–U+001F and NEL (U+0085), and keeps the BOM
 * (U+FEFF).
 */
function isPyWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code >= 0x1c
  if (code < 0x85) return false
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  )
}

/** Removes leading and trailing whitespace exactly as Python's `str.strip()` does. */
export function pyStrip(value: string): string {
  let start = 0
  let end = value.length
  while (start < end && isPyWhitespace(value.charCodeAt(start))) start++
  while (end > start && isPyWhitespace(value.charCodeAt(end - 1))) end--
  return start === 0 && end === value.length ? value : value.slice(start, end)
}

/** True if Python's `value.strip()` would be empty (dlt drops such path fragments). */
export function isPyBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (!isPyWhitespace(value.charCodeAt(i))) return false
  }
  return true
}

/**
 * The tag dlt puts into shortened identifiers: the unpadded base64 of a shake-128 digest of the
 * UTF-8 `identifier`, with `/` → `a`, `+` → `b`, lowercased. The digest is sized so that the
 * case-insensitive tag collides with probability `collisionProb` (4 bytes, 6 characters, for the
 * default 0.001).
 */
export function computeTag(identifier: string, collisionProb = DEFAULT_COLLISION_PROB): string {
  const outputLength = Math.floor((3 * Math.log2(1 / collisionProb)) / 8) + 1
  const digest = createHash('shake128', { outputLength })
    .update(identifier, 'utf8')
    .digest('base64')
  let tag = ''
  for (const char of digest) {
    if (char === '=') break
    tag += char === '/' ? 'a' : char === '+' ? 'b' : char.toLowerCase()
  }
  return tag
}

/**
 * Shortens `normalizedIdent` to `maxLength` code points if it is longer, as dlt's
 * `shorten_identifier`: keeps its head and tail and puts `computeTag(identifier)` in the middle
 * (the head gets the odd character). The tag is computed from the *original* `identifier`, so
 * distinct inputs that normalize alike still get distinct short names. A falsy `maxLength`
 * means no limit.
 *
 * @throws TerminalError if `maxLength` is shorter than the tag (dlt's assertion).
 */
export function shortenIdentifier(
  normalizedIdent: string,
  identifier: string,
  maxLength: number | undefined,
  collisionProb = DEFAULT_COLLISION_PROB,
): string {
  // A string never has more code points than UTF-16 units: most calls stop here.
  if (!maxLength || normalizedIdent.length <= maxLength) return normalizedIdent
  // Python's len() and slices count code points, not UTF-16 units.
  const chars = Array.from(normalizedIdent)
  if (chars.length <= maxLength) return normalizedIdent
  const tag = computeTag(identifier, collisionProb)
  if (tag.length > maxLength) {
    throw new TerminalError(
      `cannot shorten identifier to ${maxLength} characters: the tag alone has ${tag.length}`,
    )
  }
  const remaining = maxLength - tag.length
  const tail = Math.floor(remaining / 2)
  const head = tail + (remaining % 2)
  return chars.slice(0, head).join('') + tag + chars.slice(chars.length - tail).join('')
}

/**
 * A memo of normalized names with bounded size: two generations of maps, the older one dropped
 * whole when the newer fills up (evicting single entries from a large `Map` is slow in V8).
 */
class NameCache {
  #current = new Map<string, string>()
  #previous = new Map<string, string>()

  /** The memoized name of `key`, if any. */
  get(key: string): string | undefined {
    const value = this.#current.get(key)
    if (value !== undefined || this.#previous.size === 0) return value
    const old = this.#previous.get(key)
    if (old !== undefined) this.set(key, old)
    return old
  }

  /** Memoizes `value` for `key` and returns it. */
  set(key: string, value: string): string {
    if (this.#current.size >= CACHE_LIMIT) {
      this.#previous = this.#current
      this.#current = new Map()
    }
    this.#current.set(key, value)
    return value
  }
}

/**
 * Base class of the naming conventions, as dlt's `NamingConvention`: path handling and
 * shortening are shared; subclasses normalize single identifiers.
 */
export abstract class BaseNamingConvention implements NamingConvention {
  abstract readonly name: string
  /** The separator of path fragments; `__` unless the convention says otherwise. */
  readonly pathSeparator: string = PATH_SEPARATOR
  readonly maxLength: number | undefined
  readonly #paths = new NameCache()

  /** A convention that shortens identifiers longer than `maxLength` (none: no limit). */
  constructor(maxLength?: number) {
    this.maxLength = maxLength
  }

  abstract normalizeIdentifier(identifier: string): string

  /**
   * Breaks `path` on the separator, normalizes each fragment, joins them back and shortens the
   * result (tagged with a hash of the whole original `path`). A path made only of separators
   * (`__`, `____`) is normalized as one identifier (`xx`, `xxxx`); a blank path gives ''.
   */
  normalizePath(path: string): string {
    const cached = this.#paths.get(path)
    if (cached !== undefined) return cached
    const fragments = this.breakPath(path)
    if (fragments.length === 0) {
      // dlt returns '' here, an empty column or table name that fails at the destination; its own
      // `normalize_identifier` (used when `use_break_path_on_normalize` is off) gives a valid one
      return this.#paths.set(path, isPyBlank(path) ? '' : this.normalizeIdentifier(path))
    }
    const joined = this.makePath(...fragments.map((fragment) => this.normalizeIdentifier(fragment)))
    return this.#paths.set(path, shortenIdentifier(joined, path, this.maxLength))
  }

  /** Joins fragments with the separator, leaving out blank ones; neither normalizes nor shortens. */
  makePath(...fragments: string[]): string {
    let path = ''
    for (const fragment of fragments) {
      if (isPyBlank(fragment)) continue
      path = path === '' ? fragment : path + this.pathSeparator + fragment
    }
    return path
  }

  /** Splits `path` on the separator, leaving out blank fragments. */
  breakPath(path: string): string[] {
    return path.split(this.pathSeparator).filter((fragment) => !isPyBlank(fragment))
  }

  /**
   * Joins normalized fragments and shortens the result, tagged with a hash of the joined path.
   * Returns '' for no fragments (dlt returns `None`).
   */
  shortenFragments(...fragments: string[]): string {
    const path = this.makePath(...fragments)
    return shortenIdentifier(path, path, this.maxLength)
  }

  /** dlt's first step of every normalization: Python-strip, and refuse an empty result. */
  protected stripIdentifier(identifier: string): string {
    const stripped = pyStrip(identifier)
    if (stripped === '') {
      throw new TerminalError(`cannot normalize an empty identifier: ${JSON.stringify(identifier)}`)
    }
    return stripped
  }
}

const RE_REDUCE_ALPHABET = /[+\-*@|]/g
const REDUCE_ALPHABET: Readonly<Record<string, string>> = {
  '+': 'x',
  '-': '_',
  '*': 'x',
  '@': 'a',
  '|': 'l',
}
/** Python's `\d` in a `str` pattern is any Unicode decimal digit, hence `\p{Nd}`. */
const RE_NON_ALPHANUMERIC = /[^a-zA-Z\p{Nd}_]+/gu
const RE_LEADING_DIGITS = /^\p{Nd}/u
const RE_SNAKE_CASE_BREAK_1 = /([^_])([A-Z][a-z]+)/g
const RE_SNAKE_CASE_BREAK_2 = /([a-z0-9])([A-Z])/g
const RE_UNDERSCORES = /__+/g
const RE_UPPER = /[A-Z]/

/** Replaces `+-*@|` with `x_xal`, as dlt's `_TR_REDUCE_ALPHABET`. */
function reduceAlphabet(identifier: string): string {
  return identifier.replace(RE_REDUCE_ALPHABET, (char) => REDUCE_ALPHABET[char] ?? char)
}

/**
 * dlt's `_to_snake_case`: breaks camel case, lowercases, prefixes a leading digit with `_`,
 * turns trailing underscores into `x` and collapses runs of underscores.
 */
function toSnakeCase(identifier: string): string {
  // Only ASCII letters, decimal digits and `_` are left: without upper case there is no break.
  let snake = RE_UPPER.test(identifier)
    ? identifier
        .replace(RE_SNAKE_CASE_BREAK_1, '$1_$2')
        .replace(RE_SNAKE_CASE_BREAK_2, '$1_$2')
        .toLowerCase()
    : identifier
  const first = snake.charCodeAt(0)
  if ((first >= 0x30 && first <= 0x39) || (first >= 0x80 && RE_LEADING_DIGITS.test(snake))) {
    snake = `_${snake}`
  }
  let end = snake.length
  while (end > 0 && snake.charCodeAt(end - 1) === 0x5f) end--
  if (end < snake.length) snake = snake.slice(0, end) + 'x'.repeat(snake.length - end)
  return snake.replace(RE_UNDERSCORES, '_')
}

/**
 * dlt's default `snake_case` naming convention: case-insensitive, lower-case snake case over
 * ASCII letters, decimal digits (of any script, as Python's `\d`) and `_`.
 *
 * - whitespace around the identifier is stripped (Python's notion of whitespace);
 * - `+` and `*` become `x`, `-` becomes `_`, `@` becomes `a`, `|` becomes `l`;
 * - any other run of characters that are not ASCII letters, decimal digits or `_` becomes `_`;
 * - camel case is broken into words (`HTTPResponseCode` → `http_response_code`);
 * - a leading digit gets a `_` prefix, trailing underscores become `x`, runs of `_` collapse;
 * - identifiers longer than `maxLength` are shortened with a hash tag in the middle.
 *
 * Nested fields and tables are joined with `__`.
 */
export class SnakeCaseNaming extends BaseNamingConvention {
  readonly name = 'snake_case'
  readonly #identifiers = new NameCache()

  /** Normalizes one identifier; memoized, as dlt's `lru_cache`d `_normalize_identifier`. */
  normalizeIdentifier(identifier: string): string {
    const cached = this.#identifiers.get(identifier)
    if (cached !== undefined) return cached
    const stripped = this.stripIdentifier(identifier)
    const reduced = reduceAlphabet(stripped).replace(RE_NON_ALPHANUMERIC, '_')
    const normalized = shortenIdentifier(toSnakeCase(reduced), stripped, this.maxLength)
    return this.#identifiers.set(identifier, normalized)
  }
}
