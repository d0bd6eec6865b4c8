/**
 * @module `Pipeline`: moves data through extract → normalize → load (DESIGN.md §1), keeping its
 * packages, schema and state in a working directory so that an interrupted run is finished by the
 * next one.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { ConfigFields, ConfigSpec, RuntimeSettings } from '../config/index.js'
import {
  config as configField,
  defineConfig,
  resolveConfig,
  resolveRuntimeSettings,
} from '../config/index.js'
import type { DestinationCapabilities } from '../destinations/capabilities.js'
import type {
  Destination,
  DestinationClient,
  DestinationClientConfig,
} from '../destinations/destination.js'
import type { DestinationName } from '../destinations/registry.js'
import { assertDestinationPeers, resolveDestination } from '../destinations/registry.js'
import { toError } from '../errors/dlt-error.js'
import type { ExtractedFile, ExtractGroup } from '../extract/extractor.js'
import { EXTRACT_FILE_FORMAT, extractResources } from '../extract/extractor.js'
import type { RunInput } from '../extract/run-input.js'
import { planRunInput } from '../extract/run-input.js'
import type { LoadJobInfo, LoadPackageResult } from '../load/loader.js'
import { loadPackage } from '../load/loader.js'
import { type AheadResult, NormalizeAhead } from '../normalize/normalize-ahead.js'
import { type NormalizePackageResult, normalizePackage } from '../normalize/normalize-package.js'
import { autoWorkers, normalizePackageInWorkers } from '../normalize/parallel-normalize.js'
import type { DataType } from '../schema/data-types.js'
import { createNamingConvention } from '../schema/naming/index.js'
import type { NamingConvention } from '../schema/naming/naming-convention.js'
import { Schema } from '../schema/schema.js'
import type { StoredSchema, TableSchema, WriteDisposition } from '../schema/schema-types.js'
import { PIPELINE_STATE_TABLE_NAME, pipelineStateTable } from '../schema/system-tables.js'
import { formatJobFileName } from '../storage/job-file-name.js'
import { assertNewerLoadId, createLoadId } from '../storage/load-id.js'
import type { PackageState } from '../storage/package-storage.js'
import { PackageStorage, readJson, writeJsonAtomic } from '../storage/package-storage.js'
import { encodeTypedJson } from '../storage/typed-json.js'
import { BufferedLineWriter, fileRotation } from '../storage/writers/buffered-line-writer.js'
import { childObject } from '../util/child-object.js'
import { createLogger, type Logger, parseLogLevel } from '../util/logger.js'
import { createNameMap, ownValue } from '../util/own-property.js'
import { assertPathSegment } from '../util/path-segment.js'
import type { ColumnTypesLookup, Dataset, DatasetRow } from './dataset.js'
import { createDataset, createLazyDataset } from './dataset.js'
import type { LoadInfo } from './load-info.js'
import { createLoadInfo } from './load-info.js'
import type { ExtractOptions, PipelineConfig, RunOptions } from './pipeline-config.js'
import { defaultPipelinesDir } from './pipeline-config.js'
import type { PipelineStep } from './pipeline-errors.js'
import { PipelineStepFailed } from './pipeline-errors.js'
import { initialState, readLocalState, takeStateRow, writeLocalState } from './pipeline-state.js'
import {
  createProgress,
  NO_PROGRESS,
  type Progress,
  type ProgressSetting,
  parseProgressSetting,
} from './progress/progress.js'
import { newerPendingState, pendingNormalizedSchemas } from './recover-pending.js'
import type { RefreshMode } from './refresh.js'
import { prepareRefresh } from './refresh.js'
import { acquireRunLock } from './run-lock.js'
import type { RunTrace, StepSummary, StepTrace } from './run-trace.js'
import { readTrace, TraceRecorder, writeTrace } from './run-trace.js'
import type { PipelineState } from './state-codec.js'
import { decompressState } from './state-codec.js'

/** What `extract()` produced. */
export interface ExtractInfo {
  /** The package's load id; undefined when the run brought nothing new (no package, as dlt). */
  readonly loadId: string | undefined
  /** Items extracted per table. */
  readonly itemCounts: Readonly<Record<string, number>>
}

/** What `normalize()` produced. */
export interface NormalizeInfo {
  readonly loadIds: readonly string[]
  /** Rows written per table, over all packages. */
  readonly rowCounts: Readonly<Record<string, number>>
  readonly notes: readonly string[]
}

/** A pipeline; create it with `dlt.pipeline()`. */
export class Pipeline {
  readonly pipelineName: string
  readonly datasetName: string
  readonly pipelinesDir: string
  /** This pipeline's working directory: packages, schemas, state. */
  readonly workingDir: string
  readonly #destinationInput: DestinationName | Destination
  readonly #storage: PackageStorage
  readonly #progressSetting: ProgressSetting | undefined
  // the display of the running operation (see `#locked`)
  #progress: Progress = NO_PROGRESS
  #logger: Logger | undefined
  readonly #refresh: RefreshMode | undefined
  readonly #devMode: boolean
  #destination: Destination | undefined
  /** Files of package `loadId` normalized while it was extracted (`run()`), until normalized. */
  #ahead:
    | {
        readonly loadId: string
        readonly ahead: NormalizeAhead
        readonly results: ReadonlyMap<string, AheadResult>
      }
    | undefined
  #runtimeSettings: RuntimeSettings | undefined
  #naming: NamingConvention | undefined
  readonly #schemas = new Map<string, Schema>()
  #state: PipelineState | undefined

