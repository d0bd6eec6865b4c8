/**
 * @module Fitting one value into a table's columns, as dlt's `_coerce_non_null_value`,
 * `_coerce_null_value` and `_infer_column` do (`dlt/normalize/items_normalizers/jsonl.py`,
 * `dlt/common/schema/schema.py`): use the column's type when the column exists, infer a new
 * column otherwise (type detections, preferred types and default hints of the schema), complete
 * incomplete columns, and move values that do not fit into a variant column `<col>__v_<type>`.
 *
 * This is the slow path of normalization; `normalize/` calls it only for values whose column is
 * new, incomplete, or of another type than the value.
 */
import { TerminalError } from '../errors/dlt-error.js'
import { ownValue } from '../util/own-property.js'
import { COERCE_FAILED, coerceValue, naiveTimestamp } from './coerce-value.js'
import type { DataType } from './data-types.js'
import { detectType, valueDataType } from './infer-type.js'
import type { ColumnSchema, SchemaSettings, TableColumns } from './schema-types.js'

/** A value could not be stored in its column nor in the column's variant. */
export class DataTypeError extends TerminalError {
  override name = 'DataTypeError'
  readonly table: string
  readonly column: string
  /** The data type of the value. */
  readonly valueType: DataType
  /** The data type of the column the value had to go to. */
  readonly columnType: DataType | undefined
  readonly value: unknown

  constructor(
    table: string,
    column: string,
    valueType: DataType,
    columnType: DataType | undefined,
    value: unknown,
  ) {
    super(
      `Cannot coerce a value for table "${table}": a ${valueType} value does not fit column ` +
        `"${column}" of type ${columnType ?? 'unknown'}, and no further variant column can be made. ` +
        `Declare the column's data_type (e.g. text or json) in the resource's columns hint, or ` +
        'convert the value before yielding it.',
    )
    this.table = table
    this.column = column
    this.valueType = valueType
    this.columnType = columnType
    this.value = value
  }
}

/** A null value for a column that must not be null. */
export class NullValueError extends TerminalError {
  override name = 'NullValueError'
  readonly table: string
  readonly column: string

  constructor(table: string, column: string) {
    super(
      `Null value in table "${table}": column "${column}" is not nullable. Supply a value, or drop ` +
        'the nullable: false (or primary_key) hint of the column.',
    )
    this.table = table
    this.column = column
  }
}

/** dlt's simple regex: `re:<regex>`, otherwise an exact column name. */
type NameMatcher = (name: string) => boolean

function compileSimpleRegex(pattern: string): NameMatcher {
  if (pattern.startsWith('re:')) {
    const regex = new RegExp(pattern.slice(3))
    return (name) => regex.test(name)
  }
  return (name) => name === pattern
}

/** Column props that default hints set, in the order dlt applies them. */
const NOT_NULL = 'not_null'

/**
 * The schema settings that shape new columns (`detections`, `preferred_types`, `default_hints`),
 * compiled once. Lookups by column name are cached.
 */
export class ColumnInference {
  readonly detections: readonly string[]
  readonly #preferred: [NameMatcher, DataType][]
  readonly #hints: [string, NameMatcher[]][]
  readonly #notNull: NameMatcher[]
  readonly #preferredCache = new Map<string, DataType | null>()

  constructor(settings: SchemaSettings) {
    this.detections = settings.detections ?? []
    this.#preferred = Object.entries(settings.preferred_types ?? {}).map(([pattern, type]) => [
      compileSimpleRegex(pattern),
      type,
    ])
    const hints = settings.default_hints ?? {}
    this.#notNull = (hints[NOT_NULL] ?? []).map(compileSimpleRegex)
    this.#hints = Object.entries(hints)
      .filter(([hint]) => hint !== NOT_NULL)
      .map(([hint, patterns]) => [hint, patterns.map(compileSimpleRegex)])
  }

  /** dlt's `get_preferred_type`: the type of the first preferred-type regex matching `column`. */
  preferredType(column: string): DataType | undefined {
    let type = this.#preferredCache.get(column)
    if (type === undefined) {
      type = this.#preferred.find(([matches]) => matches(column))?.[1] ?? null
      this.#preferredCache.set(column, type)
    }
    return type ?? undefined
  }

  /** True if a `not_null` default hint matches `column`. */
  isNotNull(column: string): boolean {
    return this.#notNull.some((matches) => matches(column))
  }

  /** dlt's `_infer_column_type`: detections, then the value's own type; a preferred type wins. */
  inferType(value: unknown, column: string, skipPreferred: boolean): DataType {
    const valueType = valueDataType(value)!
    const mapped = detectType(this.detections, value, valueType) ?? valueType
    return (skipPreferred ? undefined : this.preferredType(column)) ?? mapped
  }

  /** dlt's `_infer_column`: type, nullability and every default hint that matches the name. */
  inferColumn(name: string, dataType: DataType, isVariant: boolean): ColumnSchema {
    const column: ColumnSchema = { name, data_type: dataType, nullable: !this.isNotNull(name) }
    for (const [hint, matchers] of this.#hints) {
      if (matchers.some((matches) => matches(name)))
        (column as unknown as Record<string, unknown>)[hint] = true
    }
    if (isVariant) column.variant = true
    return column
  }
}

