/**
 * @module `validateRestApiConfig`: every check that can run before a request — dlt's snake_case
 * keys renamed first, then keys and types (from the shape), then references between resources
 * and placeholders (from the plan).
 */
import { validateShape } from './config-shape/validate-shape.js'
import { normalizeConfigKeys } from './normalize-config-keys.js'
import { planResources, type ResourcePlan } from './plan-resources.js'
import type { RestApiConfig } from './rest-api-config.js'
import { RestApiConfigError } from './rest-api-config-error.js'
import { restApiConfigShape } from './rest-api-config-shape.js'

/**
 * Checks `config` and returns the plan of its resources, parents first. Keys may be camelCase or
 * dlt's snake_case. Throws `RestApiConfigError` listing every problem, with paths like
 * `resources[1].endpoint.paginator.type` (in camelCase).
 *
 * ```ts
 * validateRestApiConfig({ client: { baseUrl: 'https://api.example.com' }, resources: ['users'] })
 * ```
 */
export function validateRestApiConfig(config: unknown): ResourcePlan[] {
  return checkRestApiConfig(config).plans
}

/**
 * @internal The config with camelCase keys and its plan; throws `RestApiConfigError` as
 * `validateRestApiConfig` does.
 */
export function checkRestApiConfig(config: unknown): {
  config: RestApiConfig
  plans: ResourcePlan[]
} {
  const normalized = normalizeConfigKeys(config)
  const issues = [...normalized.issues, ...validateShape(restApiConfigShape, normalized.config)]
  if (issues.length > 0) throw new RestApiConfigError(issues)
  const camel = normalized.config as RestApiConfig
  const planned = planResources(camel)
  if (planned.issues.length > 0) throw new RestApiConfigError(planned.issues)
  return { config: camel, plans: planned.plans }
}