  constructor(config: PipelineConfig) {
    if (typeof config?.pipelineName !== 'string' || !config.pipelineName.trim()) {
      throw new TypeError('The `pipelineName` option must be a non-empty string')
    }
    // it names the working directory `<pipelinesDir>/<pipelineName>` (and the state files)
    assertPathSegment(config.pipelineName, 'The `pipelineName` option', 'folder name')
    this.pipelineName = config.pipelineName
    this.#devMode = config.devMode ?? false
    const datasetName = config.datasetName ?? `${config.pipelineName}_dataset`
    // dlt: dev mode gives each pipeline instance a dataset of its own
    this.datasetName = this.#devMode ? devDatasetName(datasetName) : datasetName
    this.pipelinesDir = config.pipelinesDir ?? defaultPipelinesDir()
    this.workingDir = join(this.pipelinesDir, this.pipelineName)
    this.#refresh = config.refresh
    // dlt: dev mode starts from an empty working directory
    if (this.#devMode) rmSync(this.workingDir, { recursive: true, force: true })
    this.#destinationInput = config.destination ?? 'duckdb'
    // a destination named here fails now if its peers are missing (the default one when first used)
    if (config.destination !== undefined) assertDestinationPeers(config.destination)
    this.#storage = new PackageStorage(this.workingDir)
    this.#progressSetting = config.progress
  }

  /** The `refresh` every run of this instance applies unless the run gives its own. */
  get refresh(): RefreshMode | undefined {
    return this.#refresh
  }

  /** The pipeline's default schema (a copy), once it has one. */
  get schema(): StoredSchema | undefined {
    return this.#loadSchema(this.#defaultSchemaName())?.toStored()
  }

  /** Every schema of the pipeline (one per source it ran), by name (copies). */
  get schemas(): Readonly<Record<string, StoredSchema>> {
    const out: Record<string, StoredSchema> = {}
    for (const name of this.#loadState().schema_names ?? []) {
      const schema = this.#loadSchema(name)
      if (schema) out[name] = schema.toStored()
    }
    return out
  }

  /** The pipeline state (a copy). */
  get state(): PipelineState {
    return structuredClone(this.#loadState())
  }

  /** Load ids of packages waiting to be normalized or loaded. */
  pendingPackages(): { readonly extracted: string[]; readonly normalized: string[] } {
    return {
      extracted: this.#storage.list('extracted'),
      normalized: this.#storage.list('normalized'),
    }
  }

  /**
   * Extracts, normalizes and loads `data`. Packages left by an interrupted run are finished first
   * (and reported in `LoadInfo.resumedLoadIds`); then `data`, if given, is loaded.
   */
  async run(data?: RunInput, options: RunOptions = {}): Promise<LoadInfo> {
    return this.#traced((trace) => this.#run(data, options, trace))
  }

  async #run(data: RunInput | undefined, options: RunOptions, trace: TraceRecorder) {
    const startedAt = new Date()
    const firstRun = await trace.step('sync', () => this.#syncWithDestination(), noSummary)
    const pending = this.pendingPackages()
    // a package killed between its move to normalized and the removal of its extracted copy is in both
    const resumedLoadIds = [...new Set([...pending.normalized, ...pending.extracted])]
    trace.resumedLoadIds = resumedLoadIds
    const notes: string[] = []
    if (resumedLoadIds.length) {
      this.#log(`finishing ${resumedLoadIds.length} package(s) left by an earlier run`)
    }
    // The new data is extracted first, so that its hints and contract (say, a contract switched
    // to 'evolve' after a failed run) apply to the pending packages too; all packages are then
    // normalized and loaded in load id order.
    if (data !== undefined) {
      const { loadId } = await trace.step(
        'extract',
        () => this.#extract(data, options, true),
        (info) => ({ loadIds: info.loadId ? [info.loadId] : [], rowCounts: info.itemCounts }),
      )
      const twin = loadId && this.#pendingTwin(loadId, resumedLoadIds)
      if (loadId && twin) {
        this.#storage.remove('extracted', loadId)
        const note = `the data of this run equals package ${twin}, left by an earlier run: loaded once`
        notes.push(note)
        this.#log(note)
      }
    }
    let normalized: NormalizeInfo
    try {
      normalized = await trace.step(
        'normalize',
        () => this.#normalizeAll(),
        (info) => info,
      )
    } finally {
      await this.#ahead?.ahead.close()
      this.#ahead = undefined
    }
    notes.push(...normalized.notes)
    const loadPackages = await trace.step('load', () => this.#loadAll(), loadSummary)
    notes.push(...loadPackages.flatMap((result) => result.notes))
    return this.#loadInfo({
      startedAt,
      firstRun,
      resumedLoadIds,
      loadPackages,
      notes,
      steps: trace.steps,
    })
  }

  /** The trace of the last `run()` or `load()`, kept in the working directory. */
  get lastTrace(): RunTrace | undefined {
    return readTrace(this.workingDir)
  }

  /** Runs `fn` under the run lock, keeping its trace (also when it fails). */
  async #traced<T>(fn: (trace: TraceRecorder) => Promise<T>): Promise<T> {
    return this.#locked(async () => {
      const trace = new TraceRecorder(this.pipelineName)
      let failure: unknown
      try {
        return await fn(trace)
      } catch (error) {
        failure = error
        throw error
      } finally {
        try {
          mkdirSync(this.workingDir, { recursive: true })
          writeTrace(this.workingDir, trace.finish(failure))
        } catch {
          // a trace that cannot be written must not hide the run's result
        }
      }
    })
  }

  /**
   * A pending package holding exactly what the new package `loadId` holds (the same items in the
   * same tables, no state change of its own): re-running a script after a failed load extracts
   * the same data again, which must not be loaded twice.
   */
  #pendingTwin(loadId: string, pendingLoadIds: readonly string[]): string | undefined {
    const fresh = this.#storage.readState('extracted', loadId)
    if (!fresh.fingerprint || PIPELINE_STATE_TABLE_NAME in fresh.rootTables) return undefined
    const key = packageKey(fresh)
    return pendingLoadIds.find((pendingId) => {
      const folder = this.#storage.has('normalized', pendingId) ? 'normalized' : 'extracted'
      return packageKey(this.#storage.readState(folder, pendingId)) === key
    })
  }

  /** Extracts `data` into a package; `normalize()` and `load()` process it later. */
  async extract(data: RunInput, options: ExtractOptions = {}): Promise<ExtractInfo> {
    return this.#locked(async () => {
      await this.#syncWithDestination()
      return this.#extract(data, options)
    })
  }

  /** Normalizes every extracted package. */
  async normalize(): Promise<NormalizeInfo> {
    return this.#locked(() => this.#normalizeAll())
  }

  /** Loads every normalized package. */
  async load(): Promise<LoadInfo> {
    return this.#traced(async (trace) => {
      const startedAt = new Date()
      const loadPackages = await trace.step('load', () => this.#loadAll(), loadSummary)
      return this.#loadInfo({
        startedAt,
        firstRun: false,
        resumedLoadIds: [],
        loadPackages,
        notes: loadPackages.flatMap((result) => result.notes),
        steps: trace.steps,
      })
    })
  }

  /**
   * @internal The destination's name and capabilities: what a distributed run's workers extract
   * and normalize for (they never connect to the destination).
   */
  async destinationCapabilities(): Promise<{
    readonly name: string
    readonly capabilities: DestinationCapabilities
  }> {
    const destination = await this.#getDestination()
    return { name: destination.name, capabilities: destination.capabilities() }
  }

  /** Read access to the loaded dataset. */
  dataset<Tables extends object = Record<string, DatasetRow>>(): Dataset<Tables> {
    let dataset: Dataset | undefined
    const columnTypes: ColumnTypesLookup = (table) => {
      for (const schema of Object.values(this.schemas)) {
        const columns = schema.tables[table]?.columns
        if (!columns) continue
        const types: Record<string, DataType> = {}
        for (const column of Object.values(columns)) {
          if (column.data_type) types[column.name] = column.data_type
        }
        return types
      }
      return undefined
    }
    const get = async () => {
      dataset ??= createDataset(await this.#getDestination(), this.#clientConfig(), columnTypes)
      return dataset
    }
    return createLazyDataset(
      this.datasetName,
      get,
      columnTypes,
    ) as Dataset<object> as Dataset<Tables>
  }

  /**
   * Deletes the pipeline's working directory: local state, schemas and pending packages (dlt's
   * `pipeline.drop()`). The destination keeps its data and state: the next run restores them
   * from there. To reset a cursor or a table, run with `refresh` instead.
   */
  async drop(): Promise<void> {
    await this.#locked(async () => {
      rmSync(this.workingDir, { recursive: true, force: true })
      this.#state = undefined
      this.#schemas.clear()
    })
  }

  /**
   * Restores state and schemas from the destination when it holds a newer state of this
   * pipeline than the working directory (dlt's `pipeline.sync_destination()`). Pending packages
   * stay and are loaded by the next run. Returns true if anything was restored.
   */
  async sync(): Promise<boolean> {
    return this.#locked(() => this.#restoreFromDestination(readLocalState(this.workingDir)))
  }

  /** Discards packages that were extracted or normalized but not loaded. Returns their load ids. */
  dropPendingPackages(): string[] {
    const dropped = new Set<string>()
    for (const folder of ['extracting', 'extracted', 'normalizing', 'normalized'] as const) {
      for (const loadId of this.#storage.list(folder)) {
        this.#storage.remove(folder, loadId)
        dropped.add(loadId)
      }
    }
    return [...dropped]
  }

  /** With `normalizeAhead`, normalize starts on complete extracted files meanwhile (`run()`). */
  async #extract(
    data: RunInput,
    options: ExtractOptions,
    normalizeAhead = false,
  ): Promise<ExtractInfo> {
    const naming = await this.#getNaming()
    const { refresh = this.#refresh, loadId: givenLoadId, ...hints } = options
    const plan = planRunInput(data, hints, this.pipelineName)
    // a working copy: a failed extract must not advance the state
    const state = structuredClone(this.#loadState())
    const schemaName = plan.sourceName ?? this.#defaultSchemaName()
    const loadId = givenLoadId ?? createLoadId(lastLoadId(state))
    if (givenLoadId !== undefined) {
      assertNewerLoadId(`Pipeline "${this.pipelineName}"`, givenLoadId, lastLoadId(state))
    }
    return this.#showing('extract', () =>
      this.#step('extract', loadId, async () => {
        const stored = this.#loadSchema(schemaName)?.clone()
        // dlt: refresh has no effect on a source extracted for the first time
        const refreshed =
          refresh && stored
            ? prepareRefresh(refresh, stored, state, schemaName, extractedResourceNames(plan.group))
            : undefined
        const schema = refreshed?.schema ?? stored ?? new Schema(schemaName)
        const sourceState = sourceStateOf(state, schemaName)
        this.#storage.createPackage('extracting', loadId)
        const normalizerConfig = {
          rootKey: Boolean(plan.sourceOptions.rootKey),
          maxTableNesting: (await this.#getDestination()).capabilities().maxTableNesting,
        }
        const ahead =
          normalizeAhead && !refreshed
            ? await this.#normalizeAhead(loadId, schema, normalizerConfig)
            : undefined
        let itemCounts: Record<string, number>
        try {
          const result = await extractResources(plan.group, {
            storage: this.#storage,
            loadId,
            naming,
            runHints: plan.runHints,
            resourceState: (name) => resourceStateOf(sourceState, name),
            workers: this.#settings.extract.workers,
            onItems: (resource, items, bytes) =>
              this.#progress.add(resource, items, 'items', bytes),
            rotation: fileRotation(this.#settings.extract.dataWriter),
            ...(ahead ? { onFileDone: ahead.fileDone } : {}),
          })
          // before the files move: what normalize ahead has not begun, normalize does
          if (ahead)
            this.#ahead = { loadId, ahead: ahead.ahead, results: await ahead.ahead.settle() }
          itemCounts = result.itemCounts
          const rootTables = applyTableHints(schema, result.tables)
          // dlt: a replace resource without items empties every root table it filled before
          for (const resourceName of result.replacedWithoutItems) {
            for (const table of Object.values(schema.tables)) {
              if (table.resource !== resourceName || table.parent || !seenData(table)) continue
              table.write_disposition = 'replace'
              rootTables[table.name] = 'replace'
            }
          }
          applyNormalizerConfig(schema, normalizerConfig)
          if (!state.schema_names?.length) state.default_schema_name = schemaName
          state.schema_names = [...new Set([...(state.schema_names ?? []), schemaName])]
          pruneUnusedResourceStates(state, schemaName)
          const stateRow = takeStateRow(state)
          // dlt: a package without rows, emptied tables or a state change is not loaded at all
          if (!stateRow && !this.#storage.listJobs('extracting', loadId).length) {
            if (
              !Object.values(rootTables).includes('replace') &&
              !refreshed?.truncatedTables.length
            ) {
              this.#storage.remove('extracting', loadId)
              this.#saveSchema(schema)
              this.#log('extracted nothing new: no package')
              return { loadId: undefined, itemCounts }
            }
          }
          state._local._last_load_id = loadId
          if (stateRow) {
            if (!schema.getTable(PIPELINE_STATE_TABLE_NAME))
              schema.updateTable(pipelineStateTable())
            writeStateRow(this.#storage, loadId, stateRow)
            rootTables[PIPELINE_STATE_TABLE_NAME] = 'append'
          }
          this.#storage.writeSchema('extracting', loadId, schema.toStored())
          this.#storage.writeState('extracting', {
            loadId,
            createdAt: new Date().toISOString(),
            schemaName: schema.name,
            rootTables,
            fingerprint: result.fingerprint,
            ...(refreshed?.droppedTables.length ? { droppedTables: refreshed.droppedTables } : {}),
            ...(refreshed?.truncatedTables.length
              ? { truncatedTables: refreshed.truncatedTables }
              : {}),
          })
          // the state the next run starts from once this package exists, even if we die right after
          this.#storage.writePipelineState('extracting', loadId, state)
          this.#storage.move(loadId, 'extracting', 'extracted')
        } catch (error) {
          this.#storage.remove('extracting', loadId)
          await ahead?.ahead.close()
          this.#ahead = undefined
          throw error
        }
        this.#saveSchema(schema)
        writeLocalState(this.workingDir, state)
        this.#state = state
        this.#log(`extracted package ${loadId}`)
        return { loadId, itemCounts }
      }),
    )
  }

  async #normalizeAll(): Promise<NormalizeInfo> {
    return this.#showing('normalize', () => this.#normalizeEach())
  }

  async #normalizeEach(): Promise<NormalizeInfo> {
    const naming = await this.#getNaming()
    const loadIds: string[] = []
    const rowCounts = createNameMap<number>() // no prototype: a table may be called `constructor`
    const notes: string[] = []
    const extracted = this.#storage.list('extracted')
    this.#progress.addTotal('packages', extracted.length, 'packages')
    for (const loadId of extracted) {
      if (this.#storage.has('normalized', loadId)) {
        // Normalized before a crash, the extracted copy was not yet removed.
        this.#storage.remove('extracted', loadId)
        continue
      }
      await this.#step('normalize', loadId, async () => {
        const packageSchema = Schema.fromStored(this.#storage.readSchema('extracted', loadId))
        const schema =
          this.#loadSchema(packageSchema.name)?.clone() ?? new Schema(packageSchema.name)
        // dlt normalizes with the pipeline's schema: its tables hold the newest hints (a later
        // run's contract included); the package adds only tables the pipeline schema lacks
        for (const table of Object.values(packageSchema.tables)) {
          if (!schema.getTable(table.name)) schema.updateTable(table)
        }
        this.#storage.createPackage('normalizing', loadId)
        // bytes show per piece where worker threads share the package, else once it is done
        let bytes = this.#storage.jobsBytes('extracted', loadId)
        const onPieceDone = (piece: number) => {
          this.#progress.add('packages', 0, 'packages', piece)
          bytes -= piece
        }
        let result: NormalizePackageResult
        try {
          result = await this.#normalizePackage(loadId, schema, naming, onPieceDone)
        } catch (error) {
          // the extracted package stays; the half-written one goes, and so do the schema changes
          this.#storage.remove('normalizing', loadId)
          throw error
        }
        schema.bumpVersion()
        this.#storage.writeSchema('normalizing', loadId, schema.toStored())
        this.#storage.writeState('normalizing', this.#storage.readState('extracted', loadId))
        const pipelineState = this.#storage.readPipelineState('extracted', loadId)
        if (pipelineState) this.#storage.writePipelineState('normalizing', loadId, pipelineState)
        this.#storage.move(loadId, 'normalizing', 'normalized')
        this.#storage.remove('extracted', loadId)
        this.#saveSchema(schema)
        let rows = 0
        for (const [table, tableRows] of Object.entries(result.rowCounts)) {
          rowCounts[table] = (rowCounts[table] ?? 0) + tableRows
          rows += tableRows
        }
        this.#progress.add('packages', 1, 'packages', Math.max(0, bytes))
        this.#progress.add('rows', rows, 'rows')
        notes.push(...describeEvents(result.events))
        loadIds.push(loadId)
        const { tasks } = result
        const ahead = tasks?.ahead ? `, ${tasks.ahead} of them while extracting` : ''
        const pieces = tasks
          ? ` (${tasks.inWorkers} of ${tasks.total} pieces in worker threads${ahead})`
          : ''
        this.#log(`normalized package ${loadId}${pieces}`)
      })
    }
    return { loadIds, rowCounts, notes }
  }

  async #loadAll(): Promise<LoadPackageResult[]> {
    const loadIds = this.#storage.list('normalized')
    if (!loadIds.length) return []
    return this.#showing('load', () => this.#loadEach(loadIds))
  }

  async #loadEach(loadIds: readonly string[]): Promise<LoadPackageResult[]> {
    const results: LoadPackageResult[] = []
    for (const loadId of loadIds) {
      this.#progress.addTotal('files', this.#storage.listJobs('normalized', loadId).length, 'files')
    }
    await this.#withClient(async (client) => {
      for (const loadId of loadIds) {
        const jobsPath = this.#storage.jobsPath('normalized', loadId)
        const onJobCompleted = (job: LoadJobInfo) => {
          const bytes = job.fileNames.reduce(
            (sum, fileName) => sum + fileSize(join(jobsPath, fileName)),
            0,
          )
          this.#progress.add('files', job.fileNames.length, 'files', bytes)
          // dlt's own tables (state, versions) are in the files' count, not shown by name
          if (!job.table.startsWith('_dlt_')) this.#progress.add(job.table, job.rows, 'rows')
        }
        const result = await this.#step('load', loadId, () =>
          loadPackage(this.#storage, loadId, client, {
            truncateStagingDataset: this.#settings.load.truncateStagingDataset,
            deleteCompletedJobs: this.#settings.load.deleteCompletedJobs,
            onJobCompleted,
          }),
        )
        results.push(result)
        for (const note of result.notes) this.#log(note)
        this.#log(`loaded package ${loadId}`)
      }
    })
    return results
  }

  /**
   * With no local state (a new or wiped working directory), restores state and schema from the
   * destination. Returns true if this is the pipeline's first run anywhere.
   */
  async #syncWithDestination(): Promise<boolean> {
    if (readLocalState(this.workingDir)) return false
    mkdirSync(this.workingDir, { recursive: true })
    return !(await this.#restoreFromDestination(undefined))
  }

  /**
   * Takes state and schemas from the destination when it holds a state of this pipeline at least
   * as new as `local` (and different from it). Returns true if it did.
   */
  async #restoreFromDestination(local: PipelineState | undefined): Promise<boolean> {
    return this.#step('sync', undefined, () =>
      this.#withClient(async (client) => {
        const row = await client.getStoredState(this.pipelineName)
        if (!row) return false
        const state = decompressState(row.state) as PipelineState
        if (local) {
          // dlt's sync_destination: only a remote state at least as new, and not the same one
          if ((state._state_version ?? 0) < (local._state_version ?? 0)) return false
          if (state._version_hash && state._version_hash === local._version_hash) return false
        }
        for (const schemaName of state.schema_names ?? [this.pipelineName]) {
          const stored = await client.getStoredSchema(schemaName)
          if (stored) this.#saveSchema(Schema.fromStored(stored))
        }
        // dlt: `_local` is never restored; the restored state counts as already extracted.
        state._local = {
          first_run: false,
          ...(state._version_hash ? { _last_extracted_hash: state._version_hash } : {}),
        }
        writeLocalState(this.workingDir, state)
        this.#state = state
        this.#log(`restored state version ${row.version} from the destination`)
        return true
      }),
    )
  }

  async #withClient<T>(fn: (client: DestinationClient) => Promise<T>): Promise<T> {
    const destination = await this.#getDestination()
    const client = destination.createClient(this.#clientConfig())
    try {
      return await fn(client)
    } finally {
      await client.close()
    }
  }

  #clientConfig(): DestinationClientConfig {
    return { pipelineName: this.pipelineName, datasetName: this.datasetName }
  }

  async #getDestination(): Promise<Destination> {
    if (!this.#destination) {
      const input = this.#destinationInput
      // a destination given by name takes its credentials from configuration, as in dlt
      const spec = typeof input === 'string' ? DESTINATION_SETTINGS[input] : undefined
      const settings = spec
        ? resolveConfig(spec, {
            sections: ['destination', destinationName(input)],
            pipelineName: this.pipelineName,
          })
        : {}
      this.#destination = await resolveDestination(input, settings)
    }
    return this.#destination
  }

  /** dlt's runtime settings (`extract.workers`, `data_writer.file_max_items`, …), read once. */
  get #settings(): RuntimeSettings {
    this.#runtimeSettings ??= resolveRuntimeSettings({ pipelineName: this.pipelineName })
    return this.#runtimeSettings
  }

  /**
   * Normalize ahead for the package `loadId` extract is writing (`normalize-ahead.ts`), unless
   * normalize runs on this thread alone (`normalize.workers` 1, or one core); its `fileDone` is
   * extract's `onFileDone`. `base` is the schema extract starts from: normalize's starting schema
   * is guessed as `base` with the tables' hints so far, as extract will update it.
   */
  async #normalizeAhead(
    loadId: string,
    base: Schema,
    normalizer: NormalizerConfigOfRun,
  ): Promise<{ ahead: NormalizeAhead; fileDone: (file: ExtractedFile) => void } | undefined> {
    const directory = join(this.workingDir, 'normalize', 'ahead')
    // a run that died left it: no package refers to it
    rmSync(directory, { recursive: true, force: true })
    const workers = this.#settings.normalize.workers
    if (workers === undefined ? availableParallelism() < 2 : workers < 2) return undefined
    const ahead = new NormalizeAhead({
      loadId,
      naming: await this.#namingSpec(),
      rotation: fileRotation(this.#settings.normalize.dataWriter),
      directory,
    })
    const stored = JSON.stringify(base.toStored())
    const predict = (tables: readonly TableSchema[]) => {
      const schema = Schema.fromStored(JSON.parse(stored) as StoredSchema)
      applyTableHints(schema, tables)
      applyNormalizerConfig(schema, normalizer)
      return schema
    }
    return {
      ahead,
      fileDone: (file) => void ahead.fileDone(file, () => predict(file.tables())),
    }
  }

  /** One package, on `normalize.workers` threads when there are more than one. */
  async #normalizePackage(
    loadId: string,
    schema: Schema,
    naming: NamingConvention,
    onPieceDone: (bytes: number) => void,
  ): Promise<NormalizePackageResult> {
    const config = {
      loadId,
      naming,
      rotation: fileRotation(this.#settings.normalize.dataWriter),
    }
    const ahead = this.#ahead?.loadId === loadId ? this.#ahead.results : undefined
    const auto = autoWorkers(this.#storage.jobsBytes('extracted', loadId))
    // files normalized ahead are taken as a worker thread's pieces
    const workers = this.#settings.normalize.workers ?? (ahead?.size ? Math.max(2, auto) : auto)
    if (workers <= 1) return normalizePackage(this.#storage, schema, config)
    return normalizePackageInWorkers(this.#storage, schema, {
      ...config,
      ...(ahead ? { ahead } : {}),
      onPieceDone,
      workers,
      namingSpec: await this.#namingSpec(),
    })
  }

  /** The destination's naming convention by name, as worker threads create it. */
  async #namingSpec(): Promise<{ name: string; maxLength?: number }> {
    const capabilities = (await this.#getDestination()).capabilities()
    return {
      name: capabilities.namingConvention,
      ...(capabilities.maxIdentifierLength === undefined
        ? {}
        : { maxLength: capabilities.maxIdentifierLength }),
    }
  }

  async #getNaming(): Promise<NamingConvention> {
    if (!this.#naming) {
      const capabilities = (await this.#getDestination()).capabilities()
      this.#naming = createNamingConvention(
        capabilities.namingConvention,
        capabilities.maxIdentifierLength,
      )
    }
    return this.#naming
  }

  #defaultSchemaName(): string {
    return this.#loadState().default_schema_name ?? this.pipelineName
  }

  #loadSchema(name: string): Schema | undefined {
    let schema = this.#schemas.get(name)
    if (!schema) {
      // source names (and schema names restored from the destination) name the schema file
      assertPathSegment(name, 'The source (schema) name')
      const path = join(this.workingDir, 'schemas', `${name}.schema.json`)
      if (!existsSync(path)) return undefined
      schema = Schema.fromStored(readJson(path) as StoredSchema)
      this.#schemas.set(name, schema)
    }
    return schema
  }

  #saveSchema(schema: Schema): void {
    assertPathSegment(schema.name, 'The source (schema) name')
    const dir = join(this.workingDir, 'schemas')
    mkdirSync(dir, { recursive: true })
    writeJsonAtomic(join(dir, `${schema.name}.schema.json`), schema.toStored())
    this.#schemas.set(schema.name, schema)
  }

  #loadState(): PipelineState {
    this.#state ??=
      readLocalState(this.workingDir) ??
      initialState(this.pipelineName, this.datasetName, destinationName(this.#destinationInput))
    return this.#state
  }

  async #locked<T>(fn: () => Promise<T>): Promise<T> {
    mkdirSync(this.workingDir, { recursive: true })
    const release = acquireRunLock(this.workingDir, this.pipelineName)
    try {
      // Leftovers of a run killed while extracting or normalizing: their sources are intact.
      for (const loadId of this.#storage.list('extracting'))
        this.#storage.remove('extracting', loadId)
      for (const loadId of this.#storage.list('normalizing'))
        this.#storage.remove('normalizing', loadId)
      this.#recoverPending()
      this.#progress = createProgress(
        this.#progressSetting ?? this.#configuredProgress(),
        this.pipelineName,
      )
      return await fn()
    } finally {
      this.#progress.close()
      this.#progress = NO_PROGRESS
      release()
    }
  }

  /**
   * Reads state and schemas afresh (another process may have run the pipeline since), taking
   * what a run killed between its durable steps left only in its packages.
   */
  #recoverPending(): void {
    this.#state = undefined
    this.#schemas.clear()
    const newer = newerPendingState(this.#storage, readLocalState(this.workingDir))
    if (newer) {
      this.#saveSchema(Schema.fromStored(newer.schema))
      writeLocalState(this.workingDir, newer.state)
      this.#state = newer.state
    }
    for (const stored of pendingNormalizedSchemas(this.#storage)) {
      const local = this.#loadSchema(stored.name)
      if (!local || stored.version > local.version) this.#saveSchema(Schema.fromStored(stored))
    }
  }

  async #step<T>(step: PipelineStep, loadId: string | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      if (error instanceof PipelineStepFailed) throw error
      throw new PipelineStepFailed(this.pipelineName, step, loadId, toError(error))
    }
  }

  #loadInfo(fields: {
    startedAt: Date
    firstRun: boolean
    resumedLoadIds: string[]
    loadPackages: LoadPackageResult[]
    notes: string[]
    steps: readonly StepTrace[]
  }): LoadInfo {
    return createLoadInfo({
      pipelineName: this.pipelineName,
      destinationName: destinationName(this.#destinationInput),
      datasetName: this.datasetName,
      finishedAt: new Date(),
      ...fields,
    })
  }

  /**
   * A message for the user: shown by the progress display, or else logged at `INFO`
   * (`runtime.log_level`).
   */
  #log(message: string): void {
    if (this.#progress !== NO_PROGRESS) {
      this.#progress.message(message)
      return
    }
    this.#logger ??= createLogger(
      parseLogLevel(this.#settings.runtime.logLevel),
      `[dlt-ts] ${this.pipelineName}`,
    )
    this.#logger.info(message)
  }

  /** Runs step `step` with the progress display following it. */
  async #showing<T>(step: PipelineStep, fn: () => Promise<T>): Promise<T> {
    this.#progress.startStep(step)
    try {
      return await fn()
    } finally {
      this.#progress.endStep()
    }
  }

  /** The `progress` config key (`PROGRESS`, `<PIPELINE_NAME>__PROGRESS`), when set. */
  #configuredProgress(): ProgressSetting {
    const value = this.#settings.pipeline.progress
    return value === undefined ? false : parseProgressSetting(value)
  }
}

