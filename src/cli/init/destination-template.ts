/**
 * @module What `dlt-ts init` writes for each destination: the peers to install, the
 * `.dlt/config.toml` and `.dlt/secrets.toml` sections (dlt's keys) and what to tell the user.
 */

/** The destinations `dlt-ts init` scaffolds for. */
export const INIT_DESTINATIONS = ['duckdb', 'postgres', 'filesystem', 'mysql', 'sqlite'] as const
export type InitDestination = (typeof INIT_DESTINATIONS)[number]

/** The destination's part of a scaffold. */
export interface DestinationTemplate {
  readonly dependencies: Readonly<Record<string, string>>
  readonly config: string
  readonly secrets: string
  readonly note: string
}

/** The part of `destination`, for a pipeline named `pipelineName`. */
export function destinationTemplate(
  destination: InitDestination,
  pipelineName: string,
): DestinationTemplate {
  switch (destination) {
    case 'duckdb':
      return {
        dependencies: { '@duckdb/node-api': '1.5.6-r.1' },
        config: `[destination.duckdb]\n# the database file; default: ${pipelineName}.duckdb in the folder you run from\n# credentials = "${pipelineName}.duckdb"\n`,
        secrets: '',
        note: `The data goes to ${pipelineName}.duckdb in this folder.`,
      }
    case 'postgres':
      return {
        dependencies: { pg: '^8.8.0', 'pg-copy-streams': '^7.0.0' },
        config: '',
        secrets:
          '[destination.postgres]\n# a connection string (or the parts: [destination.postgres.credentials] database, username, password, host, port)\n' +
          'credentials = "postgresql://loader:<password>@localhost:5432/dlt_data"\n',
        note: 'Put the PostgreSQL connection string in .dlt/secrets.toml ([destination.postgres] credentials).',
      }
    case 'mysql':
      return {
        dependencies: { mysql2: '^3.9.0' },
        config: '',
        secrets:
          '[destination.mysql]\n# a connection string (or the parts: [destination.mysql.credentials] database, username, password, host, port)\n' +
          'credentials = "mysql://loader:<password>@localhost:3306/dlt_data"\n',
        note: 'Put the MySQL/MariaDB connection string in .dlt/secrets.toml ([destination.mysql] credentials).',
      }
    case 'sqlite':
      return {
        dependencies: { 'better-sqlite3': '^12.0.0' },
        config: `[destination.sqlite]\n# the database file; each dataset is a file next to it\ncredentials = "sqlite:///${pipelineName}.db"\n`,
        secrets: '',
        note: `The data goes to ${pipelineName}.db (and ${pipelineName}__<dataset>.db) in this folder.`,
      }
    case 'filesystem':
      return {
        dependencies: {},
        config:
          '[destination.filesystem]\n# a local folder, file:// URL or s3:// bucket\nbucket_url = "_storage"\n',
        secrets: '',
        note: 'The files go to _storage/ in this folder ([destination.filesystem] bucket_url in .dlt/config.toml).',
      }
  }
}
