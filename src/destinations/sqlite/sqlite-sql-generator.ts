/**
 * @module SQLite's SQL dialect: dlt's `SqlalchemyTypeMapper` as SQLAlchemy renders it for SQLite
 * (`TEXT`; `DOUBLE`; `BOOLEAN`; `DATETIME`, holding UTC text `YYYY-MM-DD HH:MM:SS.ffffff`;
 * `BLOB`; `JSON`; `TIME`), and the catalog read from each dataset's `sqlite_master` and
 * `pragma_table_info`, since SQLite has no `information_schema`. A dataset is an attached database
 * file (`sqlite-client.ts`), so `createDatasetSql` has nothing to run.
 */
import type { QualifiedNames } from '../sql/qualified-names.js'
import type { UnboundTypes } from '../sql/sql-generator.js'
import { SqlalchemySqlGenerator } from '../sql/sqlalchemy-sql-generator.js'
import type { SqlStatement } from '../sql/system-tables-sql.js'
import { utcDateTimeText } from '../sql/utc-datetime-text.js'
import { SqliteCapabilities } from './sqlite-capabilities.js'

const SQLITE_TYPES: UnboundTypes = {
  text: 'TEXT',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'DATETIME',
  bigint: 'BIGINT',
  binary: 'BLOB',
  json: 'JSON',
  date: 'DATE',
  time: 'TIME',
}

/** SQLite's SQL generator. */
export class SqliteSqlGenerator extends SqlalchemySqlGenerator {
  protected readonly databaseName = 'SQLite'
  constructor() {
    super(new SqliteCapabilities())
  }

  protected override get unboundTypes(): UnboundTypes {
    return SQLITE_TYPES
  }

  /** Staging tables are emptied, then filled in load order: the highest rowid was loaded last. */
  override get defaultDedupOrderBy(): string {
    return 'rowid DESC'
  }

  /** SQLite refuses `ADD COLUMN … NOT NULL` without a default. */
  override get supportsAddColumnNotNull(): boolean {
    return false
  }

  override escapeLiteral(value: unknown): string {
    if (typeof value === 'boolean') return value ? '1' : '0'
    if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`
    return super.escapeLiteral(value)
  }

  /** Timestamps are UTC text that compares in time order. */
  override timestampLiteral(iso: string): string {
    return super.timestampLiteral(utcDateTimeText(iso) ?? iso)
  }

  /** Datasets are attached when the client connects (`ATTACH` cannot run in a transaction). */
  override createDatasetSql(): string {
    return ''
  }

  override storageColumnsQuery(names: QualifiedNames, staging = false): SqlStatement {
    return {
      sql:
        'SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type ' +
        `FROM ${names.qualifiedDataset(staging)}.sqlite_master AS m, pragma_table_info(m.name, $1) AS p ` +
        "WHERE m.type = 'table' ORDER BY m.name, p.cid",
      params: [names.datasetName(staging)],
    }
  }

  override tableExistsQuery(names: QualifiedNames, tableName: string): SqlStatement {
    return {
      sql:
        `SELECT 1 AS found FROM ${names.qualifiedDataset()}.sqlite_master ` +
        "WHERE type = 'table' AND name = $1",
      params: [tableName],
    }
  }

  override listTablesQuery(names: QualifiedNames): SqlStatement {
    return {
      sql:
        `SELECT name AS table_name FROM ${names.qualifiedDataset()}.sqlite_master ` +
        "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      params: [],
    }
  }
}
