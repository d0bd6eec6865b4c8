/**
 * @module Reading a REST API config from a JSON file, so an API can be described without code.
 * A top-level `$schema` key (for editors) is allowed and dropped. YAML is not read: it would need
 * a parser dependency; convert YAML to JSON first.
 */
import { readFile } from 'node:fs/promises'
import type { RestApiConfig } from './rest-api-config.js'
import { RestApiConfigError } from './rest-api-config-error.js'
import { checkRestApiConfig } from './validate-rest-api-config.js'

/**
 * Reads and checks the JSON config at `file`; a config copied from Python dlt (snake_case keys)
 * is returned with camelCase keys. Throws `RestApiConfigError` for invalid JSON or an
 * invalid config.
 *
 * ```ts
 * const source = restApiSource(await readRestApiConfigFile('github.rest-api.json'), { name: 'github' })
 * ```
 */
export async function readRestApiConfigFile(file: string | URL): Promise<RestApiConfig> {
  const text = await readFile(file, 'utf8')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new RestApiConfigError(
      [{ path: '', message: `${String(file)} is not valid JSON: ${(error as Error).message}` }],
      { cause: error },
    )
  }
  if (parsed !== null && typeof parsed === 'object' && '$schema' in parsed) {
    const { $schema: _schema, ...rest } = parsed as Record<string, unknown>
    parsed = rest
  }
  return checkRestApiConfig(parsed).config
}