const noSummary = (): StepSummary => ({ loadIds: [], rowCounts: {} })

/** The load step's packages and rows per table. */
function loadSummary(packages: readonly LoadPackageResult[]): StepSummary {
  const rowCounts = createNameMap<number>()
  for (const pkg of packages) {
    for (const job of pkg.jobs) rowCounts[job.table] = (rowCounts[job.table] ?? 0) + job.rows
  }
  return { loadIds: packages.map((pkg) => pkg.loadId), rowCounts }
}

/**
 * dlt's dev-mode dataset name: the name plus the instance's creation time as dlt formats it
 * (`_YYYYMMDDhhmmss`, local time, 12-hour `hh` as pendulum's), without a double `_`.
 */
function devDatasetName(datasetName: string): string {
  const now = new Date()
  const two = (n: number) => String(n).padStart(2, '0')
  const suffix = `_${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}${two(now.getHours() % 12 || 12)}${two(now.getMinutes())}${two(now.getSeconds())}`
  return datasetName.endsWith('_') ? datasetName + suffix.slice(1) : datasetName + suffix
}

function destinationName(input: DestinationName | Destination): string {
  return typeof input === 'string' ? input : input.name
}

function lastLoadId(state: PipelineState): string | undefined {
  return state._local._last_load_id
}

