/**
 * @module The resolved, frozen state of a `RESTClient` that sending and paginating read: the
 * config checked at the API boundary, with defaults filled in.
 */
import type { Auth } from './auth/auth.js'
import { type OriginSet, resolveAuthOrigins } from './auth-origins.js'
import { type HttpRuntimeConfig, resolveHttpRuntimeConfig } from './http-runtime-config.js'
import { type CompiledJsonPath, compileJsonPath } from './json-path/json-path.js'
import { checkPaginator, type Paginator } from './paginators/paginator.js'
import type { ResponseHook } from './response-actions.js'
import type {
  BeforeRetryHook,
  FetchLike,
  RESTClientConfig,
  RequestHooks,
} from './rest-client-config.js'
import { NOOP_LOGGER, type RESTClientLogger } from './rest-client-logger.js'

/** Hooks with both lists present. */
export interface ResolvedHooks {
  readonly response: readonly ResponseHook[]
  readonly beforeRetry: readonly BeforeRetryHook[]
}

/** @internal What the client's methods work from. */
export interface ClientCore {
  readonly baseUrl: string
  readonly headers: Readonly<Record<string, string>>
  readonly auth: Auth | undefined
  /** The origins of `baseUrl` and `authOrigins`: where credentials may go. */
  readonly authOrigins: OriginSet
  readonly paginator: Paginator | undefined
  readonly dataSelector: CompiledJsonPath | undefined
  readonly hooks: ResolvedHooks
  readonly logger: RESTClientLogger
  readonly fetch: FetchLike
  readonly runtime: Required<HttpRuntimeConfig>
}

/** Checks `config` and resolves it. Throws `TypeError`/`RangeError` naming the bad option. */
export function createClientCore(config: RESTClientConfig): ClientCore {
  if (typeof config?.baseUrl !== 'string')
    throw new TypeError('The `baseUrl` option must be a string (use "" with absolute paths)')
  if (config.auth !== undefined && typeof config.auth?.authenticate !== 'function')
    throw new TypeError('The `auth` option must have an `authenticate` method')
  const fetchImpl = config.fetch ?? (globalThis.fetch as FetchLike | undefined)
  if (typeof fetchImpl !== 'function') throw new TypeError('The `fetch` option must be a function')
  return Object.freeze({
    baseUrl: config.baseUrl,
    headers: Object.freeze({ ...config.headers }),
    auth: config.auth,
    authOrigins: resolveAuthOrigins(config.baseUrl, config.authOrigins),
    paginator: config.paginator && checkPaginator(config.paginator, 'paginator'),
    dataSelector:
      config.dataSelector === undefined ? undefined : compileJsonPath(config.dataSelector),
    hooks: mergeHooks(config.hooks, undefined),
    logger: config.logger ?? NOOP_LOGGER,
    fetch: fetchImpl,
    runtime: resolveHttpRuntimeConfig(config),
  })
}

/** `first`'s hooks followed by `second`'s. */
export function mergeHooks(
  first: RequestHooks | undefined,
  second: RequestHooks | undefined,
): ResolvedHooks {
  return Object.freeze({
    response: [...(first?.response ?? []), ...(second?.response ?? [])],
    beforeRetry: [...(first?.beforeRetry ?? []), ...(second?.beforeRetry ?? [])],
  })
}
