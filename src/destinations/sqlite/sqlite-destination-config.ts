/**
 * @module Configuration of the SQLite destination and where its files live. `credentials` names
 * the main database file as a path or as dlt's SQLAlchemy URL (`sqlite:///data/shop.db` relative,
 * `sqlite:////abs/shop.db` absolute, `sqlite:///:memory:`), else `destination.sqlite.credentials`
 * from configuration, else `<pipelineName>.db`. As dlt's sqlalchemy destination does on SQLite,
 * each dataset is a database file of its own next to it, `<stem>__<dataset><ext>`
 * (`shop__shop_data.db`), attached under the dataset's name; the dataset `main` is the main file.
 */
import { dirname, extname, isAbsolute, join, resolve } from 'node:path'
import { config, defineConfig, resolveConfig } from '../../config/index.js'
import type { DestinationClientConfig } from '../destination.js'

/** What `dlt.destinations.sqlite()` takes. */
export interface SqliteDestinationConfig {
  /**
   * The main database file: a path (relative paths resolve against the working directory), a
   * SQLAlchemy URL `sqlite:///relative.db` / `sqlite:////absolute.db`, or `':memory:'` (every
   * dataset in memory, gone when the client closes).
   * @default `destination.sqlite.credentials` from configuration, else `<pipelineName>.db`
   */
  readonly credentials?: string
}

/** SQLite's in-memory database. */
export const SQLITE_MEMORY = ':memory:'

const SQLITE_SETTINGS = defineConfig(
  { credentials: config.string({ optional: true }) },
  { name: 'SqliteCredentials' },
)

/** Checks `config` at the API boundary and returns a frozen copy. */
export function validateSqliteConfig(
  options: SqliteDestinationConfig = {},
): SqliteDestinationConfig {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      'The SQLite destination takes an options object, e.g. `sqlite({ credentials: "data.db" })`',
    )
  }
  const { credentials } = options
  if (credentials !== undefined && (typeof credentials !== 'string' || credentials === '')) {
    throw new TypeError(
      'The `credentials` option of the SQLite destination must be a file path, a sqlite:/// URL or ":memory:"',
    )
  }
  if (credentials !== undefined) sqlitePath(credentials)
  return Object.freeze({ ...options })
}

/** The files of one client: the main database and the file of each dataset. */
export interface SqliteFiles {
  /** The main database (absolute) or `':memory:'`. */
  readonly main: string
  /** The file attached as `dataset` (the main file for `main`), or `':memory:'`. */
  datasetFile(dataset: string): string
}

/** Where a client of `clientConfig` keeps its databases. */
export function resolveSqliteFiles(
  options: SqliteDestinationConfig,
  clientConfig: DestinationClientConfig,
): SqliteFiles {
  const configured =
    options.credentials ??
    resolveConfig(SQLITE_SETTINGS, {
      sections: ['destination', 'sqlite'],
      pipelineName: clientConfig.pipelineName,
    }).credentials ??
    `${clientConfig.pipelineName}.db`
  const path = sqlitePath(configured)
  const main =
    path === SQLITE_MEMORY || isAbsolute(path)
      ? path
      : resolve(clientConfig.workingDirectory ?? process.cwd(), path)
  return {
    main,
    datasetFile(dataset) {
      if (main === SQLITE_MEMORY || dataset === 'main') return main
      const ext = extname(main)
      const stem = main.slice(dirname(main).length + 1, main.length - ext.length)
      return join(dirname(main), `${stem}__${dataset}${ext}`)
    },
  }
}

/** The path of `credentials`: a plain path, or the part of a `sqlite://` URL after its third `/`. */
function sqlitePath(credentials: string): string {
  const match = /^sqlite(?:\+[a-z0-9_]+)?:\/\/(.*)$/i.exec(credentials)
  if (!match) return credentials
  const rest = match[1]!
  if (rest === '' || rest === '/' || rest === `/${SQLITE_MEMORY}`) return SQLITE_MEMORY
  if (!rest.startsWith('/')) {
    throw new TypeError(
      `The SQLite destination's credentials "${credentials}" name a host; write sqlite:///relative/file.db or sqlite:////absolute/file.db`,
    )
  }
  return decodeURIComponent(rest.slice(1).split('?')[0]!)
}
