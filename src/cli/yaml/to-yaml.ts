/**
 * @module A small YAML emitter for JSON-like values (objects, arrays, strings, numbers,
 * booleans, null), in the block style dlt writes schemas in. There is no YAML package among
 * dlt-ts' dependencies; strings that YAML would read as anything else are written as JSON
 * strings, which are valid double-quoted YAML scalars.
 */

/** `value` as a YAML document (ending with a newline). */
export function toYaml(value: unknown): string {
  if (isCollection(value) && !isEmpty(value)) return `${block(value, 0).join('\n')}\n`
  return `${scalar(value)}\n`
}

type Collection = readonly unknown[] | Readonly<Record<string, unknown>>

function isCollection(value: unknown): value is Collection {
  return typeof value === 'object' && value !== null && !(value instanceof Date)
}

function isEmpty(value: Collection): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0
}

function block(value: Collection, indent: number): string[] {
  const pad = ' '.repeat(indent)
  const lines: string[] = []
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item) && !isEmpty(item)) {
        // the first line of the item goes after the dash, the rest keeps the item's indent
        const [first, ...rest] = block(item, indent + 2)
        lines.push(`${pad}- ${first!.trimStart()}`, ...rest)
      } else {
        lines.push(`${pad}- ${scalar(item)}`)
      }
    }
    return lines
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue
    if (isCollection(item) && !isEmpty(item)) {
      lines.push(`${pad}${yamlKey(key)}:`, ...block(item, indent + 2))
    } else {
      lines.push(`${pad}${yamlKey(key)}: ${scalar(item)}`)
    }
  }
  return lines
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) && !isReserved(key) ? key : JSON.stringify(key)
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : JSON.stringify(String(value))
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return '[]'
  if (typeof value === 'object') return '{}'
  const text = String(value)
  return isPlainSafe(text) ? text : JSON.stringify(text)
}

/** Strings YAML reads back as the same string when written without quotes. */
function isPlainSafe(text: string): boolean {
  return (
    /^[A-Za-z_/][\w ./()+-]*$/.test(text) &&
    !text.endsWith(' ') &&
    !isReserved(text) &&
    !/^\d/.test(text)
  )
}

/** Words YAML 1.1 or 1.2 reads as booleans or null. */
function isReserved(text: string): boolean {
  return /^(true|false|yes|no|on|off|null|y|n)$/i.test(text)
}
