/**
 * @module A small YAML reader for the block style schemas are written in (by `toYaml` and by
 * dlt's PyYAML export): block mappings and sequences (also a sequence at its key's indent),
 * plain, single- and double-quoted scalars (also folded over several lines), `|` and `>` block
 * scalars, `[]`/`{}` and simple flow sequences, comments. Anchors, tags and flow mappings with
 * content are not supported and raise `YamlSyntaxError` naming the line.
 */

/** A YAML document this reader cannot read. */
export class YamlSyntaxError extends Error {
  override name = 'YamlSyntaxError'
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`)
  }
}

interface Line {
  readonly no: number
  readonly indent: number
  readonly text: string
}

/** Reads the YAML document `text` into JSON-like values. */
export function parseYaml(text: string): unknown {
  const lines: Line[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trimEnd()
    const content = trimmed.trimStart()
    if (!content || content.startsWith('#') || content === '---' || content === '...') return
    if (raw.slice(0, raw.length - raw.trimStart().length).includes('\t')) {
      throw new YamlSyntaxError(index + 1, 'tabs are not allowed for indentation')
    }
    lines.push({ no: index + 1, indent: trimmed.length - content.length, text: content })
  })
  if (!lines.length) return null
  const reader = new BlockReader(lines)
  const value = reader.node(lines[0]!.indent)
  if (reader.pos < lines.length) {
    throw new YamlSyntaxError(lines[reader.pos]!.no, 'unexpected indentation')
  }
  return value
}

class BlockReader {
  pos = 0
  readonly #lines: Line[]

  constructor(lines: Line[]) {
    this.#lines = lines
  }

  /** The block starting at the current line, whose lines have indent `indent`. */
  node(indent: number): unknown {
    const line = this.#lines[this.pos]!
    return isSequenceItem(line.text) ? this.#sequence(indent) : this.#mapping(indent)
  }

  #sequence(indent: number): unknown[] {
    const items: unknown[] = []
    for (
      let line = this.#peek();
      line && line.indent === indent && isSequenceItem(line.text);
      line = this.#peek()
    ) {
      const rest = line.text.slice(1).trimStart()
      if (!rest) {
        this.pos++
        items.push(this.#nested(indent, false))
        continue
      }
      // `- key: value` opens a mapping whose keys are at the indent of `key`
      const inner = indent + (line.text.length - rest.length)
      this.#lines[this.pos] = { no: line.no, indent: inner, text: rest }
      items.push(isSequenceItem(rest) || splitKey(rest) ? this.node(inner) : this.#scalarAt(inner))
    }
    return items
  }

  #mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (let line = this.#peek(); line && line.indent === indent; line = this.#peek()) {
      const pair = splitKey(line.text)
      if (!pair)
        throw new YamlSyntaxError(
          line.no,
          `expected "key: value", got ${JSON.stringify(line.text)}`,
        )
      const [key, rest] = pair
      this.pos++
      Object.defineProperty(out, key, {
        value: rest ? this.#value(rest, indent, line.no) : this.#nested(indent, true),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return out
  }

  /** The block under a `key:` or `-` with nothing after it (null when there is none). */
  #nested(indent: number, sequenceMayShareIndent: boolean): unknown {
    const next = this.#peek()
    if (!next) return null
    if (next.indent > indent) return this.node(next.indent)
    if (sequenceMayShareIndent && next.indent === indent && isSequenceItem(next.text)) {
      return this.#sequence(indent)
    }
    return null
  }

  /** A scalar given on the current line (its text replaced by the value part). */
  #scalarAt(indent: number): unknown {
    const line = this.#lines[this.pos]!
    this.pos++
    return this.#value(line.text, indent, line.no)
  }

  /** The value `text` after a key, with its continuation lines (deeper than `indent`). */
  #value(text: string, indent: number, no: number): unknown {
    if (text === '|' || text === '>' || /^[|>][+-]$/.test(text))
      return this.#blockScalar(text, indent)
    let full = text
    const quote = text[0] === '"' || text[0] === "'" ? text[0] : undefined
    for (let line = this.#peek(); line && line.indent > indent; line = this.#peek()) {
      if (quote && isClosedQuote(full, quote)) break
      full += ` ${line.text}`
      this.pos++
    }
    return parseScalar(full, no)
  }

  #blockScalar(header: string, indent: number): string {
    const parts: string[] = []
    let blockIndent: number | undefined
    for (let line = this.#peek(); line && line.indent > indent; line = this.#peek()) {
      blockIndent ??= line.indent
      parts.push(' '.repeat(line.indent - blockIndent) + line.text)
      this.pos++
    }
    const body = header.startsWith('|') ? parts.join('\n') : parts.join(' ')
    return header.endsWith('-') ? body : `${body}\n`
  }

  #peek(): Line | undefined {
    return this.#lines[this.pos]
  }
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ')
}

/** `key: rest` split at the first `:` followed by a space or the end (outside quotes). */
function splitKey(text: string): [string, string] | undefined {
  if (text[0] === '"' || text[0] === "'") {
    const end = closingQuote(text, text[0])
    if (end < 0 || text[end + 1] !== ':') return undefined
    return [parseScalar(text.slice(0, end + 1), 0) as string, text.slice(end + 2).trim()]
  }
  const match = /^([^#{}[\],&*!|>"'%@`][^:]*?|[^:]*?):(?: +|$)(.*)$/.exec(text)
  if (!match || text.startsWith('- ')) return undefined
  return [match[1]!.trim(), stripComment(match[2]!.trim())]
}

function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++
      else return i
    }
  }
  return -1
}

function isClosedQuote(text: string, quote: string): boolean {
  return closingQuote(text, quote) >= 0
}

function stripComment(text: string): string {
  if (text.startsWith('"') || text.startsWith("'")) return text
  const at = text.search(/ #/)
  return at < 0 ? text : text.slice(0, at).trimEnd()
}

function parseScalar(text: string, no: number): unknown {
  const value = stripComment(text.trim())
  if (value.startsWith('"')) {
    try {
      return JSON.parse(value.replace(/\\\//g, '/'))
    } catch {
      throw new YamlSyntaxError(no, `cannot read the double-quoted string ${value}`)
    }
  }
  if (value.startsWith("'")) {
    if (!value.endsWith("'")) throw new YamlSyntaxError(no, `unterminated string ${value}`)
    return value.slice(1, -1).replace(/''/g, "'")
  }
  if (value === '[]') return []
  if (value === '{}') return {}
  if (value.startsWith('[') && value.endsWith(']')) {
    return value
      .slice(1, -1)
      .split(',')
      .map((part) => parseScalar(part, no))
  }
  if (/^[&*!{[]/.test(value)) throw new YamlSyntaxError(no, `unsupported YAML: ${value}`)
  if (/^(null|Null|NULL|~)$/.test(value) || value === '') return null
  if (/^(true|True|TRUE)$/.test(value)) return true
  if (/^(false|False|FALSE)$/.test(value)) return false
  if (/^[-+]?\d+$/.test(value)) return Number(value)
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value)
  return value
}
