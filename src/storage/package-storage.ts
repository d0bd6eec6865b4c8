/**
 * @module The pipeline working directory's package folders (DESIGN.md §1):
 *
 * ```
 * extract/<load_id>/               an extract in progress (discarded if a run dies in it)
 * normalize/extracted/<load_id>/   extracted packages waiting for normalize
 * load/new/<load_id>/              a normalize in progress (redone if a run dies in it)
 * load/normalized/<load_id>/       normalized packages waiting for load
 * load/loaded/<load_id>/           loaded packages (kept for inspection)
 * ```
 * Each package holds `new_jobs/` (files to process), `completed_jobs/` (loaded files),
 * `schema.json`, `load_package_state.json` and `pipeline_state.json` (the pipeline state after its
 * extract). Packages move between folders by atomic rename.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { StoredSchema, WriteDisposition } from '../schema/schema-types.js'
import { crashPoint } from '../util/crash-point.js'
import { compareLoadIds } from './load-id.js'

/** The folders a package passes through, in order. */
export const PACKAGE_FOLDERS = {
  extracting: 'extract',
  extracted: join('normalize', 'extracted'),
  normalizing: join('load', 'new'),
  normalized: join('load', 'normalized'),
  loaded: join('load', 'loaded'),
} as const

/** A stage folder of a package. */
export type PackageFolder = keyof typeof PACKAGE_FOLDERS

export const NEW_JOBS = 'new_jobs'
export const COMPLETED_JOBS = 'completed_jobs'
/** The folder holding the progress files of durable jobs (dlt: `destination_state`). */
export const JOB_PROGRESS = 'destination_state'
const SCHEMA_FILE = 'schema.json'
const STATE_FILE = 'load_package_state.json'
const PIPELINE_STATE_FILE = 'pipeline_state.json'

/** What a package records about itself, besides its files. */
export interface PackageState {
  readonly loadId: string
  readonly createdAt: string
  readonly schemaName: string
  /** Root tables extracted into this package (even with zero rows), with their disposition. */
  readonly rootTables: Record<string, WriteDisposition>
  /** Set once the package was committed at the destination. */
  readonly loadedAt?: string
  /**
   * A digest of the extracted items (not of the pipeline state row): a run whose data has the
   * same fingerprint as a pending package brings nothing that package does not already hold.
   */
  readonly fingerprint?: string
  /** Tables to drop at the destination before the load (`refresh: 'drop_sources' | 'drop_resources'`). */
  readonly droppedTables?: readonly string[]
  /** Tables to empty at the destination in the load (`refresh: 'drop_data'`). */
  readonly truncatedTables?: readonly string[]
}

/** Access to the package folders of one pipeline working directory. */
export class PackageStorage {
  readonly root: string

  constructor(root: string) {
    this.root = root
  }

  /** The path of a package in a folder. */
  packagePath(folder: PackageFolder, loadId: string): string {
    return join(this.root, PACKAGE_FOLDERS[folder], loadId)
  }

  /** The path of a package's `new_jobs/` (or another job folder). */
  jobsPath(folder: PackageFolder, loadId: string, jobs: string = NEW_JOBS): string {
    return join(this.packagePath(folder, loadId), jobs)
  }

  /** Creates an empty package with its job folders. Removes leftovers of the same id. */
  createPackage(folder: PackageFolder, loadId: string): string {
    const path = this.packagePath(folder, loadId)
    rmSync(path, { recursive: true, force: true })
    mkdirSync(join(path, NEW_JOBS), { recursive: true })
    mkdirSync(join(path, COMPLETED_JOBS), { recursive: true })
    return path
  }

  /** Load ids in a folder, oldest first. */
  list(folder: PackageFolder): string[] {
    const dir = join(this.root, PACKAGE_FOLDERS[folder])
    if (!existsSync(dir)) return []
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort(compareLoadIds)
  }

  has(folder: PackageFolder, loadId: string): boolean {
    return existsSync(this.packagePath(folder, loadId))
  }

