/**
 * @module The errors configuration resolution raises. All are `TerminalError`s (a retry cannot
 * make a missing key appear) and none ever carries a secret value: messages and properties hold
 * key names, provider names and file paths only, or a masked form (`po****es`).
 */
import { TerminalError } from '../errors/dlt-error.js'
import { formatLookups, formatMissingMessage } from './format-missing-message.js'

/** One place a value was looked for: which provider, under which key. Never holds the value. */
export interface LookupTrace {
  /** Provider name: `Environment Variables`, `secrets.toml`, `config.toml`. */
  readonly provider: string
  /** The key as that provider spells it: `SOURCES__GITHUB__ACCESS_TOKEN`, `sources.github.access_token`. */
  readonly key: string
}

/** A required value that no provider had. */
export interface MissingConfigField {
  /** The field name in the spec (`accessToken`), or the key passed to `config.get`. */
  readonly field: string
  /** The most specific dotted key without the pipeline name: `sources.github.access_token`. */
  readonly key: string
  /** Whether the value is a secret (it then belongs in `secrets.toml`, never `config.toml`). */
  readonly secret: boolean
  /** The environment variable to set: `SOURCES__GITHUB__ACCESS_TOKEN`. */
  readonly envVar: string
  /** Every key tried, in lookup order. */
  readonly traces: readonly LookupTrace[]
  /** Another way to give the value, shown under it. */
  readonly hint?: string
  /** Set for a part of connection-string credentials: the whole string can be given instead. */
  readonly connectionString?: ConnectionStringHint
}

/** The connection string a missing credentials part belongs to. */
export interface ConnectionStringHint {
  /** The dotted key of the whole string: `destination.postgres.credentials`. */
  readonly key: string
  /** Its environment variable: `DESTINATION__POSTGRES__CREDENTIALS`. */
  readonly envVar: string
  /** The string's form, without values: `postgresql://username:password@host:port/database`. */
  readonly example: string
  /** True when a string was found but lacks this part; false when nothing of it was given. */
  readonly partial: boolean
}

/** Where a provider looked for its files, for "file not found" hints. */
export interface ProviderLocations {
  readonly name: string
  /** Files that exist and were read. */
  readonly locations: readonly string[]
  /** Files that were looked for. */
  readonly searchedLocations: readonly string[]
}

/** Base class of every configuration error. */
export class ConfigError extends TerminalError {
  override name = 'ConfigError'
  /** The dotted config key concerned (`sources.github.access_token`), when there is one. */
  readonly key: string | undefined

  constructor(message: string, key: string | undefined, options?: ErrorOptions) {
    super(message, options)
    this.key = key
  }

  /** Brand checked by `isConfigError`, so two copies of the package still agree. */
  get isConfigError(): true {
    return true
  }
}

/**
 * Required configuration values were not found in any provider (dlt's
 * `ConfigFieldMissingException`). The message says, per field, the environment variable to set and
 * the TOML lines to add (for connection-string credentials, the whole string first) and how many
 * keys were tried. The keys are in `lookedUp` and `describeLookups()`; with the environment
 * variable `DLT_TS_DEBUG=1` the message lists them too.
 */
export class ConfigFieldMissingError extends ConfigError {
  override name = 'ConfigFieldMissingError'
  /** Name of the spec being resolved (`GithubSourceConfig`), or `config`/`secrets` for accessors. */
  readonly specName: string
  /** The missing fields, each with its lookup traces. */
  readonly fields: readonly MissingConfigField[]
  /** Every key tried for the missing fields, in lookup order, each once. */
  readonly lookedUp: readonly string[]

  constructor(
    specName: string,
    fields: readonly MissingConfigField[],
    providers: readonly ProviderLocations[] = [],
  ) {
    const verbose = isDebug(process.env['DLT_TS_DEBUG'])
    super(formatMissingMessage(specName, fields, providers, { verbose }), fields[0]?.key)
    this.specName = specName
    this.fields = fields
    this.lookedUp = [...new Set(fields.flatMap((field) => field.traces.map((trace) => trace.key)))]
  }

  /** Every key tried, per field and provider, in order: what `DLT_TS_DEBUG=1` adds to the message. */
  describeLookups(): string {
    return formatLookups(this.fields)
  }
}

/**
 * A secret value was found in a provider that must not hold secrets (`config.toml`), as dlt's
 * `ValueNotSecretException`. The value itself is never read into the error.
 */
