/**
 * @module What both CSV parsers of `readCsv` share about values and names: which text pandas
 * reads as a number or a boolean (dlt reads CSV with pandas), how header names are made unique,
 * and the `double` hints for columns whose numbers have a decimal point.
 */

/** JSON numbers, plus forms pandas reads as numbers (`+1`, `.5`, `1.`). */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/
const LEADING_ZERO = /^[-+]?0\d/
/** A number written with a decimal point or an exponent: its column is a `double`. */
export const DECIMAL = /[.eE]/

/**
 * The texts read as booleans, as pandas reads them. No prototype: a value such as `constructor`
 * must not find `Object.prototype.constructor` here.
 */
export const BOOLEANS: Readonly<Record<string, boolean>> = Object.assign(Object.create(null), {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
})

/**
 * True for text pandas reads as a number and a JS number holds exactly: not `007` (a code, kept
 * as text) and not an integer beyond 2^53 (it would lose digits).
 */
export function isNumberText(text: string): boolean {
  // most text fails on its first character, before any regular expression runs
  const first = text.charCodeAt(0)
  if (!((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46)) return false
  if (!NUMBER.test(text) || LEADING_ZERO.test(text)) return false
  const number = Number(text)
  return Number.isFinite(number) && (DECIMAL.test(text) || Number.isSafeInteger(number))
}

/** Column names made unique as pandas does: `a`, `a.1`, `a.2`; empty names `Unnamed: <i>`. */
export function dedupe(names: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return names.map((raw, index) => {
    const name = raw === '' ? `Unnamed: ${index}` : raw
    const count = seen.get(name) ?? 0
    seen.set(name, count + 1)
    return count === 0 ? name : `${name}.${count}`
  })
}

/** `double` hints for the columns at `decimals`. */
export function doubleColumns(
  names: readonly string[],
  decimals: ReadonlySet<number>,
): Record<string, { dataType: 'double' }> {
  const columns: Record<string, { dataType: 'double' }> = {}
  for (const index of decimals) columns[names[index]!] = { dataType: 'double' }
  return columns
}
