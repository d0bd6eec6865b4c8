/**
 * @module `validateRestApiConfig`: every check that can run before a request — keys and types
 * (from the shape), then references between resources and placeholders (from the plan).
 */
import { validateShape } from './config-shape/validate-shape.js'
import { planResources, type ResourcePlan } from './plan-resources.js'
import type { RestApiConfig } from './rest-api-config.js'
import { RestApiConfigError } from './rest-api-config-error.js'
import { restApiConfigShape } from './rest-api-config-shape.js'

/**
 * Checks `config` and returns the plan of its resources, parents first. Throws
 * `RestApiConfigError` listing every problem, with paths like `resources[1].endpoint.paginator.type`.
 *
 * ```ts
 * validateRestApiConfig({ client: { baseUrl: 'https://api.example.com' }, resources: ['users'] })
 * ```
 */
export function validateRestApiConfig(config: unknown): ResourcePlan[] {
  const issues = validateShape(restApiConfigShape, config)
  if (issues.length > 0) throw new RestApiConfigError(issues)
  const planned = planResources(config as RestApiConfig)
  if (planned.issues.length > 0) throw new RestApiConfigError(planned.issues)
  return planned.plans
}