export class ConfigValueNotSecretError extends ConfigError {
  override name = 'ConfigValueNotSecretError'
  /** The provider holding the secret: `config.toml`. */
  readonly provider: string
  /** The key it was found under, as that provider spells it. */
  readonly lookupKey: string
  /** The file, when known. */
  readonly location: string | undefined

  constructor(key: string, provider: string, lookupKey: string, location: string | undefined) {
    const where = location === undefined ? provider : `${provider} (${location})`
    const envVar = lookupKey.split('.').join('__').toUpperCase()
    super(
      `Secret value found in a file that must not hold secrets: "${lookupKey}" in ${where}: ` +
        `move it to secrets.toml in the same folder, under the same key, or set the environment ` +
        `variable ${envVar}`,
      key,
    )
    this.provider = provider
    this.lookupKey = lookupKey
    this.location = location
  }
}

/** A value was found but cannot be read as the declared type (dlt's `ConfigValueCannotBeCoercedException`). */
export class ConfigValueError extends ConfigError {
  override name = 'ConfigValueError'
  /** Where the value came from: a provider name or `explicit`. */
  readonly provider: string
  /** The key it was found under, as that provider spells it. */
  readonly lookupKey: string
  /** What was expected: `an integer`, `a boolean`, `a JSON array`. */
  readonly expected: string
  /** The value as it may be shown: masked when it is a secret, shortened otherwise. */
  readonly displayValue: string

  constructor(
    key: string,
    provider: string,
    lookupKey: string,
    expected: string,
    displayValue: string,
  ) {
    super(
      `Invalid configuration value: "${key}" from ${provider} (${lookupKey}): ` +
        `expected ${expected}, got ${displayValue}`,
      key,
    )
    this.provider = provider
    this.lookupKey = lookupKey
    this.expected = expected
    this.displayValue = displayValue
  }
}

/** A `.dlt/*.toml` file cannot be read or parsed. */
export class ConfigFileError extends ConfigError {
  override name = 'ConfigFileError'
  /** The file. */
  readonly path: string
  /** 1-based line of the parse error, when known. */
  readonly line: number | undefined
  /** 1-based column of the parse error, when known. */
  readonly column: number | undefined

  constructor(path: string, reason: string, line?: number, column?: number) {
    const at = line === undefined ? '' : ` at line ${line}, column ${column ?? 1}`
    super(`Cannot read configuration file: ${path}${at}: ${reason}`, undefined)
    this.path = path
    this.line = line
    this.column = column
  }
}

function isDebug(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no'].includes(value.trim().toLowerCase())
}

/** True for any configuration error, across package copies. */
export function isConfigError(error: unknown): error is ConfigError {
  return (
    error instanceof ConfigError ||
    (error as { isConfigError?: unknown } | null)?.isConfigError === true
  )
}

/**
 * A connection string cannot be parsed. The string itself is never part of the error, since it
 * usually holds a password.
 */
export class InvalidConnectionStringError extends ConfigError {
  override name = 'InvalidConnectionStringError'

  constructor(reason: string, key?: string) {
    const where = key === undefined ? '' : ` for "${key}"`
    super(
      `Invalid connection string${where}: ${reason}; expected ` +
        'drivername://[username[:password]@]host[:port]/database[?key=value&...]',
      key,
    )
  }
}

/**
 * Connection-string credentials of a kind the destination cannot use, e.g. a `mysql://` URL given
 * to the postgres destination. The message shows the credentials with the password as `***`.
 */
export class ConnectionStringSchemeError extends ConfigError {
  override name = 'ConnectionStringSchemeError'
  /** The scheme that was given: `mysql`. */
  readonly scheme: string
  /** The schemes the destination accepts: `['postgresql', 'postgres']`. */
  readonly accepted: readonly string[]

  /**
   * @param displayable the credentials as they may be shown (`mysql://loader:***@host/db`)
   * @param note what else is accepted, appended to the message
   */
  constructor(
    destination: string,
    scheme: string,
    accepted: readonly string[],
    displayable: string,
    options: { readonly key?: string; readonly note?: string } = {},
  ) {
    const where = options.key === undefined ? '' : ` in "${options.key}"`
    const schemes = accepted.map((name) => `${name}://`).join(' or ')
    super(
      `Unsupported connection string for the ${destination} destination${where}: scheme ` +
        `"${scheme}" (${displayable}); it accepts ${schemes}${options.note ? ` ${options.note}` : ''}`,
      options.key,
    )
    this.scheme = scheme
    this.accepted = accepted
  }
}
