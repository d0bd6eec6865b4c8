/**
 * @module The parser of the JSONPath subset the REST client understands: the selectors dlt users
 * write for data, totals, cursors and next links. It follows jsonpath-ng (which dlt uses): the
 * leading `$` is optional and a bare name is a field. Anything else fails with a `TypeError` that
 * names the path and the position, so a selector never silently selects nothing.
 */

/** One step of a compiled path. */
export type JsonPathStep =
  /** `.name`, `['name']`, `['a','b']`: the named fields of an object. */
  | { readonly kind: 'fields'; readonly names: readonly string[] }
  /** `.*`: every value of an object (or every element of a list). */
  | { readonly kind: 'wildcard' }
  /** `[n]`: one element of a list; negative counts from the end. */
  | { readonly kind: 'index'; readonly index: number }
  /** `[*]`, `[start:end]`: elements of a list; a non-list value counts as a one-element list. */
  | { readonly kind: 'slice'; readonly start: number | undefined; readonly end: number | undefined }
  /** `..step`: `step` applied to the value and to everything nested in it. */
  | { readonly kind: 'descendants'; readonly step: JsonPathStep }

const NAME_CHAR = /[A-Za-z0-9_\-@$]/
const INTEGER = /^-?\d+$/

/** Parses `path` into steps. Throws `TypeError` for syntax outside the supported subset. */
export function parseJsonPath(path: string): JsonPathStep[] {
  const parser = new Parser(path)
  return parser.parse()
}

class Parser {
  readonly #path: string
  #at = 0

  constructor(path: string) {
    this.#path = path.trim()
  }

  parse(): JsonPathStep[] {
    const steps: JsonPathStep[] = []
    if (this.#path === '') this.#fail('the path is empty')
    if (this.#path[0] === '$') this.#at = 1
    else if (this.#path[0] !== '[' && this.#path[0] !== '.') steps.push(this.#member())
    while (this.#at < this.#path.length) steps.push(this.#step())
    return steps
  }

  #step(): JsonPathStep {
    if (this.#path.startsWith('..', this.#at)) {
      this.#at += 2
      return { kind: 'descendants', step: this.#member() }
    }
    const char = this.#path[this.#at]
    if (char === '.') {
      this.#at++
      return this.#member()
    }
    if (char === '[') return this.#bracket()
    return this.#fail(`unexpected "${char}"`)
  }

  /** A step after `.` or `..`, or the first bare name. */
  #member(): JsonPathStep {
    const char = this.#path[this.#at]
    if (char === '*') {
      this.#at++
      return { kind: 'wildcard' }
    }
    if (char === '[') return this.#bracket()
    if (char === "'" || char === '"') return { kind: 'fields', names: [this.#quoted()] }
    return { kind: 'fields', names: [this.#name()] }
  }

  #bracket(): JsonPathStep {
    this.#at++ // [
    this.#skipSpaces()
    const char = this.#path[this.#at]
    let step: JsonPathStep
    if (char === '*') {
      this.#at++
      step = { kind: 'slice', start: undefined, end: undefined }
    } else if (char === "'" || char === '"') {
      step = { kind: 'fields', names: this.#quotedList() }
    } else if (char === '?' || char === '(') {
      return this.#fail('filters and expressions are not supported; select the list instead')
    } else {
      step = this.#indexOrSlice()
    }
    this.#skipSpaces()
    if (this.#path[this.#at] !== ']') this.#fail('expected "]"')
    this.#at++
    return step
  }

  #indexOrSlice(): JsonPathStep {
    const close = this.#path.indexOf(']', this.#at)
    if (close < 0) return this.#fail('expected "]"')
    const text = this.#path.slice(this.#at, close).trim()
    this.#at = close
    if (INTEGER.test(text)) return { kind: 'index', index: Number(text) }
    const parts = text.split(':')
    if (
      parts.length === 2 &&
      parts.every((part) => part.trim() === '' || INTEGER.test(part.trim()))
    )
      return { kind: 'slice', start: toBound(parts[0]), end: toBound(parts[1]) }
    return this.#fail(`"[${text}]" is not an index, a slice or a quoted name`)
  }

  #quotedList(): string[] {
    const names = [this.#quoted()]
    for (this.#skipSpaces(); this.#path[this.#at] === ','; this.#skipSpaces()) {
      this.#at++
      this.#skipSpaces()
      names.push(this.#quoted())
    }
    return names
  }

  #quoted(): string {
    const quote = this.#path[this.#at]
    let name = ''
    for (this.#at++; this.#at < this.#path.length; this.#at++) {
      const char = this.#path[this.#at]
      if (char === quote) {
        this.#at++
        return name
      }
      if (char === '\\') this.#at++
      name += this.#path[this.#at] ?? ''
    }
    return this.#fail('unterminated quoted name')
  }

  #name(): string {
    const start = this.#at
    while (this.#at < this.#path.length && NAME_CHAR.test(this.#path[this.#at] ?? '')) this.#at++
    if (this.#at === start) this.#fail('expected a field name')
    return this.#path.slice(start, this.#at)
  }

  #skipSpaces(): void {
    while (this.#path[this.#at] === ' ') this.#at++
  }

  #fail(reason: string): never {
    throw new TypeError(
      `Unsupported JSONPath "${this.#path}" at position ${this.#at}: ${reason}. ` +
        "Supported: $, .name, ['name'], .*, [*], [n], [start:end], ..name",
    )
  }
}

function toBound(text: string | undefined): number | undefined {
  const trimmed = text?.trim() ?? ''
  return trimmed === '' ? undefined : Number(trimmed)
}
