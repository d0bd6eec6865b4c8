/**
 * @module dlt's lookup walk for one value. With a pipeline name, every provider is first asked
 * under `<pipeline_name>.…`; then without it. Within a provider, the key is tried from the most
 * specific section path to the least (`sources.github.issues.token` → `sources.github.token` →
 * `sources.token` → `token`), a fixed innermost section staying in place. The first value found
 * wins. A secret found in a provider that cannot hold secrets is refused.
 */
import { ConfigValueNotSecretError, type LookupTrace } from './config-errors.js'
import type { ConfigProvider } from './providers/config-provider.js'
import { envVarName } from './providers/env-provider.js'

/** What to look up. */
export interface LookupRequest {
  /** The key: `access_token`. */
  readonly key: string
  /** Sections, outermost first, dropped from the right during the fall-back. */
  readonly sections: readonly string[]
  /** A section that stays innermost and is never dropped (dlt's config `__section__`). */
  readonly section?: string | undefined
  /** Adds a first pass with the pipeline name as the outermost section. */
  readonly pipelineName?: string | undefined
  /** Secrets are refused from providers that cannot hold them. */
  readonly secret: boolean
}

/** Where a value was found. */
export interface LookupHit {
  readonly provider: string
  readonly lookupKey: string
  readonly location?: string
}

/** The outcome of a lookup: the value and where it was found, and every key tried. */
export interface LookupResult {
  /** The raw value, `undefined` when not found. */
  readonly value: unknown
  readonly hit: LookupHit | undefined
  readonly traces: readonly LookupTrace[]
}

/** Looks a value up in `providers`, in dlt's order. */
export function lookupValue(
  providers: readonly ConfigProvider[],
  request: LookupRequest,
): LookupResult {
  const traces: LookupTrace[] = []
  const passes = request.pipelineName ? [request.pipelineName, undefined] : [undefined]
  for (const pipelineName of passes) {
    for (const provider of providers) {
      // dlt does not query empty providers, so they do not clutter the traces.
      if (provider.isEmpty) continue
      const result = lookupInProvider(provider, request, pipelineName, traces)
      if (result !== undefined) return { value: result.value, hit: result.hit, traces }
    }
  }
  return { value: undefined, hit: undefined, traces }
}

function lookupInProvider(
  provider: ConfigProvider,
  request: LookupRequest,
  pipelineName: string | undefined,
  traces: LookupTrace[],
): { value: unknown; hit: LookupHit } | undefined {
  const cannotHold = request.secret && !provider.supportsSecrets
  const sections = [...request.sections]
  for (;;) {
    const path = request.section === undefined ? sections : [...sections, request.section]
    const found = provider.getValue(request.key, pipelineName, path)
    if (found.value !== undefined && cannotHold) {
      throw new ConfigValueNotSecretError(
        dottedKey(request),
        provider.name,
        found.lookupKey,
        found.location,
      )
    }
    // dlt leaves providers that cannot hold the value out of the traces.
    if (!cannotHold) traces.push({ provider: provider.name, key: found.lookupKey })
    if (found.value !== undefined) {
      const hit: LookupHit = { provider: provider.name, lookupKey: found.lookupKey }
      return {
        value: found.value,
        hit: found.location === undefined ? hit : { ...hit, location: found.location },
      }
    }
    if (sections.length === 0) return undefined
    sections.pop()
  }
}

/** The most specific dotted key of a request, without the pipeline name. */
export function dottedKey(request: LookupRequest): string {
  return fullPath(request).join('.')
}

/** The environment variable that sets a request's value: `SOURCES__GITHUB__ACCESS_TOKEN`. */
export function requestEnvVar(request: LookupRequest): string {
  const path = fullPath(request)
  return envVarName(path.pop() ?? request.key, path)
}

function fullPath(request: LookupRequest): string[] {
  return [
    ...request.sections,
    ...(request.section === undefined ? [] : [request.section]),
    request.key,
  ]
}
