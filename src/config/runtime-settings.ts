/**
 * @module The runtime settings dlt exposes (`extract.workers`, `data_writer.buffer_max_items`,
 * `normalize.workers`, `load.workers`, `runtime.request_*`, …) with dlt's defaults, resolved like
 * any other config. The pipeline reads them once per run and hands them inward.
 */

import { defineConfig, type ExplicitValues, type ResolvedConfig } from './define-config.js'
import { configFields as config } from './field-spec.js'
import type { ConfigProvider } from './providers/config-provider.js'
import { createProviders } from './providers/default-providers.js'
import { resolveConfig } from './resolve.js'

/** `[extract]`: how resources are evaluated. */
export const EXTRACT_SETTINGS = defineConfig(
  {
    workers: config.integer({ default: 5, description: 'resources evaluated in parallel' }),
    maxParallelItems: config.integer({ default: 20, description: 'async items in flight' }),
  },
  { name: 'ExtractSettings', section: 'extract' },
)

/**
 * `[data_writer]`: buffering and file rotation of the writers, read under the stage first
 * (`[extract.data_writer]`, `[normalize.data_writer]`) and then at the top level.
 */
export const DATA_WRITER_SETTINGS = defineConfig(
  {
    bufferMaxItems: config.integer({ default: 5000, description: 'items buffered per table' }),
    fileMaxItems: config.integer({ optional: true, description: 'rotate files after N items' }),
    fileMaxBytes: config.integer({ optional: true, description: 'rotate files after N bytes' }),
    disableCompression: config.boolean({ default: false }),
  },
  { name: 'DataWriterSettings', section: 'data_writer' },
)

/** `[normalize]`. */
export const NORMALIZE_SETTINGS = defineConfig(
  {
    // dlt-ts: no default (dlt's is 1): unset means 1 thread, or worker threads for big packages
    workers: config.integer({
      optional: true,
      description: 'worker threads normalizing a package; unset: automatic',
    }),
  },
  { name: 'NormalizeSettings', section: 'normalize' },
)

/** `[load]`. */
export const LOAD_SETTINGS = defineConfig(
  {
    workers: config.integer({ default: 20, description: 'load jobs run in parallel' }),
    raiseOnFailedJobs: config.boolean({ default: true }),
    raiseOnMaxRetries: config.integer({ default: 5 }),
    truncateStagingDataset: config.boolean({
      default: false,
      description: 'empty the staging tables of merge loads once a package is loaded',
    }),
    // dlt-ts: true, where dlt defaults to false: the job files of a loaded package are a copy of
    // what the destination has, and kept they grow the working directory without bound.
    deleteCompletedJobs: config.boolean({
      default: true,
      description: 'delete the job files of loaded packages (their schema and state are kept)',
    }),
  },
  { name: 'LoadSettings', section: 'load' },
)

/** `[runtime]`: HTTP behaviour and logging. */
export const RUNTIME_SETTINGS = defineConfig(
  {
    logLevel: config.string({ default: 'WARNING' }),
    requestTimeout: config.number({ default: 60, description: 'seconds per HTTP request' }),
    requestMaxAttempts: config.integer({ default: 5 }),
    requestBackoffFactor: config.number({ default: 1 }),
    requestMaxRetryDelay: config.number({ default: 300, description: 'seconds' }),
    // dlt-ts: true, where dlt defaults to false (dlt #1605): errors show a truncated, masked body.
    httpShowErrorBody: config.boolean({ default: true }),
    httpMaxErrorBodyLength: config.integer({ default: 8192 }),
  },
  { name: 'RuntimeSettings', section: 'runtime' },
)

/** The pipeline's own settings read from config (dlt's `PipelineConfiguration`). */
export const PIPELINE_SETTINGS = defineConfig(
  {
    progress: config.string({
      optional: true,
      description: "'log', 'bar' or 'false' (dlt's tqdm/enlighten/alive_progress mean 'bar')",
    }),
  },
  { name: 'PipelineSettings' },
)

