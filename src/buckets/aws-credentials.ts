/**
 * @module Credentials of S3-compatible buckets with dlt's keys (`AwsCredentials`):
 * `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`, `region_name`,
 * `endpoint_url`. Given in code (camelCase or dlt's snake_case keys) or read from configuration
 * under `<section>.credentials` (`[sources.filesystem.credentials]`,
 * `DESTINATION__FILESYSTEM__CREDENTIALS__AWS_ACCESS_KEY_ID`); what is found nowhere is left to the
 * AWS SDK's own chain (`AWS_ACCESS_KEY_ID`, `~/.aws/credentials`, instance roles).
 */
import type { ConfigProvider } from '../config/index.js'
import { config, defineConfig, maskSecret, resolveConfig, secret } from '../config/index.js'

/** Credentials of an S3-compatible bucket. */
export interface AwsCredentials {
  /** dlt: `aws_access_key_id`. */
  readonly awsAccessKeyId?: string | undefined
  /** dlt: `aws_secret_access_key` (a secret: masked wherever shown). */
  readonly awsSecretAccessKey?: string | undefined
  /** dlt: `aws_session_token`, for temporary credentials (a secret). */
  readonly awsSessionToken?: string | undefined
  /** dlt: `region_name`. @default 'us-east-1' when neither given nor configured for the SDK */
  readonly regionName?: string | undefined
  /** dlt: `endpoint_url`: an S3-compatible server (MinIO, R2, …) instead of AWS. */
  readonly endpointUrl?: string | undefined
}

/** The same credentials with dlt's snake_case keys, as written in `.dlt/secrets.toml`. */
export interface DltAwsCredentials {
  readonly aws_access_key_id?: string | undefined
  readonly aws_secret_access_key?: string | undefined
  readonly aws_session_token?: string | undefined
  readonly region_name?: string | undefined
  readonly endpoint_url?: string | undefined
}

/** What the `credentials` options take: either spelling. */
export type AwsCredentialsInput = AwsCredentials | DltAwsCredentials

const SNAKE_TO_CAMEL = {
  aws_access_key_id: 'awsAccessKeyId',
  aws_secret_access_key: 'awsSecretAccessKey',
  aws_session_token: 'awsSessionToken',
  region_name: 'regionName',
  endpoint_url: 'endpointUrl',
} as const

const AWS_CREDENTIALS_SPEC = defineConfig(
  {
    awsAccessKeyId: config.string({ optional: true }),
    awsSecretAccessKey: secret.string({ optional: true }),
    awsSessionToken: secret.string({ optional: true }),
    regionName: config.string({ optional: true }),
    endpointUrl: config.string({ optional: true }),
  },
  { name: 'AwsCredentials', section: 'credentials' },
)

/** Where `resolveAwsCredentials` looks. */
export interface AwsCredentialsLookup {
  /** Sections, outermost first: `['destination', 'filesystem']`, `['sources', 'filesystem']`. */
  readonly sections: readonly string[]
  /** Adds a first pass under the pipeline's name. */
  readonly pipelineName?: string | undefined
  /** Where values come from. @default environment, `.dlt/secrets.toml`, `.dlt/config.toml` */
  readonly providers?: readonly ConfigProvider[] | undefined
}

/**
 * The credentials given in code, completed from configuration under `<sections>.credentials`.
 * @throws TypeError for an unknown key or a value that is not a string.
 */
export function resolveAwsCredentials(
  given: AwsCredentialsInput | undefined,
  lookup: AwsCredentialsLookup,
): AwsCredentials {
  const explicit = normalizeAwsCredentials(given)
  return resolveConfig(AWS_CREDENTIALS_SPEC, {
    sections: lookup.sections,
    explicit,
    ...(lookup.pipelineName ? { pipelineName: lookup.pipelineName } : {}),
    ...(lookup.providers ? { providers: lookup.providers } : {}),
  })
}

/** Credentials given in either spelling, with camelCase keys. */
export function normalizeAwsCredentials(given: AwsCredentialsInput | undefined): AwsCredentials {
  if (given === undefined) return {}
  if (given === null || typeof given !== 'object') {
    throw new TypeError(
      'The `credentials` option must be an object such as { aws_access_key_id, aws_secret_access_key, endpoint_url }',
    )
  }
  const known = new Set<string>([...Object.keys(SNAKE_TO_CAMEL), ...Object.values(SNAKE_TO_CAMEL)])
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(given)) {
    if (!known.has(key)) {
      throw new TypeError(
        `Unknown key \`${key}\` in \`credentials\`: use ${Object.keys(SNAKE_TO_CAMEL).join(', ')} (or their camelCase forms)`,
      )
    }
    if (value === undefined) continue
    if (typeof value !== 'string') throw new TypeError(`\`credentials.${key}\` must be a string`)
    const camel = (SNAKE_TO_CAMEL as Record<string, string>)[key] ?? key
    result[camel] = value
  }
  return result
}

/** The access key id as messages show it: masked. */
export function displayAccessKeyId(credentials: AwsCredentials): string | undefined {
  const id = credentials.awsAccessKeyId
  return id === undefined ? undefined : maskSecret(id)
}
