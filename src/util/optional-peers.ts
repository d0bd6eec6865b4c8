/**
 * @module The check that a destination's optional peer dependencies (`pg`, `@duckdb/node-api`,
 * `hyparquet-writer`) are installed, made when the destination is created or a pipeline's first
 * run starts — not when the first load job needs the driver, after extract and normalize ran.
 */
import { createRequire } from 'node:module'
import { TerminalError } from '../errors/dlt-error.js'

/** Optional peers that are not installed: the message names them and the `npm install` to run. */
export class MissingPeerDependencyError extends TerminalError {
  override name = 'MissingPeerDependencyError'
  /** The packages to install: `['pg', 'pg-copy-streams']`. */
  readonly packages: readonly string[]

  constructor(purpose: string, packages: readonly string[]) {
    const what =
      packages.length === 1
        ? `the optional peer dependency ${packages[0]}, which is not installed`
        : `the optional peer dependencies ${packages.join(' and ')}, which are not installed`
    super(`${purpose} needs ${what}: run \`npm install ${packages.join(' ')}\``)
    this.packages = packages
  }
}

/**
 * The packages of `packages` that cannot be resolved from `from` (a file URL or path; default: this
 * module, i.e. where dlt-ts is installed — where its own `import()` of the peer will look).
 * Resolving loads nothing.
 */
export function findMissingPeers(
  packages: readonly string[],
  from: string | URL = import.meta.url,
): string[] {
  const require = createRequire(from)
  return packages.filter((name) => {
    try {
      require.resolve(name)
      return false
    } catch (error) {
      // Only "not found" means missing: a package without a `require` export condition (ESM-only)
      // fails to resolve this way with ERR_PACKAGE_PATH_NOT_EXPORTED, yet is installed.
      return (error as { code?: unknown }).code === 'MODULE_NOT_FOUND'
    }
  })
}

/**
 * Throws `MissingPeerDependencyError` when any of `packages` is not installed; `purpose` starts
 * the message, e.g. `'The postgres destination'`.
 */
export function assertPeersInstalled(
  purpose: string,
  packages: readonly string[],
  from?: string | URL,
): void {
  const missing = findMissingPeers(packages, from)
  if (missing.length > 0) throw new MissingPeerDependencyError(purpose, missing)
}
