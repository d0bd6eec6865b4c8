/**
 * @module Where credentials may go. An origin is a URL's scheme, host and port
 * (`https://api.example.com`, default ports left out). Credentials go to the origin of the client's
 * `baseUrl` and to those listed in `authOrigins`; a client without `baseUrl` trusts the origin of
 * each call's first URL instead. Any other origin — a next-page link or a redirect to another
 * host, port or scheme — gets the request without credentials (as browsers drop `Authorization`
 * on a cross-origin redirect).
 */

/** Origins by their serialization, e.g. `https://api.example.com`. */
export type OriginSet = ReadonlySet<string>

/** What the origins of a call are derived from. */
export interface AuthOriginsSource {
  readonly baseUrl: string
  /** The origins of `baseUrl` and `authOrigins`. */
  readonly authOrigins: OriginSet
}

/**
 * The origin of `baseUrl` (none for `''`) and of each entry of `authOrigins`. Throws `TypeError`
 * naming the option for a `baseUrl` or an entry that is not an absolute http(s) URL.
 */
export function resolveAuthOrigins(baseUrl: string, authOrigins: unknown): OriginSet {
  const origins = new Set<string>()
  if (baseUrl !== '') {
    const origin = httpOrigin(baseUrl)
    if (origin === undefined)
      throw new TypeError(
        'The `baseUrl` option must be an absolute http(s) URL, or "" with absolute paths',
      )
    origins.add(origin)
  }
  if (authOrigins === undefined) return origins
  if (!Array.isArray(authOrigins))
    throw new TypeError('The `authOrigins` option must be a list of origins')
  for (const entry of authOrigins) {
    const origin = typeof entry === 'string' ? httpOrigin(entry) : undefined
    if (origin === undefined)
      throw new TypeError(
        `The \`authOrigins\` option must list http(s) origins such as "https://api.example.com", got "${String(entry)}"`,
      )
    origins.add(origin)
  }
  return origins
}

/**
 * The origins credentials may go to during one call whose first request goes to `firstUrl`: the
 * client's, plus the origin of `firstUrl` when the client has no `baseUrl`.
 */
export function callAuthOrigins(source: AuthOriginsSource, firstUrl: URL): OriginSet {
  if (source.baseUrl !== '') return source.authOrigins
  const origin = httpOrigin(firstUrl.href)
  return origin === undefined ? source.authOrigins : new Set([...source.authOrigins, origin])
}

/** The origin of `url` when it is an absolute http(s) URL. */
function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined
  } catch {
    // Not a URL at all: the caller reports it as a bad option.
    return undefined
  }
}
