/**
 * @module Auth from config: a type name, a `{ type, … }` object (`type` defaults to `'bearer'`,
 * as in dlt) or an `Auth` instance. Values the config leaves out are read from configuration
 * under `sources.<source name>` (`SOURCES__GITHUB__TOKEN`, `[sources.github] token` in
 * secrets.toml), the way dlt resolves an auth config spec in the source's section.
 */
import {
  type ConfigProvider,
  config,
  defineConfig,
  type FieldSpec,
  resolveConfig,
  secret,
} from '../../config/index.js'
import {
  APIKeyAuth,
  type Auth,
  BearerTokenAuth,
  HttpBasicAuth,
  OAuth2ClientCredentials,
} from '../rest-client/index.js'
import type { AuthConfig, AuthType } from './rest-api-config.js'
import { isAuthInstance } from './rest-api-config-shape.js'

/** Where missing auth values are looked up. */
export interface AuthResolveOptions {
  /** Sections, outermost first: `['sources', 'github']`. */
  readonly sections: readonly string[]
  readonly pipelineName?: string | undefined
  readonly providers?: readonly ConfigProvider[] | undefined
}

/** The values each auth type needs, and which of them are secrets. */
const REQUIRED_FIELDS: Readonly<Record<AuthType, Readonly<Record<string, FieldSpec<string>>>>> = {
  bearer: { token: secret.string() },
  api_key: { apiKey: secret.string() },
  http_basic: { username: config.string(), password: secret.string() },
  oauth2_client_credentials: {
    accessTokenUrl: config.string(),
    clientId: secret.string(),
    clientSecret: secret.string(),
  },
}

const AUTH_CLASSES: Readonly<Record<AuthType, new (config: any) => Auth>> = {
  bearer: BearerTokenAuth,
  api_key: APIKeyAuth,
  http_basic: HttpBasicAuth,
  oauth2_client_credentials: OAuth2ClientCredentials,
}

/**
 * The `Auth` for `authConfig`, or `undefined` for none. Throws `ConfigFieldMissingError` naming
 * the environment variables and TOML keys tried when a required value is nowhere.
 */
export function createAuth(
  authConfig: AuthConfig | undefined,
  options: AuthResolveOptions,
): Auth | undefined {
  if (authConfig === undefined) return undefined
  if (isAuthInstance(authConfig)) return authConfig
  const { type = 'bearer', ...given } = (
    typeof authConfig === 'string' ? { type: authConfig } : authConfig
  ) as { type?: AuthType } & Record<string, unknown>
  const required = REQUIRED_FIELDS[type]
  const spec = defineConfig(required, { name: `${type} auth of ${options.sections.join('.')}` })
  const resolved = resolveConfig(spec, {
    sections: options.sections,
    explicit: given as Record<string, string>,
    ...(options.pipelineName === undefined ? {} : { pipelineName: options.pipelineName }),
    ...(options.providers === undefined ? {} : { providers: options.providers }),
  })
  return new AUTH_CLASSES[type]({ ...given, ...resolved })
}
