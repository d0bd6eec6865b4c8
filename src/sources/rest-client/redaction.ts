/**
 * @module Keeping secrets out of messages, logs and error properties: masks sensitive query
 * parameters (dlt's `sanitize_url` list), credential-bearing headers, `key: value` pairs that look
 * like secrets in bodies, and every secret value an auth declares.
 */

/** What a masked value is replaced with. */
export const MASK = '***'

/** Query and body parameter names whose values are always masked (dlt's list, plus a few). */
export const SENSITIVE_PARAMS = [
  'api_key',
  'apikey',
  'api-key',
  'key',
  'token',
  'access_token',
  'access-token',
  'refresh_token',
  'id_token',
  'secret',
  'client_secret',
  'password',
  'pwd',
  'signature',
  'sig',
] as const

/** Header names whose values are masked: credentials, cookies, anything that looks like a key. */
const SENSITIVE_HEADER = /auth|token|secret|passw|api[-_]?key|cookie|session|signature/i

/** Secret values shorter than this are not searched for in free text (they would garble it). */
const MIN_SECRET_LENGTH = 4

const PARAM_NAMES = SENSITIVE_PARAMS.map(escapeRegExp).join('|')
/** `api_key=…` in a query string or a form body. */
const PARAM_IN_TEXT = new RegExp(`((?:^|[?&;\\s])(?:${PARAM_NAMES})=)[^&\\s"'#]*`, 'gi')
/** `"password": "…"` in JSON. */
const JSON_SECRET =
  /("[\w-]*(?:token|secret|passw|api[_-]?key|apikey)[\w-]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi

/** Masks secrets in URLs, headers and text. */
export interface SecretMasker {
  /** The URL with sensitive query values, the password and known secrets replaced by `***`. */
  maskUrl(url: string | URL): string
  /** The headers as a plain object, credential headers replaced by `***`. */
  maskHeaders(headers: Headers | Readonly<Record<string, string>>): Record<string, string>
  /** The text with known secrets and secret-looking pairs replaced by `***`. */
  maskText(text: string): string
}

/**
 * Creates a masker. `secrets` is called on every use, so credentials that change (an OAuth token
 * that was refreshed) are masked too.
 */
export function createSecretMasker(secrets: () => readonly string[] = () => []): SecretMasker {
  const maskValues = (text: string): string => {
    let masked = text
    for (const secret of secrets())
      if (secret.length >= MIN_SECRET_LENGTH) masked = masked.split(secret).join(MASK)
    return masked
  }
  return {
    maskUrl(url) {
      return maskValues(maskQuery(url))
    },
    maskHeaders(headers) {
      const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers)
      return Object.fromEntries(
        entries.map(([name, value]) => [
          name,
          SENSITIVE_HEADER.test(name) ? MASK : maskValues(value),
        ]),
      )
    },
    maskText(text) {
      return maskValues(text)
        .replace(PARAM_IN_TEXT, `$1${MASK}`)
        .replace(JSON_SECRET, `$1"${MASK}"`)
    },
  }
}

function maskQuery(url: string | URL): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // Not an absolute URL: fall back to masking `name=value` pairs in the text.
    return String(url).replace(PARAM_IN_TEXT, `$1${MASK}`)
  }
  let changed = false
  if (parsed.password) {
    parsed.password = MASK
    changed = true
  }
  const sensitive = new Set<string>(SENSITIVE_PARAMS)
  const params = [...parsed.searchParams]
  if (params.some(([name]) => sensitive.has(name.toLowerCase()))) {
    const masked = params.map(([name, value]): [string, string] => [
      name,
      sensitive.has(name.toLowerCase()) ? MASK : value,
    ])
    parsed.search = new URLSearchParams(masked).toString()
    changed = true
  }
  return changed ? parsed.href : String(url)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
}