  /** Moves a package to another folder by atomic rename. */
  move(loadId: string, from: PackageFolder, to: PackageFolder): string {
    const target = this.packagePath(to, loadId)
    mkdirSync(join(this.root, PACKAGE_FOLDERS[to]), { recursive: true })
    rmSync(target, { recursive: true, force: true })
    renameSync(this.packagePath(from, loadId), target)
    crashPoint(`moved ${loadId} from ${from} to ${to}`)
    return target
  }

  /** Deletes a package. */
  remove(folder: PackageFolder, loadId: string): void {
    rmSync(this.packagePath(folder, loadId), { recursive: true, force: true })
    crashPoint(`removed ${loadId} from ${folder}`)
  }

  /**
   * Deletes a package's job files and their progress, keeping what describes the package (schema,
   * package and pipeline state): dlt's `delete_completed_jobs` for a loaded package.
   */
  deleteJobs(folder: PackageFolder, loadId: string): void {
    for (const jobs of [NEW_JOBS, COMPLETED_JOBS, JOB_PROGRESS]) {
      rmSync(join(this.packagePath(folder, loadId), jobs), { recursive: true, force: true })
    }
  }

  /** Names of the job files waiting in a package, sorted. */
  listJobs(folder: PackageFolder, loadId: string, jobs: string = NEW_JOBS): string[] {
    const dir = this.jobsPath(folder, loadId, jobs)
    if (!existsSync(dir)) return []
    return readdirSync(dir).sort()
  }

  /** Total size in bytes of a package's files in `new_jobs/`. */
  jobsBytes(folder: PackageFolder, loadId: string): number {
    const dir = this.jobsPath(folder, loadId)
    return this.listJobs(folder, loadId).reduce(
      (sum, file) => sum + statSync(join(dir, file)).size,
      0,
    )
  }

  /** Marks a job done by moving its file to `completed_jobs/`. */
  completeJob(folder: PackageFolder, loadId: string, fileName: string): void {
    renameSync(
      join(this.jobsPath(folder, loadId), fileName),
      join(this.jobsPath(folder, loadId, COMPLETED_JOBS), fileName),
    )
    crashPoint(`completed job ${fileName} of ${loadId}`)
  }

  writeSchema(folder: PackageFolder, loadId: string, schema: StoredSchema): void {
    writeJsonAtomic(join(this.packagePath(folder, loadId), SCHEMA_FILE), schema)
  }

  readSchema(folder: PackageFolder, loadId: string): StoredSchema {
    return readJson(join(this.packagePath(folder, loadId), SCHEMA_FILE)) as StoredSchema
  }

  writeState(folder: PackageFolder, state: PackageState): void {
    writeJsonAtomic(join(this.packagePath(folder, state.loadId), STATE_FILE), state)
  }

  readState(folder: PackageFolder, loadId: string): PackageState {
    return readJson(join(this.packagePath(folder, loadId), STATE_FILE)) as PackageState
  }

  /**
   * Stores the whole pipeline state (local part included) that the next run starts from once
   * this package exists, so a run killed before it wrote `state.json` is recovered from it.
   */
  writePipelineState(folder: PackageFolder, loadId: string, state: unknown): void {
    writeJsonAtomic(join(this.packagePath(folder, loadId), PIPELINE_STATE_FILE), state)
  }

  /** The pipeline state a package carries, if it carries one. */
  readPipelineState(folder: PackageFolder, loadId: string): unknown {
    const path = join(this.packagePath(folder, loadId), PIPELINE_STATE_FILE)
    return existsSync(path) ? readJson(path) : undefined
  }
}

/** Writes JSON to a temp file and renames it over `path`, so readers never see half a file. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.tmp`
  writeFileSync(tmp, JSON.stringify(value, null, 2))
  renameSync(tmp, path)
  crashPoint(`wrote ${path}`)
}

/** Reads a JSON file. */
export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'))
}
