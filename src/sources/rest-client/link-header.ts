/**
 * @module Parsing the HTTP `Link` header (RFC 8288) into links keyed by relation, as `requests`'
 * `response.links` does: `<https://api/items?page=2>; rel="next"` → `{ next: { url, rel } }`.
 */

/** One link of a `Link` header: its target and its parameters (`rel`, `title`, …). */
export interface LinkValue {
  readonly url: string
  readonly rel: string
  readonly [param: string]: string
}

const LINK = /<([^>]*)>([^<]*)/g

/**
 * Parses a `Link` header. A link with several relations (`rel="next last"`) is listed under each;
 * the first link wins for a repeated relation. Returns `{}` for a missing header.
 */
export function parseLinkHeader(header: string | null | undefined): Record<string, LinkValue> {
  const links: Record<string, LinkValue> = {}
  if (!header) return links
  for (const [, url = '', rest = ''] of header.matchAll(LINK)) {
    const params: Record<string, string> = {}
    for (const part of rest.split(';')) {
      const separator = part.indexOf('=')
      if (separator < 0) continue
      const key = part.slice(0, separator).trim().toLowerCase()
      const value = part
        .slice(separator + 1)
        .trim()
        .replace(/,$/, '')
        .replace(/^"(.*)"$/, '$1')
      if (key) params[key] = value
    }
    const rels = (params['rel'] ?? '').split(/\s+/).filter(Boolean)
    for (const rel of rels.length ? rels : [url]) {
      const key = rel.toLowerCase()
      links[key] ??= { ...params, url: url.trim(), rel }
    }
  }
  return links
}
