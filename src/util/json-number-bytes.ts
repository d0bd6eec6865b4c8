/**
 * @module Whether UTF-8 bytes are a number that can be copied into a JSON line as they are, decided
 * on the bytes without a string: readCsv's fields, normalize's copied JSON rows.
 */

/** Not a number (for readCsv's `isNumberText` too: text). */
export const NOT_A_NUMBER = 0
/** An integer JavaScript holds exactly, written as JSON writes it. */
export const JSON_INTEGER = 1
/** A number with a decimal point or an exponent, valid JSON as it is. */
export const JSON_DECIMAL = 2
/** Maybe a number, not in JSON's form (`+1`, `.5`, `-0`, 16+ digits): decide on its text. */
export const CHECK_TEXT = 3

const DIGIT_0 = 0x30
const DIGIT_9 = 0x39
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e

/**
 * Classifies `bytes[start..end)` (non-empty). `JSON_INTEGER` and `JSON_DECIMAL` are texts in
 * JSON's form whose JSON value is `Number(text)` (all of them texts readCsv's `isNumberText`
 * accepts), so they can be copied into a JSON line as they are; `CHECK_TEXT` is for the rare rest,
 * which the caller decides on the text or leaves alone. A leading zero (`007`) is not a number.
 */
export function classifyNumber(bytes: Uint8Array, start: number, end: number): number {
  let i = start
  const negative = bytes[i] === MINUS
  if (negative) i++
  else if (bytes[i] === PLUS || bytes[i] === DOT) return CHECK_TEXT
  const intStart = i
  i = digitsEnd(bytes, i, end)
  const intDigits = i - intStart
  if (intDigits === 0) return i < end && bytes[i] === DOT ? CHECK_TEXT : NOT_A_NUMBER
  // `007` is a code, kept as text
  if (intDigits > 1 && bytes[intStart] === DIGIT_0) return NOT_A_NUMBER
  let zero = intDigits === 1 && bytes[intStart] === DIGIT_0
  let decimal = false
  if (i < end && bytes[i] === DOT) {
    const fracStart = i + 1
    i = digitsEnd(bytes, fracStart, end)
    // `1.` and `1.e5` are numbers to pandas but not JSON
    if (i === fracStart) return CHECK_TEXT
    for (let k = fracStart; zero && k < i; k++) zero = bytes[k] === DIGIT_0
    decimal = true
  }
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++
    if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS)) i++
    const expStart = i
    i = digitsEnd(bytes, i, end)
    if (i === expStart) return NOT_A_NUMBER
    // an exponent of 3+ digits may overflow to Infinity: decided on the text
    if (i - expStart > 2) return CHECK_TEXT
    decimal = true
  }
  if (i !== end) return NOT_A_NUMBER
  // -0 is written 0 by JSON.stringify; 16+ digits may pass 2^53 or overflow
  if ((negative && zero) || intDigits > (decimal ? 200 : 15)) return CHECK_TEXT
  return decimal ? JSON_DECIMAL : JSON_INTEGER
}

/** The index after the ASCII digits starting at `i`. */
function digitsEnd(bytes: Uint8Array, i: number, end: number): number {
  let at = i
  while (at < end && bytes[at]! >= DIGIT_0 && bytes[at]! <= DIGIT_9) at++
  return at
}