/** True if the column can be created at the destination: it has a name and a data type. */
export function isCompleteColumn(column: ColumnSchema): boolean {
  return Boolean(column.name) && Boolean(column.data_type)
}

/** What `coerceNonNullValue` decided for one value. */
export interface CoercedValue {
  /** The column the value goes to: the original one or a variant. */
  name: string
  /** The new or completed column schema to add to the table, if any. */
  column: ColumnSchema | undefined
  value: unknown
}

/** What the slow path needs besides the table. */
export interface CoerceContext {
  readonly inference: ColumnInference
  /** Joins path fragments into an identifier (the naming convention's `shortenFragments`). */
  shortenFragments(...fragments: string[]): string
}

/**
 * Fits a non-null `value` into column `name` of `columns` (dlt's `_coerce_non_null_value`): infers
 * or completes the column if needed and falls back to the variant column `<name>__v_<type>`.
 * Throws `DataTypeError` if even the variant cannot take the value.
 */
export function coerceNonNullValue(
  context: CoerceContext,
  table: string,
  columns: TableColumns,
  name: string,
  value: unknown,
  isVariant = false,
): CoercedValue {
  let existing: ColumnSchema | undefined = ownValue(columns, name)
  let incomplete: ColumnSchema | undefined
  if (existing && !isCompleteColumn(existing)) {
    incomplete = existing
    existing = undefined
  }
  const valueType = valueDataType(value)!
  const columnType = existing
    ? existing.data_type!
    : context.inference.inferType(value, name, isVariant)
  let coerced = coerceValue(columnType, valueType, value)
  if (coerced === COERCE_FAILED) {
    if (isVariant) {
      throw new DataTypeError(table, name, valueType, ownValue(columns, name)?.data_type, value)
    }
    let variant = context.shortenFragments(name, `v_${valueType}`)
    if (valueType === 'json') {
      // dlt: keep using a variant made when `json` was still called `complex`
      const legacy = context.shortenFragments(name, 'v_complex')
      if (ownValue(columns, legacy)?.variant) variant = legacy
    }
    return coerceNonNullValue(context, table, columns, variant, value, true)
  }
  let column: ColumnSchema | undefined
  if (!existing) {
    const inferred = context.inference.inferColumn(name, columnType, isVariant)
    // dlt: every hint of the incomplete column (defaults too) overrides the inferred column
    column = incomplete ? Object.assign(inferred, incomplete) : inferred
  }
  if (columnType === 'timestamp' && (existing ?? column)!.timezone === false) {
    coerced = naiveTimestamp(coerced as string)
  }
  return { name, column, value: coerced }
}

/**
 * Checks a null value for column `name` (dlt's `_coerce_null_value`). Throws `NullValueError` for
 * a complete non-nullable column, or for a new column a `not_null` hint matches. Returns true if
 * the column has no type yet (the null is all dlt has seen of it).
 */
export function checkNullValue(
  inference: ColumnInference,
  table: string,
  columns: TableColumns,
  name: string,
): boolean {
  const existing = ownValue(columns, name)
  if (existing && isCompleteColumn(existing)) {
    if (existing.nullable === false) throw new NullValueError(table, name)
    return false
  }
  if (!existing && inference.isNotNull(name)) throw new NullValueError(table, name)
  return true
}
