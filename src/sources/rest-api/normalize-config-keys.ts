/**
 * @module A `rest_api` config copied from a Python dlt project, made ours: every key of the config
 * (client, resources, endpoints, paginators, auth, incremental, resolve parameters, processing
 * steps, response actions, write dispositions with their merge and scd2 options) written in dlt's
 * snake_case becomes the camelCase key of `RestApiConfig`. The renaming follows the config's
 * shape, so user data is never touched: the keys of `params`, `json`, `headers` and `columns`
 * and all values stay as given. Both styles may be mixed; one key in both spellings is refused.
 */

import { normalizeKeys } from './config-shape/normalize-keys.js'
import type { ConfigIssue } from './config-shape/validate-shape.js'
import { restApiConfigShape } from './rest-api-config-shape.js'

/**
 * `config` with dlt's snake_case keys renamed to camelCase (a new object; `config` is not
 * changed), and the keys given in both spellings. Unknown keys are kept for validation to report.
 */
export function normalizeConfigKeys(config: unknown): { config: unknown; issues: ConfigIssue[] } {
  const { value, issues } = normalizeKeys(restApiConfigShape, config)
  return { config: value, issues }
}
