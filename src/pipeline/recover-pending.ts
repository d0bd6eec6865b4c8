/**
 * @module What a run killed between its durable steps left unsaved, recovered from its packages.
 *
 * A package is moved to `normalize/extracted/` before `state.json` and the schema file are
 * written; a run killed in between leaves a package whose state (new cursors, new state version)
 * the working directory does not have yet. The next run must start from that state, or it would
 * load the package *and* extract the same items again. Likewise a package moved to
 * `load/normalized/` carries a schema newer than the working directory's.
 */
import type { StoredSchema } from '../schema/schema-types.js'
import { compareLoadIds } from '../storage/load-id.js'
import type { PackageFolder, PackageStorage } from '../storage/package-storage.js'
import type { PipelineState } from './state-codec.js'

/**
 * The state and schema carried by the newest pending package, if that package is newer than the
 * state's last load id (`undefined` if the working directory is up to date). The schema file is
 * written right before `state.json`, so it is as stale as the state.
 */
export function newerPendingState(
  storage: PackageStorage,
  local: PipelineState | undefined,
): { readonly state: PipelineState; readonly schema: StoredSchema } | undefined {
  const newest = pendingPackages(storage).at(-1)
  if (!newest) return undefined
  const lastLoadId = local?._local._last_load_id
  if (lastLoadId !== undefined && compareLoadIds(newest.loadId, lastLoadId) <= 0) return undefined
  const state = storage.readPipelineState(newest.folder, newest.loadId) as PipelineState | undefined
  if (!state) return undefined
  return { state, schema: storage.readSchema(newest.folder, newest.loadId) }
}

/** The schemas of normalized packages, oldest first (each holds the schema evolved by its data). */
export function pendingNormalizedSchemas(storage: PackageStorage): StoredSchema[] {
  return storage.list('normalized').map((loadId) => storage.readSchema('normalized', loadId))
}

function pendingPackages(
  storage: PackageStorage,
): { readonly folder: PackageFolder; readonly loadId: string }[] {
  const folders: PackageFolder[] = ['normalized', 'extracted']
  return folders
    .flatMap((folder) => storage.list(folder).map((loadId) => ({ folder, loadId })))
    .sort((a, b) => compareLoadIds(a.loadId, b.loadId))
}
