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

/**
 * Replaces every occurrence of each of `secrets` in `text` with its masked form. Longer secrets are
 * replaced first, so a secret that contains another is masked whole. Empty strings are ignored.
 *
 * ```ts
 * redactSecrets('auth failed for token ghp_1234567890', ['ghp_1234567890']) // '... gh****90'
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const ordered = [...new Set(secrets)]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length)
  let result = text
  for (const secret of ordered) result = result.split(secret).join(maskSecret(secret))
  return result
}
