/**
 * @module dlt's type mapping of reflected columns (dlt's `sqla_col_to_column_schema` and
 * `table_to_resource_hints`): per `reflectionLevel`, a column becomes a column hint with its dlt
 * data type, precision, scale, timezone and nullability, and the table's primary key becomes the
 * resource's `primaryKey`.
 */
import type { DataType } from '../../schema/data-types.js'
import { isDataType } from '../../schema/data-types.js'
import type { ColumnHint } from '../../schema/hints.js'
import type { SqlDialectName } from './sql-dialect-name.js'
import type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'
import type { SqlTypeKind } from './sql-type-kind.js'
import { sqlTypeKind } from './sql-type-kind.js'

/** How much of the table's schema becomes hints, as dlt's `reflection_level`. */
export const REFLECTION_LEVELS = ['minimal', 'full', 'full_with_precision'] as const
/**
 * `'minimal'`: names, nullability and primary key; types are inferred from the data.
 * `'full'`: plus dlt data types (decimals keep their precision and scale, timestamps their time
 * zone). `'full_with_precision'`: plus the length of text and binary columns and 32-bit integers.
 */
export type ReflectionLevel = (typeof REFLECTION_LEVELS)[number]

/**
 * Changes how a column is typed (dlt's `type_adapter_callback`): return a dlt data type or a
 * column hint to use instead, `null` to leave the type to inference, `undefined` to keep the
 * mapping.
 */
export type TypeAdapterCallback = (
  column: Readonly<SqlColumn>,
  table: Readonly<SqlTableSchema>,
) => DataType | ColumnHint | null | undefined

/** The column hints of `table`'s columns, by column name. */
export function columnHints(
  table: SqlTableSchema,
  dialect: SqlDialectName,
  level: ReflectionLevel,
  typeAdapter: TypeAdapterCallback | undefined,
): Record<string, ColumnHint> {
  const hints: Record<string, ColumnHint> = {}
  for (const column of table.columns) {
    const hint = columnHint(column, table, dialect, level, typeAdapter)
    if (hint !== undefined) hints[column.name] = hint
  }
  return hints
}

function columnHint(
  column: SqlColumn,
  table: SqlTableSchema,
  dialect: SqlDialectName,
  level: ReflectionLevel,
  typeAdapter: TypeAdapterCallback | undefined,
): ColumnHint | undefined {
  const base: ColumnHint = { nullable: column.nullable }
  const kind = sqlTypeKind(column, dialect)
  // dlt: on 'minimal', json and array columns get no hint at all, so they nest as child tables
  if (level === 'minimal') return kind === 'json' || kind === 'array' ? undefined : base
  const adapted = typeAdapter?.(column, table)
  if (adapted === null) return base
  if (typeof adapted === 'string') {
    if (!isDataType(adapted)) {
      throw new TypeError(
        `typeAdapterCallback returned "${adapted}" for column "${column.name}" of table "${table.name}": return a dlt data type, a column hint, null or undefined`,
      )
    }
    return { ...base, dataType: adapted }
  }
  if (adapted !== undefined) return { ...base, ...adapted }
  return { ...base, ...typeHint(kind, column, level === 'full_with_precision') }
}

/** dlt's mapping of a type kind to a data type with its precision, scale and time zone. */
function typeHint(kind: SqlTypeKind, column: SqlColumn, addPrecision: boolean): ColumnHint {
  switch (kind) {
    case 'uuid':
      return { dataType: 'text' }
    case 'decimal':
      // dlt: decimals always carry their precision (and scale, only with a precision)
      if (column.precision === undefined) return { dataType: 'decimal' }
      return {
        dataType: 'decimal',
        precision: column.precision,
        ...(column.scale === undefined ? {} : { scale: column.scale }),
      }
    case 'double':
      return { dataType: 'double' }
    case 'smallint':
      return addPrecision ? { dataType: 'bigint', precision: 32 } : { dataType: 'bigint' }
    case 'integer':
      return { dataType: 'bigint' }
    case 'text':
    case 'binary': {
      const dataType = kind === 'text' ? 'text' : 'binary'
      return addPrecision && column.length ? { dataType, precision: column.length } : { dataType }
    }
    case 'timestamp':
      return { dataType: 'timestamp', timezone: false }
    case 'timestamptz':
      return { dataType: 'timestamp', timezone: true }
    case 'date':
      return { dataType: 'date' }
    case 'time':
      return { dataType: 'time' }
    case 'json':
    case 'array':
      return { dataType: 'json' }
    case 'bool':
      return { dataType: 'bool' }
    case 'unknown':
      // dlt warns and leaves the type to inference
      return {}
  }
}