/** Writer settings of one stage. */
export type DataWriterSettings = ResolvedConfig<typeof DATA_WRITER_SETTINGS>

/** Every runtime setting, resolved. */
export interface RuntimeSettings {
  readonly extract: ResolvedConfig<typeof EXTRACT_SETTINGS> & {
    readonly dataWriter: DataWriterSettings
  }
  readonly normalize: ResolvedConfig<typeof NORMALIZE_SETTINGS> & {
    readonly dataWriter: DataWriterSettings
  }
  readonly load: ResolvedConfig<typeof LOAD_SETTINGS>
  readonly runtime: ResolvedConfig<typeof RUNTIME_SETTINGS>
  readonly pipeline: ResolvedConfig<typeof PIPELINE_SETTINGS>
}

/** Settings given in code, per group; they win over every provider. */
export interface RuntimeSettingsOverrides {
  readonly extract?: ExplicitValues<typeof EXTRACT_SETTINGS>
  readonly extractDataWriter?: ExplicitValues<typeof DATA_WRITER_SETTINGS>
  readonly normalize?: ExplicitValues<typeof NORMALIZE_SETTINGS>
  readonly normalizeDataWriter?: ExplicitValues<typeof DATA_WRITER_SETTINGS>
  readonly load?: ExplicitValues<typeof LOAD_SETTINGS>
  readonly runtime?: ExplicitValues<typeof RUNTIME_SETTINGS>
  readonly pipeline?: ExplicitValues<typeof PIPELINE_SETTINGS>
}

/** Options of `resolveRuntimeSettings`. */
export interface RuntimeSettingsOptions {
  /** Adds a first pass under `<pipelineName>.…` (`<PIPELINE_NAME>__NORMALIZE__WORKERS`). @default none */
  readonly pipelineName?: string
  /** @default createProviders() */
  readonly providers?: readonly ConfigProvider[]
  /** Values given in code. @default {} */
  readonly explicit?: RuntimeSettingsOverrides
}

/**
 * Resolves all runtime settings, each falling back to dlt's default.
 *
 * ```ts
 * const settings = resolveRuntimeSettings({ pipelineName: 'github' })
 * settings.normalize.workers          // NORMALIZE__WORKERS, [normalize] workers, or undefined
 * settings.extract.dataWriter.bufferMaxItems  // [extract.data_writer], [data_writer], or 5000
 * ```
 */
export function resolveRuntimeSettings(options: RuntimeSettingsOptions = {}): RuntimeSettings {
  const providers = options.providers ?? createProviders()
  const base =
    options.pipelineName === undefined
      ? { providers }
      : { providers, pipelineName: options.pipelineName }
  const explicit = options.explicit ?? {}
  const writer = (stage: string, values: ExplicitValues<typeof DATA_WRITER_SETTINGS> | undefined) =>
    resolveConfig(DATA_WRITER_SETTINGS, { ...base, sections: [stage], explicit: values ?? {} })
  return Object.freeze({
    extract: Object.freeze({
      ...resolveConfig(EXTRACT_SETTINGS, { ...base, explicit: explicit.extract ?? {} }),
      dataWriter: writer('extract', explicit.extractDataWriter),
    }),
    normalize: Object.freeze({
      ...resolveConfig(NORMALIZE_SETTINGS, { ...base, explicit: explicit.normalize ?? {} }),
      dataWriter: writer('normalize', explicit.normalizeDataWriter),
    }),
    load: resolveConfig(LOAD_SETTINGS, { ...base, explicit: explicit.load ?? {} }),
    runtime: resolveConfig(RUNTIME_SETTINGS, { ...base, explicit: explicit.runtime ?? {} }),
    pipeline: resolveConfig(PIPELINE_SETTINGS, { ...base, explicit: explicit.pipeline ?? {} }),
  })
}
