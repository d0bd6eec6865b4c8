/**
 * @module The first line of an extracted file that names its columns (`copy-text`, `json-rows`):
 * a JSON object, read back by the format's own parser, and what to say when a file does not
 * decode — extract writes none such, so the package was damaged after it was written.
 */

/** What to do about an extracted file that does not decode. */
export const DAMAGED_PACKAGE =
  'the data is damaged: drop the pending package (`dlt-ts pipeline <name> drop-pending-packages`) ' +
  'and run again'

/** The value of `key` in the JSON object of a header line; undefined when there is none. */
export function headerField(line: string, key: string): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    return undefined
  }
  return parsed !== null && typeof parsed === 'object' && Object.hasOwn(parsed, key)
    ? (parsed as Record<string, unknown>)[key]
    : undefined
}
