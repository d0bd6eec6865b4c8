/**
 * @module Masking of secrets for display. Errors, logs and traces show `po****es`, never the value;
 * other modules use these helpers for anything that may contain a secret (HTTP bodies, SQL errors).
 */

/** The form shown for secrets too short to reveal any character of. */
export const MASKED = '****'

/** Values shorter than this are masked entirely. */
const MIN_REVEAL_LENGTH = 8

/**
 * Masks a secret for display, as dlt does: the first and last two characters of a long value with
 * a fixed `****` between (which hides the length), `****` alone for a value under 8 characters.
 *
 * ```ts
 * maskSecret('postgres') // 'po****es'
 * maskSecret('abc')      // '****'
 * ```
 */
export function maskSecret(value: string): string {
  const chars = Array.from(value)
  if (chars.length < MIN_REVEAL_LENGTH) return MASKED
  return `${chars.slice(0, 2).join('')}${MASKED}${chars.slice(-2).join('')}`
}

/** Masks any secret value: strings with `maskSecret`, anything else entirely. */
export function maskValue(value: unknown): string {
  return typeof value === 'string' ? maskSecret(value) : MASKED
}

/** Secrets at least this long are masked wherever they occur, even glued to other words. */
const MIN_EMBEDDED_LENGTH = 12

/** Secrets shorter than this are masked only when they are the whole text. */
const MIN_WORD_LENGTH = 4

/**
 * Replaces the occurrences of each of `secrets` in `text` with its masked form, without mangling
 * the words around them. Where a secret is masked depends on its length (in characters):
 *
 * - 12 or more: everywhere, also inside a longer word (`token%3D<secret>`): so long a string is
 *   the secret, not a coincidence;
 * - 4 to 11: only where it stands alone, between non-word characters (`:xist@` is masked, the
 *   `xist` of `does not exist` is not);
 * - under 4 (`db`, `a`): only when the text is nothing but the secret, since such a string cannot
 *   be told from the ordinary words of a message.
 *
 * Longer secrets are replaced first, so a secret that contains another is masked whole. Empty
 * strings are ignored.
 *
 * ```ts
 * redactSecrets('auth failed for token ghp_1234567890', ['ghp_1234567890']) // '... gh****90'
 * redactSecrets('database "x" does not exist', ['xist'])                     // unchanged
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const ordered = [...new Set(secrets)]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length)
  let result = text
  for (const secret of ordered) {
    const length = Array.from(secret).length
    const masked = maskSecret(secret)
    if (length >= MIN_EMBEDDED_LENGTH) result = result.split(secret).join(masked)
    // a function, so that `$&` in a masked secret is not read as a replacement pattern
    else if (length >= MIN_WORD_LENGTH) result = result.replace(wholeWord(secret), () => masked)
    else if (result === secret) result = masked
  }
  return result
}

/** Matches `secret` where no letter, digit or `_` touches it on either side. */
function wholeWord(secret: string): RegExp {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu')
}
