/**
 * @module The tasks' packages of a distributed run made into one package. Every task extracts
 * with the run's load id, so their rows already carry it; the loader then commits the whole run
 * in one transaction with one `_dlt_loads` row, as a single-process run of the source does (one
 * package per run), instead of paying a transaction, a migration check and a commit per task.
 */
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { formatJobFileName, parseJobFileName } from '../storage/job-file-name.js'
import {
  NEW_JOBS,
  type PackageState,
  readJson,
  writeJsonAtomic,
} from '../storage/package-storage.js'

const STATE_FILE = 'load_package_state.json'

/**
 * Moves the job files of the packages in `dirs` (all of one load id) into the first one and
 * writes its package state: the root tables, dropped and emptied tables of all of them. Returns
 * the first folder, which now holds every job. A job file whose name the first package already
 * holds gets a new file id.
 */
export function combineTaskPackages(dirs: readonly string[]): string {
  const [target, ...others] = dirs
  if (!target) throw new RangeError('combineTaskPackages needs at least one package')
  const states = dirs.map((dir) => readJson(join(dir, STATE_FILE)) as PackageState)
  const jobsDir = join(target, NEW_JOBS)
  mkdirSync(jobsDir, { recursive: true })
  for (const dir of others) {
    const from = join(dir, NEW_JOBS)
    if (!existsSync(from)) continue
    for (const file of readdirSync(from)) {
      renameSync(join(from, file), join(jobsDir, freeName(jobsDir, file)))
    }
  }
  writeJsonAtomic(join(target, STATE_FILE), combineStates(states))
  return target
}

function freeName(dir: string, file: string): string {
  let name = file
  while (existsSync(join(dir, name))) {
    const { tableName, format, retryCount } = parseJobFileName(file)
    name = formatJobFileName(tableName, format, undefined, retryCount)
  }
  return name
}

function combineStates(states: readonly PackageState[]): PackageState {
  const [first] = states as [PackageState, ...PackageState[]]
  const union = (pick: (state: PackageState) => readonly string[] | undefined) => {
    const names = [...new Set(states.flatMap((state) => pick(state) ?? []))]
    return names.length ? names : undefined
  }
  const droppedTables = union((state) => state.droppedTables)
  const truncatedTables = union((state) => state.truncatedTables)
  return {
    loadId: first.loadId,
    createdAt: states.map((state) => state.createdAt).sort()[0] ?? first.createdAt,
    schemaName: first.schemaName,
    rootTables: Object.assign({}, ...states.map((state) => state.rootTables)),
    // the fingerprint names one extract's items; a combined package is no extract's twin
    ...(droppedTables ? { droppedTables } : {}),
    ...(truncatedTables ? { truncatedTables } : {}),
  }
}
