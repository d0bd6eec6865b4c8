/**
 * @module The text of `ConfigFieldMissingError`: per missing field, the keys tried in each
 * provider, the environment variable to set and the TOML lines to add. Holds no values.
 */
import type { LookupTrace, MissingConfigField, ProviderLocations } from './config-errors.js'

/** Builds the message of a `ConfigFieldMissingError`. */
export function formatMissingMessage(
  specName: string,
  fields: readonly MissingConfigField[],
  providers: readonly ProviderLocations[],
): string {
  const lines = [
    `Missing configuration for ${specName}: ${fields.map((field) => field.key).join(', ')}`,
  ]
  for (const field of fields) {
    lines.push(`  ${field.key}${field.secret ? ' (secret)' : ''} was looked up in this order:`)
    for (const [provider, keys] of groupByProvider(field.traces)) {
      lines.push(`    ${provider}: ${keys.join(', ')}`)
    }
    lines.push(`  Set the environment variable ${field.envVar}, or add to .dlt/${tomlFile(field)}:`)
    lines.push(...tomlSnippet(field.key).map((line) => `    ${line}`))
    if (field.hint !== undefined) lines.push(`  ${field.hint}`)
  }
  const notFound = providers.flatMap((provider) =>
    provider.searchedLocations.filter((path) => !provider.locations.includes(path)),
  )
  if (notFound.length > 0) lines.push(`  Files not found: ${notFound.join(', ')}`)
  return lines.join('\n')
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

function tomlSnippet(dottedKey: string): string[] {
  const parts = dottedKey.split('.')
  const key = parts.pop() ?? dottedKey
  const assignment = `${key} = "..."`
  return parts.length === 0 ? [assignment] : [`[${parts.join('.')}]`, assignment]
}