/**
 * What a destination given by name takes from configuration here. PostgreSQL resolves its own
 * credentials (a connection string or a table of parts, as a secret) when it connects.
 */
const DESTINATION_SETTINGS: Partial<Record<DestinationName, ConfigSpec<ConfigFields>>> = {
  duckdb: defineConfig(
    { credentials: configField.string({ optional: true }) },
    { name: 'DuckDbSettings' },
  ),
  filesystem: defineConfig(
    { bucketUrl: configField.string({ optional: true }) },
    { name: 'FilesystemSettings' },
  ),
}

/** The state section of a source: `sources.<name>`, created on first use. */
function sourceStateOf(state: PipelineState, sourceName: string): Record<string, unknown> {
  return childObject(state.sources, sourceName)
}

/** The state of a resource: `sources.<source>.resources.<name>`, created on first use. */
function resourceStateOf(
  sourceState: Record<string, unknown>,
  name: string,
): Record<string, unknown> {
  return childObject(childObject(sourceState, 'resources'), name)
}

function writeStateRow(
  storage: PackageStorage,
  loadId: string,
  row: Record<string, unknown>,
): void {
  const writer = new BufferedLineWriter({
    directory: storage.jobsPath('extracting', loadId),
    fileName: () => formatJobFileName(PIPELINE_STATE_TABLE_NAME, EXTRACT_FILE_FORMAT),
  })
  writer.write(encodeTypedJson(row))
  writer.close()
}

