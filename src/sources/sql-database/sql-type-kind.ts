/**
 * @module The kind of a database column type — what dlt's type mapping needs to know about it —
 * for PostgreSQL, MySQL/MariaDB and SQLite type names (dlt asks SQLAlchemy's type classes the same
 * questions: is it `Numeric`, `Integer`, `String`, `DateTime`, …).
 */
import type { SqlDialectName } from './sql-dialect-name.js'
import type { SqlColumn } from './sql-table-schema.js'

/** What a column type is, as far as dlt's types go. */
export type SqlTypeKind =
  | 'smallint'
  | 'integer'
  | 'decimal'
  | 'double'
  | 'text'
  | 'uuid'
  | 'binary'
  | 'timestamp'
  | 'timestamptz'
  | 'date'
  | 'time'
  | 'json'
  | 'array'
  | 'bool'
  | 'unknown'

const POSTGRES_KINDS: Readonly<Record<string, SqlTypeKind>> = {
  smallint: 'smallint',
  integer: 'integer',
  bigint: 'integer',
  oid: 'integer',
  numeric: 'decimal',
  real: 'double',
  'double precision': 'double',
  'character varying': 'text',
  character: 'text',
  text: 'text',
  name: 'text',
  citext: 'text',
  uuid: 'uuid',
  bytea: 'binary',
  boolean: 'bool',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  date: 'date',
  'time without time zone': 'time',
  'time with time zone': 'time',
  json: 'json',
  jsonb: 'json',
  array: 'array',
}

const MYSQL_KINDS: Readonly<Record<string, SqlTypeKind>> = {
  tinyint: 'smallint',
  smallint: 'smallint',
  mediumint: 'integer',
  int: 'integer',
  integer: 'integer',
  bigint: 'integer',
  year: 'integer',
  decimal: 'decimal',
  numeric: 'decimal',
  float: 'double',
  double: 'double',
  real: 'double',
  char: 'text',
  varchar: 'text',
  tinytext: 'text',
  text: 'text',
  mediumtext: 'text',
  longtext: 'text',
  enum: 'text',
  set: 'text',
  uuid: 'uuid',
  binary: 'binary',
  varbinary: 'binary',
  tinyblob: 'binary',
  blob: 'binary',
  mediumblob: 'binary',
  longblob: 'binary',
  datetime: 'timestamp',
  // MySQL converts TIMESTAMP values from and to the session time zone, which the source sets to
  // UTC: the values are instants (dlt reflects them naive; see docs/sql-database.md)
  timestamp: 'timestamptz',
  date: 'date',
  time: 'time',
  json: 'json',
  boolean: 'bool',
  bool: 'bool',
}

/** SQLite's declared type names SQLAlchemy knows (dlt reflects through it). */
const SQLITE_KINDS: Readonly<Record<string, SqlTypeKind>> = {
  bigint: 'integer',
  int: 'integer',
  integer: 'integer',
  smallint: 'smallint',
  blob: 'binary',
  bool: 'bool',
  boolean: 'bool',
  char: 'text',
  nchar: 'text',
  varchar: 'text',
  nvarchar: 'text',
  text: 'text',
  date: 'date',
  date_char: 'date',
  datetime: 'timestamp',
  datetime_char: 'timestamp',
  timestamp: 'timestamp',
  time: 'time',
  time_char: 'time',
  double: 'double',
  float: 'double',
  real: 'double',
  decimal: 'decimal',
  numeric: 'decimal',
  json: 'json',
}

/**
 * SQLite: a declared type SQLAlchemy knows by name, else by SQLite's affinity rules (as
 * SQLAlchemy's `_resolve_type_affinity`): `INT` → integer; `CHAR`, `CLOB`, `TEXT` → text; `BLOB` or
 * none → no type; `REAL`, `FLOA`, `DOUB` → double; anything else → numeric.
 */
function sqliteTypeKind(declared: string): SqlTypeKind {
  const type = declared.toLowerCase()
  const known = SQLITE_KINDS[type]
  if (known) return known
  if (type.includes('int')) return 'integer'
  if (/char|clob|text/.test(type)) return 'text'
  if (type === '' || type.includes('blob')) return 'unknown'
  if (/real|floa|doub/.test(type)) return 'double'
  return 'decimal'
}

/** The kind of `column`'s type in a database of `dialect`. */
export function sqlTypeKind(column: SqlColumn, dialect: SqlDialectName): SqlTypeKind {
  if (column.isJson) return 'json'
  if (dialect === 'sqlite') return sqliteTypeKind(column.dbType)
  const type = column.dbType.toLowerCase()
  if (dialect === 'mysql') {
    // MySQL's BOOLEAN is TINYINT(1); mysql2 reads it as 0/1
    if (type === 'tinyint' && /^tinyint\(1\)/i.test(column.columnType)) return 'bool'
    return MYSQL_KINDS[type] ?? 'unknown'
  }
  return POSTGRES_KINDS[type] ?? 'unknown'
}
