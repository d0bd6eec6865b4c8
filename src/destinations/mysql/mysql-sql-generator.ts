/**
 * @module MySQL's and MariaDB's SQL dialect: dlt's `MysqlVariantTypeMapper` over the shared
 * sqlalchemy rules (`TEXT`; `DOUBLE`; `BOOL`; `DATETIME(6)` holding UTC, since MySQL has no
 * timestamp with a time zone; `BLOB`; `JSON`; `TIME(6)`), backtick quoting, backslash-escaped literals, `START TRANSACTION`,
 * and the forms MariaDB needs in merges: `DELETE d FROM t AS d`, `DROP TEMPORARY TABLE` (a plain
 * `DROP TABLE` would commit the load), and a sequence in staging tables so that de-duplication
 * keeps the row loaded last (InnoDB has no row id to order by).
 */
import { TerminalError } from '../../errors/dlt-error.js'
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'
import type { UnboundTypes } from '../sql/sql-generator.js'
import { SqlalchemySqlGenerator } from '../sql/sqlalchemy-sql-generator.js'
import type { SqlStatement } from '../sql/system-tables-sql.js'
import { utcDateTimeText } from '../sql/utc-datetime-text.js'
import { MysqlCapabilities } from './mysql-capabilities.js'

const MYSQL_TYPES: UnboundTypes = {
  text: 'TEXT',
  double: 'DOUBLE',
  bool: 'BOOL',
  timestamp: 'DATETIME(6)',
  bigint: 'BIGINT',
  binary: 'BLOB',
  json: 'JSON',
  date: 'DATE',
  time: 'TIME(6)',
}

/** Statements after which MySQL has committed the open transaction by itself. */
const IMPLICIT_COMMIT = /^\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE)\s+(?!TEMPORARY\b)/i

/** The staging tables' load-order column, which `defaultDedupOrderBy` sorts by. */
export const STAGING_SEQUENCE_COLUMN = '_dlt_staging_seq'

/** Characters a MySQL string literal escapes with a backslash (NO_BACKSLASH_ESCAPES off). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and Ctrl-Z are what MySQL escapes
const SPECIAL_CHARACTERS = /[\0\n\r\x1a'"\\]/g
const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
}

/** `text` as a MySQL string literal. */
export function mysqlString(text: string): string {
  return `'${text.replace(SPECIAL_CHARACTERS, (c) => ESCAPES[c]!)}'`
}

/** MySQL's and MariaDB's SQL generator. */
export class MysqlSqlGenerator extends SqlalchemySqlGenerator {
  protected readonly databaseName = 'MySQL'
  readonly stagingColumnsSql: readonly string[] = [
    `\`${STAGING_SEQUENCE_COLUMN}\` BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY`,
  ]

  constructor() {
    super(new MysqlCapabilities())
  }

  protected override get unboundTypes(): UnboundTypes {
    return MYSQL_TYPES
  }

  override get beginTransactionSql(): string {
    return 'START TRANSACTION'
  }

  /** Staging tables fill in load order, so the highest sequence is the row loaded last. */
  override get defaultDedupOrderBy(): string {
    return `\`${STAGING_SEQUENCE_COLUMN}\` DESC`
  }

  /** dlt: `enforces_nulls_on_alter = False` for MySQL. */
  override get supportsAddColumnNotNull(): boolean {
    return false
  }

  override quoteIdentifier(name: string): string {
    return `\`${name.replaceAll('`', '``')}\``
  }

  override escapeLiteral(value: unknown): string {
    if (typeof value === 'string') return mysqlString(value)
    if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      return mysqlString(JSON.stringify(value))
    }
    return super.escapeLiteral(value)
  }

  /** `DATETIME` has no time zone: the instant in UTC, as dlt's MySQL datetime literals. */
  override timestampLiteral(iso: string): string {
    return mysqlString(utcDateTimeText(iso) ?? iso)
  }

  /** `CREATE`/`ALTER`/`DROP`/`RENAME`/`TRUNCATE`, but not of temporary tables, commit first. */
  override commitsTransaction(sql: string): boolean {
    return IMPLICIT_COMMIT.test(sql)
  }

  /**
   * `GET_LOCK` on the dataset's name (at most 64 characters): held by the session, so DDL's
   * implicit commits keep it; a load waits up to 120 s for another one changing the tables.
   */
  override datasetLockSql(dataset: string): { acquire: SqlStatement; release: SqlStatement } {
    const name = `dlt:${dataset}`.slice(0, 64)
    return {
      acquire: { sql: 'SELECT GET_LOCK($1, 120) AS locked', params: [name] },
      release: { sql: 'SELECT RELEASE_LOCK($1)', params: [name] },
    }
  }

  /** MySQL's multi-table `UPDATE … JOIN … SET`. */
  updateFromSql(target: string, source: string, on: string, columns: readonly string[]): string {
    const set = columns.map((column) => `d.${column} = s.${column}`).join(', ')
    return `UPDATE ${target} AS d JOIN ${source} AS s ON ${on} SET ${set}`
  }

  deleteFromAliasedSql(qualifiedTable: string, alias: string): string {
    return `DELETE ${alias} FROM ${qualifiedTable} AS ${alias}`
  }

  dropTemporaryTableSql(quotedName: string): string {
    return `DROP TEMPORARY TABLE IF EXISTS ${quotedName}`
  }

  /** dlt: `DATETIME(precision)` (default 6), with or without `timezone`: UTC either way. */
  protected override timestampType(column: ColumnSchema, table: TableSchema): string {
    return `DATETIME(${this.#fractionDigits(column, table)})`
  }

  protected override timeType(column: ColumnSchema, table: TableSchema): string {
    return `TIME(${this.#fractionDigits(column, table)})`
  }

  #fractionDigits(column: ColumnSchema, table: TableSchema): number {
    const precision = column.precision ?? 6
    if (!(precision >= 0 && precision <= 6)) {
      throw new TerminalError(
        `Column "${column.name}" of table "${table.name}": MySQL keeps at most 6 fractional ` +
          `digits of seconds, not ${precision}; set the column's precision to 0–6`,
      )
    }
    return precision
  }
}