/**
 * Drops the empty state entries extract made for resources that never used their state (and a
 * source section left empty), as dlt keeps none.
 */
function pruneUnusedResourceStates(state: PipelineState, sourceName: string): void {
  const sources = state.sources as Record<string, Record<string, unknown>>
  const source = ownValue(sources, sourceName)
  if (!source) return
  const resources = ownValue(source, 'resources') as Record<string, object> | undefined
  for (const [name, resourceState] of Object.entries(resources ?? {})) {
    if (isEmptyObject(resourceState)) delete resources?.[name]
  }
  if (resources && isEmptyObject(resources)) delete source['resources']
  if (isEmptyObject(source)) delete sources[sourceName]
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0
}

/** What makes two packages load the same: schema, root tables and dispositions, the items. */
function packageKey(state: PackageState): string | undefined {
  if (!state.fingerprint) return undefined
  const { [PIPELINE_STATE_TABLE_NAME]: _state, ...roots } = state.rootTables
  const tables = Object.entries(roots).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const { droppedTables = [], truncatedTables = [] } = state
  return JSON.stringify([
    state.schemaName,
    tables,
    droppedTables,
    truncatedTables,
    state.fingerprint,
  ])
}

/** The resources a run extracts: the selected ones and the parents of its transformers. */
function extractedResourceNames(group: ExtractGroup): string[] {
  const names = new Set<string>()
  for (let resource of group.selected) {
    names.add(resource.name)
    while (resource.parent) {
      resource = resource.parent
      names.add(resource.name)
    }
  }
  return [...names]
}

