/**
 * @module The text of `ConfigFieldMissingError`: per missing value, the environment variable to set
 * and the TOML lines to add — for connection-string credentials the whole string first — then how
 * many keys were tried. The keys themselves are listed only on demand (`verbose`, which
 * `ConfigFieldMissingError` turns on with `DLT_TS_DEBUG=1`; `error.lookedUp` has them always).
 * Holds no values.
 */
import type { LookupTrace, MissingConfigField, ProviderLocations } from './config-errors.js'

/** Options of `formatMissingMessage`. */
export interface FormatMissingOptions {
  /**
   * List every key tried, per field and provider (`formatLookups`), instead of their count.
   * @default false
   */
  readonly verbose?: boolean
}

/** Builds the message of a `ConfigFieldMissingError`. */
export function formatMissingMessage(
  specName: string,
  fields: readonly MissingConfigField[],
  providers: readonly ProviderLocations[],
  options: FormatMissingOptions = {},
): string {
  const groups = groupFields(fields)
  const lines = [`Missing configuration for ${specName}: ${groups.map(groupTitle).join(', ')}`]
  for (const group of groups) lines.push(...(group.whole ? wholeAdvice(group) : fieldAdvice(group)))
  const notFound = providers.flatMap((provider) =>
    provider.searchedLocations.filter((path) => !provider.locations.includes(path)),
  )
  if (notFound.length > 0) lines.push(`  Files not found: ${notFound.join(', ')}`)
  if (options.verbose) {
    lines.push(
      ...formatLookups(fields)
        .split('\n')
        .map((line) => `  ${line}`),
    )
  } else {
    const traces = fields.flatMap((field) => field.traces)
    const keys = new Set(traces.map((trace) => trace.key)).size
    const names = [...new Set(traces.map((trace) => trace.provider))].join(', ')
    if (keys > 0) {
      lines.push(
        `  ${keys} keys were looked up in ${names}: the error's \`lookedUp\` property lists them; ` +
          'set DLT_TS_DEBUG=1 to show them here',
      )
    }
  }
  return lines.join('\n')
}

/** Every key tried for each field, per provider, in lookup order. */
export function formatLookups(fields: readonly MissingConfigField[]): string {
  const lines: string[] = []
  for (const field of fields) {
    lines.push(`${field.key}${field.secret ? ' (secret)' : ''} was looked up in this order:`)
    for (const [provider, keys] of groupByProvider(field.traces)) {
      lines.push(`  ${provider}: ${keys.join(', ')}`)
    }
  }
  return lines.join('\n')
}

/** Fields shown together: the missing parts of one connection string, or a single field. */
interface FieldGroup {
  readonly fields: MissingConfigField[]
  /** Set when nothing of the connection string was given: advise the whole string first. */
  readonly whole: boolean
}

function groupFields(fields: readonly MissingConfigField[]): FieldGroup[] {
  const groups: FieldGroup[] = []
  const byKey = new Map<string, FieldGroup>()
  for (const field of fields) {
    const key = field.connectionString?.key
    const group = key === undefined ? undefined : byKey.get(key)
    if (group) group.fields.push(field)
    else {
      const created = { fields: [field], whole: field.connectionString?.partial === false }
      groups.push(created)
      if (key !== undefined) byKey.set(key, created)
    }
  }
  return groups
}

function groupTitle(group: FieldGroup): string {
  const first = group.fields[0] as MissingConfigField
  const whole = first.connectionString
  if (whole === undefined) return first.key
  const parts = group.fields.map((field) => field.key.slice(whole.key.length + 1))
  return `${whole.key} (${parts.join(', ')})`
}

/** Nothing of a connection string was given: the string, then the parts as the alternative. */
function wholeAdvice(group: FieldGroup): string[] {
  const first = group.fields[0] as MissingConfigField
  const whole = first.connectionString as NonNullable<MissingConfigField['connectionString']>
  return [
    `  Set the environment variable ${whole.envVar}, or add to .dlt/${tomlFile(first)}:`,
    ...tomlSnippet(whole.key, `"${whole.example}"`).map((line) => `    ${line}`),
    `  Or give the parts: ${group.fields.map((field) => field.envVar).join(', ')}`,
  ]
}

function fieldAdvice(group: FieldGroup): string[] {
  const lines: string[] = []
  for (const field of group.fields) {
    lines.push(`  Set the environment variable ${field.envVar}, or add to .dlt/${tomlFile(field)}:`)
    lines.push(...tomlSnippet(field.key, '"..."').map((line) => `    ${line}`))
    if (field.hint !== undefined) lines.push(`  ${field.hint}`)
  }
  const whole = group.fields[0]?.connectionString
  if (whole !== undefined) {
    lines.push(
      `  Or give all the credentials as one connection string in ${whole.envVar}: ${whole.example}`,
    )
  }
  return lines
}

function tomlFile(field: MissingConfigField): string {
  return field.secret ? 'secrets.toml' : 'config.toml'
}

function groupByProvider(traces: readonly LookupTrace[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const trace of traces) {
    const keys = groups.get(trace.provider)
    if (keys === undefined) groups.set(trace.provider, [trace.key])
    else keys.push(trace.key)
  }
  return groups
}

function tomlSnippet(dottedKey: string, value: string): string[] {
  const parts = dottedKey.split('.')
  const key = parts.pop() ?? dottedKey
  const assignment = `${key} = ${value}`
  return parts.length === 0 ? [assignment] : [`[${parts.join('.')}]`, assignment]
}
