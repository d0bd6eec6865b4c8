/**
 * @module Credentials of a SQL destination that connects with a connection string: given in code
 * (a string, its parts, or `ConnectionStringCredentials`), else `destination.<name>.credentials`
 * from configuration with dlt's keys and sections, and refused with `ConnectionStringSchemeError`
 * when the scheme belongs to another database (the password masked).
 */
import {
  type ConnectionStringCredentials,
  type ConnectionStringCredentialsInit,
  type ConnectionStringField,
  ConnectionStringSchemeError,
  createConnectionStringCredentials,
  defineConfig,
  isConnectionStringCredentials,
  resolveConfig,
  secret,
} from '../../config/index.js'

/** What a destination's credentials look like. */
export interface ConnectionCredentialsRules {
  /** The destination's name: its config section, `destination.<name>.credentials`. */
  readonly destination: string
  /** Accepted schemes, first the default one; `scheme+driver` (dlt's form) is accepted too. */
  readonly schemes: readonly [string, ...string[]]
  /** Parts configuration must give. */
  readonly required: readonly ConnectionStringField[]
  /** An example of a driver suffix, for the scheme error: `mysql+pymysql://`. */
  readonly driverExample: string
}

/** Credentials as code may give them. */
export type ConnectionCredentialsInput =
  | string
  | ConnectionStringCredentialsInit
  | ConnectionStringCredentials

/** Parses and resolves one destination's credentials. */
export interface ConnectionCredentials {
  /** Credentials from code; throws for a malformed string or another database's scheme. */
  parse(value: ConnectionCredentialsInput): ConnectionStringCredentials
  /** `given`, else those configured for `pipelineName`; throws `ConfigFieldMissingError`. */
  resolve(
    given: ConnectionCredentialsInput | undefined,
    pipelineName: string,
  ): ConnectionStringCredentials
}

/** The credentials handling of a destination following `rules`. */
export function connectionCredentials(rules: ConnectionCredentialsRules): ConnectionCredentials {
  const [drivername] = rules.schemes
  const key = `destination.${rules.destination}.credentials`
  const spec = defineConfig(
    { credentials: secret.connectionString({ drivername, required: [...rules.required] }) },
    { name: `${rules.destination[0]!.toUpperCase()}${rules.destination.slice(1)}Credentials` },
  )
  const checkScheme = (credentials: ConnectionStringCredentials) => {
    const [scheme = ''] = credentials.drivername.toLowerCase().split('+')
    if (rules.schemes.includes(scheme)) return credentials
    throw new ConnectionStringSchemeError(
      rules.destination,
      credentials.drivername,
      rules.schemes,
      credentials.toString(), // the password as ***
      { key, note: `(also with a driver, as dlt writes ${rules.driverExample})` },
    )
  }
  const parse = (value: ConnectionCredentialsInput) =>
    checkScheme(
      typeof value === 'string' || isConnectionStringCredentials(value)
        ? createConnectionStringCredentials(value)
        : createConnectionStringCredentials({ drivername, ...value }),
    )
  return {
    parse,
    resolve(given, pipelineName) {
      if (given !== undefined) return parse(given)
      const sections = ['destination', rules.destination]
      return checkScheme(resolveConfig(spec, { sections, pipelineName }).credentials)
    },
  }
}
