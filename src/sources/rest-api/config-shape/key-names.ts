/**
 * @module The spellings of an object shape's keys: each camelCase key, its snake_case form
 * (`dataSelector` / `data_selector`) and the shape's extra `aliases`; and, for a key that is none
 * of them, the message naming the nearest known key (`did you mean \`dataSelector\`
 * (\`data_selector\`)?`) or the reason a key of dlt is not supported.
 */
import type { ObjectShape } from './shape.js'

/** `dataSelector` → `data_selector`. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

const aliasCache = new WeakMap<ObjectShape, ReadonlyMap<string, string>>()

/** Every other spelling of the shape's keys → the key: `data_selector` → `dataSelector`. */
export function keyAliases(shape: ObjectShape): ReadonlyMap<string, string> {
  let aliases = aliasCache.get(shape)
  if (aliases === undefined) {
    const map = new Map<string, string>()
    for (const key of Object.keys(shape.properties)) {
      const snake = snakeCase(key)
      if (snake !== key) map.set(snake, key)
    }
    for (const [alias, key] of Object.entries(shape.aliases ?? {})) map.set(alias, key)
    aliases = map
    aliasCache.set(shape, aliases)
  }
  return aliases
}

/** The message for `key`, which `shape` does not know. */
export function unknownKeyMessage(shape: ObjectShape, key: string): string {
  const reason = shape.unsupported?.[key] ?? shape.unsupported?.[snakeCase(key)]
  if (reason !== undefined) return `unknown key \`${key}\`: ${reason}`
  const known = Object.keys(shape.properties)
  const nearest = nearestKey(shape, key)
  if (nearest === undefined) return `unknown key \`${key}\` (known: ${known.join(', ')})`
  const snake = key.includes('_') ? snakeSpelling(shape, nearest, key) : undefined
  const also = snake === undefined || snake === nearest ? '' : ` (\`${snake}\`)`
  return `unknown key \`${key}\`: did you mean \`${nearest}\`${also}?`
}

/** The known key closest to `key`, when one is close enough to be a misspelling. */
function nearestKey(shape: ObjectShape, key: string): string | undefined {
  const given = squash(key)
  const spellings: [string, string][] = [
    ...Object.keys(shape.properties).map((k): [string, string] => [k, k]),
    ...[...keyAliases(shape)].map(([alias, k]): [string, string] => [alias, k]),
  ]
  let best: { key: string; score: number } | undefined
  for (const [spelling, target] of spellings) {
    const score = closeness(given, squash(spelling))
    if (score !== undefined && (best === undefined || score < best.score)) {
      best = { key: target, score }
    }
  }
  return best?.key
}

/** The snake_case spelling of `target` closest to what was written. */
function snakeSpelling(shape: ObjectShape, target: string, key: string): string {
  const spellings = [...keyAliases(shape)].filter(([, k]) => k === target).map(([a]) => a)
  spellings.sort((a, b) => distance(key, a) - distance(key, b))
  return spellings[0] ?? snakeCase(target)
}

/** Lower case without `_` and `-`: spelling variants of one name compare equal. */
function squash(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '')
}

/** How far apart two squashed names are; `undefined` when too far to be a misspelling. */
function closeness(given: string, known: string): number | undefined {
  const d = distance(given, known)
  if (d <= Math.max(1, Math.floor(given.length / 3))) return d
  // a cut-off name (`next_url` for `next_url_path`)
  const [short, long] = given.length < known.length ? [given, known] : [known, given]
  if (short.length >= 4 && long.startsWith(short)) return d
  return undefined
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