function seenData(table: TableSchema): boolean {
  return table['x-normalizer']?.['seen-data'] === true
}

function describeEvents(events: unknown): string[] {
  const notes = (events as { notes?: () => string[] } | undefined)?.notes
  return typeof notes === 'function' ? notes.call(events) : []
}

/** @internal Removes a working directory (tests and `dlt-ts pipeline drop`). */
export function removeWorkingDir(pipeline: Pipeline): void {
  rmSync(pipeline.workingDir, { recursive: true, force: true })
}

/** The size of a file, 0 when it is gone. */
function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/** What a run sets in the schema's normalizer config: root key propagation, the nesting default. */
interface NormalizerConfigOfRun {
  readonly rootKey: boolean
  /** The destination's nesting default (custom destinations: 0); table hints still override it. */
  readonly maxTableNesting: number | undefined
}

/**
 * Puts the table hints of an extract into `schema`, as the package's schema gets them; returns
 * the root tables with their dispositions.
 */
function applyTableHints(
  schema: Schema,
  tables: readonly TableSchema[],
): Record<string, WriteDisposition> {
  const rootTables: Record<string, WriteDisposition> = {}
  for (const table of tables) {
    const disposition =
      table.write_disposition ?? schema.getTable(table.name)?.write_disposition ?? 'append'
    // the hints of this run replace earlier keys (dlt: merge_compound_props=False)
    schema.updateTable({ ...table, write_disposition: disposition }, { replaceCompoundHints: true })
    rootTables[table.name] = disposition
  }
  return rootTables
}

function applyNormalizerConfig(schema: Schema, config: NormalizerConfigOfRun): void {
  if (config.rootKey) schema.setNormalizerConfig({ root_key_propagation: true })
  if (config.maxTableNesting !== undefined)
    schema.setNormalizerConfig({ max_nesting: config.maxTableNesting })
}
