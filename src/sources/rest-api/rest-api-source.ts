/**
 * @module `restApiSource` and `restApiResources`: a declarative REST API description in, a dlt
 * source (or its resources) out — dlt's `rest_api_source` / `rest_api_resources`. The config is
 * checked completely and copied before anything else happens, and never changed.
 */
import type { ConfigProvider } from '../../config/index.js'
import type { AnyResource } from '../../extract/resource.js'
import { type Source, type SourceOptions, source } from '../../extract/source.js'
import { RESTClient, type RESTClientConfig } from '../rest-client/index.js'
import { createAuth } from './create-auth.js'
import { createPaginatorFactory } from './create-paginator.js'
import { createResources } from './create-resources.js'
import type { RestApiConfigInput } from './dlt-rest-api-config.js'
import { freezeConfig } from './freeze-config.js'
import type { RestApiConfig } from './rest-api-config.js'
import { checkRestApiConfig } from './validate-rest-api-config.js'

/** Client settings that only code can give (not part of the declarative config). */
export type RestApiClientSettings = Omit<
  RESTClientConfig,
  'baseUrl' | 'headers' | 'auth' | 'authOrigins' | 'paginator' | 'dataSelector'
>

/** Options of `restApiResources`. */
export interface RestApiResourcesOptions {
  /**
   * The name whose configuration section holds missing auth values: `sources.<name>.token`.
   * @default 'rest_api'
   */
  readonly name?: string
  /** Adds a first lookup pass under `<pipelineName>.sources.<name>`. @default none */
  readonly pipelineName?: string
  /** Where missing auth values come from. @default createProviders(): environment, .dlt/*.toml */
  readonly providers?: readonly ConfigProvider[]
  /** Retries, timeouts, `fetch`, `logger`, hooks of the client. @default the client's defaults */
  readonly clientSettings?: RestApiClientSettings
}

/** Options of `restApiSource`. */
export interface RestApiSourceOptions
  extends RestApiResourcesOptions,
    Omit<SourceOptions, 'name'> {}

/**
 * Creates the resources a REST API config describes, parents before their children are bound.
 * Keys may be camelCase or, as in a config copied from Python dlt, snake_case.
 * Throws `RestApiConfigError` (every problem, with its path) before any request.
 */
export function restApiResources(
  config: RestApiConfigInput,
  options: RestApiResourcesOptions = {},
): AnyResource[] {
  const checked = checkRestApiConfig(config)
  const frozen = freezeConfig(checked.config)
  const name = options.name ?? 'rest_api'
  const authOptions = {
    sections: ['sources', name],
    pipelineName: options.pipelineName,
    providers: options.providers,
  }
  const { client: clientConfig } = frozen
  const client = new RESTClient({
    ...options.clientSettings,
    baseUrl: clientConfig.baseUrl,
    ...(clientConfig.headers ? { headers: clientConfig.headers } : {}),
    ...optional('auth', createAuth(clientConfig.auth ?? undefined, authOptions)),
    ...optional('authOrigins', clientConfig.authOrigins ?? undefined),
    ...optional('paginator', clientPaginator(clientConfig.paginator ?? undefined)),
  })
  return createResources(freezeConfig(checked.plans), { client, auth: authOptions })
}

/**
 * Creates a source from a REST API config: one resource per endpoint, child endpoints fed by their
 * parents, pagination, auth and incremental loading as configured.
 *
 * ```ts
 * const github = restApiSource({
 *   client: { baseUrl: 'https://api.github.com/repos/dlt-hub/dlt/', auth: { type: 'bearer' } },
 *   resourceDefaults: { primaryKey: 'id', writeDisposition: 'merge' },
 *   resources: [
 *     {
 *       name: 'issues',
 *       endpoint: {
 *         path: 'issues',
 *         params: { state: 'all', per_page: 100 },
 *         incremental: { startParam: 'since', cursorPath: 'updated_at', initialValue: '2024-01-01T00:00:00Z' },
 *       },
 *     },
 *     { name: 'issue_comments', endpoint: 'issues/{resources.issues.number}/comments' },
 *   ],
 * }, { name: 'github' })
 * await pipeline.run(github)
 * ```
 */
export function restApiSource(
  config: RestApiConfigInput,
  options: RestApiSourceOptions = {},
): Source {
  const { name = 'rest_api', pipelineName, providers, clientSettings, ...sourceOptions } = options
  const resources = restApiResources(config, {
    name,
    ...optional('pipelineName', pipelineName),
    ...optional('providers', providers),
    ...optional('clientSettings', clientSettings),
  })
  return source(() => resources, { ...sourceOptions, name })
}

function clientPaginator(config: RestApiConfig['client']['paginator']) {
  if (config === null) return undefined
  return createPaginatorFactory(config, 'client.paginator')()
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
