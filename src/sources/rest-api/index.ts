/**
 * @module dlt-ts/rest-api: dlt's declarative REST API source. Describe an API — client, auth,
 * pagination, resources, parent/child endpoints, incremental cursors — in one config object (or a
 * JSON file) and get a source that loads it.
 *
 * ```ts
 * import { restApiSource } from 'dlt-ts/rest-api'
 *
 * const source = restApiSource({
 *   client: { baseUrl: 'https://api.example.com/', paginator: 'header_link' },
 *   resources: ['users', { name: 'posts', endpoint: 'users/{resources.users.id}/posts' }],
 * })
 * ```
 */

export type { JsonSchema } from './config-shape/shape-to-json-schema.js'
export type { ConfigIssue } from './config-shape/validate-shape.js'
export { PAGINATOR_CLASSES } from './create-paginator.js'
export type {
  DltRestApiConfig,
  RestApiConfigInput,
  SnakeCaseKey,
  SnakeCaseKeys,
} from './dlt-rest-api-config.js'
export { ParentFieldMissingError } from './parent-field-missing-error.js'
export { ESCAPE_HINT } from './placeholders.js'
export { readRestApiConfigFile } from './read-rest-api-config-file.js'
export {
  type ApiKeyAuthTypeConfig,
  AUTH_TYPES,
  type AuthConfig,
  type AuthType,
  type BearerAuthConfig,
  type ClientConfig,
  type CursorPaginatorTypeConfig,
  type EndpointConfig,
  type EndpointIncrementalConfig,
  type EndpointParamValue,
  type EndpointResourceBase,
  type EndpointResourceConfig,
  type HeaderCursorPaginatorTypeConfig,
  type HeaderLinkPaginatorTypeConfig,
  type HttpBasicAuthTypeConfig,
  type IncrementalArgs,
  type IncrementalParamConfig,
  type JsonLinkPaginatorTypeConfig,
  type OAuth2ClientCredentialsTypeConfig,
  type OffsetPaginatorTypeConfig,
  PAGINATOR_TYPES,
  type PageNumberPaginatorTypeConfig,
  type PaginatorConfig,
  type PaginatorType,
  type PlainPaginatorTypeConfig,
  type ProcessingStep,
  type ResolveParamConfig,
  type RestApiConfig,
} from './rest-api-config.js'
export { isRestApiConfigError, RestApiConfigError } from './rest-api-config-error.js'
export { restApiConfigJsonSchema } from './rest-api-config-json-schema.js'
export {
  type RestApiClientSettings,
  type RestApiResourcesOptions,
  type RestApiSourceOptions,
  restApiResources,
  restApiSource,
} from './rest-api-source.js'
export { validateRestApiConfig } from './validate-rest-api-config.js'
