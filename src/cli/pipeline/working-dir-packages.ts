/**
 * @module The load packages of a pipeline's working directory, read from their documented
 * layout (docs/architecture.md): `normalize/extracted/<load_id>/`, `load/normalized/<load_id>/`
 * and `load/loaded/<load_id>/`, each with `load_package_state.json`, `schema.json` and its job
 * files in `new_jobs/` and `completed_jobs/` (`{table}.{file_id}.{retry}.{format}`). Read-only:
 * the public API lists only pending packages (`pendingPackages()`), the CLI shows loaded ones too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where a package is: waiting for normalize, waiting for load, or loaded. */
export type PackageStage = 'extracted' | 'normalized' | 'loaded'

const STAGE_FOLDERS: Record<PackageStage, string> = {
  extracted: join('normalize', 'extracted'),
  normalized: join('load', 'normalized'),
  loaded: join('load', 'loaded'),
}

/** One job file of a package. */
export interface PackageJob {
  readonly fileName: string
  readonly table: string
  readonly format: string
  /** `new`: not loaded yet; `completed`: loaded (kept by destinations without transactions). */
  readonly state: 'new' | 'completed'
}

/** What the CLI shows of a package. */
export interface PackageSummary {
  readonly loadId: string
  readonly stage: PackageStage
  readonly path: string
  readonly schemaName: string | undefined
  readonly createdAt: string | undefined
  readonly loadedAt: string | undefined
  /** Root tables and their write dispositions. */
  readonly rootTables: Readonly<Record<string, string>>
  readonly jobs: readonly PackageJob[]
}

/** Every package of the working directory, oldest load id first. */
export function listPackages(workingDir: string): PackageSummary[] {
  const packages: PackageSummary[] = []
  for (const stage of Object.keys(STAGE_FOLDERS) as PackageStage[]) {
    const folder = join(workingDir, STAGE_FOLDERS[stage])
    if (!existsSync(folder)) continue
    for (const loadId of readdirSync(folder)) {
      packages.push(readPackageAt(join(folder, loadId), loadId, stage))
    }
  }
  // a package killed between two folders can be in both: the later stage wins
  const byId = new Map(packages.map((pkg) => [pkg.loadId, pkg]))
  return [...byId.values()].sort((a, b) => Number(a.loadId) - Number(b.loadId))
}

/** The package `loadId`, wherever it is. */
export function findPackage(workingDir: string, loadId: string): PackageSummary | undefined {
  return listPackages(workingDir).find((pkg) => pkg.loadId === loadId)
}

function readPackageAt(path: string, loadId: string, stage: PackageStage): PackageSummary {
  const state = readJsonIfAny(join(path, 'load_package_state.json')) as
    | {
        schemaName?: string
        createdAt?: string
        loadedAt?: string
        rootTables?: Record<string, string>
      }
    | undefined
  return {
    loadId,
    stage,
    path,
    schemaName: state?.schemaName,
    createdAt: state?.createdAt,
    loadedAt: state?.loadedAt,
    rootTables: state?.rootTables ?? {},
    jobs: [
      ...readJobs(join(path, 'new_jobs'), 'new'),
      ...readJobs(join(path, 'completed_jobs'), 'completed'),
    ],
  }
}

function readJobs(folder: string, state: PackageJob['state']): PackageJob[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((fileName) => fileName.split('.').length >= 4)
    .map((fileName) => {
      const parts = fileName.split('.')
      const format = parts.at(-1)!
      return { fileName, table: decodeTableName(parts.slice(0, -3).join('.')), format, state }
    })
}

/** Table names in job file names are percent-encoded when they hold unsafe characters. */
function decodeTableName(encoded: string): string {
  try {
    return decodeURIComponent(encoded)
  } catch {
    // not percent-encoded after all (a literal `%` never appears unencoded): show it as it is
    return encoded
  }
}

function readJsonIfAny(path: string): unknown {
  if (!existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    // a half-written file of a running process: show the package without it
    return undefined
  }
}
