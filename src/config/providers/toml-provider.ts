/**
 * @module `.dlt/config.toml` and `.dlt/secrets.toml` as config providers. The file is read from
 * the project's `.dlt` folder and from the global dlt folder; the documents are merged, the
 * project's values winning (dlt's `SettingsTomlProvider`). Keys are case-sensitive, sections are
 * TOML tables: `[sources.github]` / `access_token = "..."`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse, TomlError } from 'smol-toml'
import { ConfigFileError } from '../config-errors.js'
import type { ConfigProvider, ProviderValue } from './config-provider.js'

/** dlt's file names. */
export const CONFIG_TOML = 'config.toml'
/** dlt's file names. */
export const SECRETS_TOML = 'secrets.toml'

type Table = Record<string, unknown>

/** Options of `loadTomlProvider`. */
export interface TomlProviderConfig {
  /** File to read in each folder, which is also the provider's name: `config.toml`, `secrets.toml`. */
  readonly fileName: string
  /** Whether secrets may be stored in this file: true for `secrets.toml` only. */
  readonly supportsSecrets: boolean
  /** Folders to read `fileName` from, most important first. Missing files are skipped. */
  readonly dirs: readonly string[]
}

class TomlProvider implements ConfigProvider {
  readonly name: string
  readonly supportsSecrets: boolean
  readonly isSecretStore: boolean
  readonly locations: readonly string[]
  readonly searchedLocations: readonly string[]
  readonly #documents: readonly { readonly path: string; readonly table: Table }[]
  readonly #merged: Table

  constructor(config: TomlProviderConfig) {
    this.name = config.fileName
    this.supportsSecrets = config.supportsSecrets
    this.isSecretStore = config.supportsSecrets
    const paths = [...new Set(config.dirs.map((dir) => resolve(dir, config.fileName)))]
    this.searchedLocations = paths
    this.#documents = paths.flatMap((path) => {
      const table = readToml(path)
      return table === undefined ? [] : [{ path, table }]
    })
    this.locations = this.#documents.map((doc) => doc.path)
    // Merge from the least important document up, so the project's values win.
    this.#merged = this.#documents.reduceRight<Table>((acc, doc) => mergeTables(acc, doc.table), {})
  }

  get isEmpty(): boolean {
    return Object.keys(this.#merged).length === 0
  }

  getValue(
    key: string,
    pipelineName: string | undefined,
    sections: readonly string[],
  ): ProviderValue {
    const path = pipelineName === undefined ? [...sections, key] : [pipelineName, ...sections, key]
    const lookupKey = path.join('.')
    const value = getPath(this.#merged, path)
    if (value === undefined) return { value, lookupKey }
    const location = this.#documents.find((doc) => getPath(doc.table, path) !== undefined)?.path
    return location === undefined ? { value, lookupKey } : { value, lookupKey, location }
  }
}

/**
 * Reads `fileName` from each of `dirs` and returns a provider over the merged documents.
 * Throws `ConfigFileError` when a file exists but is not valid TOML.
 */
export function loadTomlProvider(config: TomlProviderConfig): ConfigProvider {
  return new TomlProvider(config)
}

function readToml(path: string): Table | undefined {
  if (!existsSync(path)) return undefined
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new ConfigFileError(path, typeof code === 'string' ? code : 'cannot be read')
  }
  try {
    return parse(text) as Table
  } catch (error) {
    if (error instanceof TomlError) {
      // smol-toml's message carries a code frame of the offending lines, which may hold a secret:
      // keep only its first line (the reason) and the position, and drop the error itself.
      const reason = error.message.split('\n')[0] ?? 'invalid TOML'
      throw new ConfigFileError(path, reason, error.line, error.column)
    }
    throw new ConfigFileError(path, 'invalid TOML')
  }
}

function isTable(value: unknown): value is Table {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  )
}

function getPath(table: Table, path: readonly string[]): unknown {
  let node: unknown = table
  for (const part of path) {
    if (!isTable(node) || !Object.hasOwn(node, part)) return undefined
    node = node[part]
  }
  return node
}

/** Deep-merges `over` into a copy of `base`; tables merge, any other value replaces. */
function mergeTables(base: Table, over: Table): Table {
  const merged: Table = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key]
    merged[key] = isTable(current) && isTable(value) ? mergeTables(current, value) : value
  }
  return merged
}
