/**
 * @module How TypeScript field names map to dlt's config keys: camelCase becomes snake_case, so a
 * spec field `accessToken` reads `access_token` in TOML and `…__ACCESS_TOKEN` in the environment.
 */

/**
 * The dlt key of a field name: `accessToken` → `access_token`, `apiURLPath` → `api_url_path`.
 * snake_case names are returned unchanged.
 */
export function toConfigKey(fieldName: string): string {
  return fieldName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
}

/**
 * Splits a dotted path into sections and key: `sources.github.access_token` →
 * `{ sections: ['sources', 'github'], key: 'access_token' }`. Throws `TypeError` on an empty part.
 */
export function splitConfigPath(path: string): { sections: string[]; key: string } {
  const parts = path.split('.')
  if (parts.some((part) => part.trim() === '')) {
    throw new TypeError(
      `\`key\` must be a dotted config path such as "sources.github.token", got "${path}"`,
    )
  }
  const key = parts.pop() as string
  return { sections: parts, key }
}
