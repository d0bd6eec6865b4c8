/**
 * @module `dlt-ts init sql_database <destination>`: tables of a PostgreSQL or MySQL/MariaDB
 * database through `dlt-ts/sql-database`; the credentials go to `.dlt/secrets.toml`.
 */
import { runPipelineCode, type SourceTemplate } from './source-template.js'

export const sqlDatabaseTemplate: SourceTemplate = {
  dependencies: { pg: '^8.8.0', mysql2: '^3.9.0' },
  config:
    '[sources.sql_database]\n# the schema to read (default: the database\'s default schema)\n# schema = "public"\n',
  secrets:
    '[sources.sql_database]\n# postgresql://… or mysql://… (remove the driver you do not need from package.json)\n' +
    'credentials = "postgresql://loader:<password>@localhost:5432/production"\n',
  note: 'Put the source database URL in .dlt/secrets.toml ([sources.sql_database] credentials).',
  pipelineScript: ({ destination, command }) => `/**
 * A dlt-ts pipeline made by \`${command}\`: copies tables of a SQL database.
 * Run it with \`npm start\`; then inspect it with \`npx dlt-ts pipeline sql_database_pipeline info\`.
 */
import * as dlt from 'dlt-ts'
import { sqlDatabase, sqlTable } from 'dlt-ts/sql-database'

// [sources.sql_database] schema in .dlt/config.toml (or SOURCES__SQL_DATABASE__SCHEMA)
const settings = dlt.resolveConfig(
  dlt.defineConfig({ schema: dlt.config.string({ optional: true }) }),
  { sections: ['sources', 'sql_database'], pipelineName: 'sql_database_pipeline' },
)

// credentials from [sources.sql_database] credentials in .dlt/secrets.toml
// (or SOURCES__SQL_DATABASE__CREDENTIALS); no tableNames: every table of the schema
const source = await sqlDatabase({
  ...(settings.schema ? { schema: settings.schema } : {}),
  // tableNames: ['orders', 'customers'],
})

// one table, loaded incrementally by a cursor column:
// const orders = sqlTable({
//   table: 'orders',
//   incremental: dlt.incremental({ cursorPath: 'updated_at' }),
// })
void sqlTable

${runPipelineCode('sql_database_pipeline', destination, 'source')}`,
}
