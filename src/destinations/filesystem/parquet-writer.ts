/**
 * @module Converts a JSON-lines loader file into a parquet file with real column types, after
 * dlt's arrow type mapping: `timestamp` as TIMESTAMP (UTC-adjusted unless `timezone: false`,
 * micro- or millisecond unit from `precision`), `bigint` as INT64 (INT32 for `precision` ≤ 32
 * bits), `decimal`/`wei` as DECIMAL, `date`, `time`, `bool`, `double`, `binary`, and `json` as a
 * JSON string. Rows are read and written one row group at a time, so memory stays bounded.
 *
 * Uses the optional peer dependency `hyparquet-writer`, imported on first use.
 */
import { TerminalError, toError } from '../../errors/dlt-error.js'
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'
import {
  decodeBase64,
  floorDiv,
  parseDateDays,
  parseDecimalUnscaled,
  parseTimeMicros,
  parseTimestampNanos,
  toBigInt,
} from './loader-values.js'
import { readJsonlBatches } from './read-jsonl-batches.js'

/** A parquet schema element (the subset of hyparquet's `SchemaElement` written here). */
interface ParquetSchemaElement {
  name: string
  num_children?: number
  type?: 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY' | 'FIXED_LEN_BYTE_ARRAY'
  type_length?: number
  repetition_type?: 'OPTIONAL'
  converted_type?: string
  precision?: number
  scale?: number
  logical_type?: Record<string, unknown> & { type: string }
}

/** The subset of `hyparquet-writer` this module calls (a shape, not the package's types). */
interface HyparquetWriterModule {
  ParquetWriter: new (options: {
    writer: unknown
    schema: ParquetSchemaElement[]
    createdBy?: string
  }) => {
    write(options: {
      columnData: { name: string; data: unknown[] }[]
      rowGroupSize?: number
    }): void | Promise<void>
    finish(): void | Promise<void>
  }
  fileWriter(filename: string): unknown
}

/** Decimal precision of the `decimal` and `wei` types without column hints. */
export interface ParquetTypeConfig {
  readonly decimalPrecision: readonly [number, number]
  readonly weiPrecision: readonly [number, number]
}

/** Options of `writeParquetFromJsonl`. */
export interface ParquetWriteConfig extends ParquetTypeConfig {
  /** Rows per row group, and rows in memory at once. @default 10_000 */
  readonly rowGroupRows?: number
}

type ValueConverter = (value: unknown) => unknown

/** One column's schema element and how its loader-file values become parquet values. */
interface ParquetColumn {
  readonly element: ParquetSchemaElement
  readonly convert: ValueConverter
}

/** Bytes a two's-complement integer needs to hold every `precision`-digit number. */
function decimalBytes(precision: number): number {
  let bytes = 1
  while (2n ** BigInt(8 * bytes - 1) <= 10n ** BigInt(precision)) bytes++
  return bytes
}

function decimalColumn(name: string, precision: number, scale: number): ParquetColumn {
  const physical: Pick<ParquetSchemaElement, 'type' | 'type_length'> =
    precision <= 9
      ? { type: 'INT32' }
      : precision <= 18
        ? { type: 'INT64' }
        : { type: 'FIXED_LEN_BYTE_ARRAY', type_length: decimalBytes(precision) }
  return {
    element: {
      name,
      ...physical,
      converted_type: 'DECIMAL',
      precision,
      scale,
      logical_type: { type: 'DECIMAL', precision, scale },
    },
    convert: (value) => parseDecimalUnscaled(String(value), scale),
  }
}

function timestampColumn(column: ColumnSchema): ParquetColumn {
  const precision = column.precision ?? 6
  const unit = precision <= 3 ? 'MILLIS' : precision <= 6 ? 'MICROS' : 'NANOS'
  const isAdjustedToUTC = column.timezone !== false
  const converted =
    isAdjustedToUTC && unit !== 'NANOS' ? { converted_type: `TIMESTAMP_${unit}` } : {}
  return {
    element: {
      name: column.name,
      type: 'INT64',
      ...converted,
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC, unit },
    },
    convert: (value) => {
      const nanos = parseTimestampNanos(String(value))
      return unit === 'NANOS' ? nanos : floorDiv(nanos, unit === 'MILLIS' ? 1_000_000n : 1000n)
    },
  }
}

function integerColumn(column: ColumnSchema): ParquetColumn {
  const bits = column.precision
  // parquet has no 128-bit integer: wider columns are DECIMAL(38,0), which DuckDB reads exactly
  if (bits !== undefined && bits > 64) {
    const decimal = decimalColumn(column.name, 38, 0)
    return { element: decimal.element, convert: toBigInt }
  }
  if (bits === undefined || bits > 32) {
    return { element: { name: column.name, type: 'INT64' }, convert: toBigInt }
  }
  const bitWidth = bits <= 8 ? 8 : bits <= 16 ? 16 : 32
  // the converted type only: hyparquet-writer 0.17 writes the INTEGER logical type's bit width
  // with a thrift type readers (DuckDB) reject
  return {
    element: { name: column.name, type: 'INT32', converted_type: `INT_${bitWidth}` },
    convert: (value) => Number(value),
  }
}

const utf8 = (name: string): ParquetSchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  logical_type: { type: 'STRING' },
})

/** The parquet column of one schema column. */
export function parquetColumn(
  column: ColumnSchema,
  table: TableSchema,
  config: ParquetTypeConfig,
): ParquetColumn {
  const { name } = column
  switch (column.data_type) {
    case 'text':
      return {
        element: utf8(name),
        convert: (value) => (typeof value === 'string' ? value : String(value)),
      }
    case 'json':
      return { element: utf8(name), convert: (value) => JSON.stringify(value) }
    case 'double':
      return { element: { name, type: 'DOUBLE' }, convert: Number }
    case 'bool':
      return { element: { name, type: 'BOOLEAN' }, convert: Boolean }
    case 'bigint':
      return integerColumn(column)
    case 'timestamp':
      return timestampColumn(column)
    case 'date':
      return {
        element: { name, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
        convert: (value) => parseDateDays(String(value)),
      }
    case 'time':
      return {
        element: {
          name,
          type: 'INT64',
          converted_type: 'TIME_MICROS',
          logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MICROS' },
        },
        convert: (value) => parseTimeMicros(String(value)),
      }
    case 'binary':
      return {
        element: { name, type: 'BYTE_ARRAY' },
        convert: (value) => decodeBase64(String(value)),
      }
    case 'decimal':
    case 'wei': {
      const [precision, scale] =
        column.data_type === 'decimal' ? config.decimalPrecision : config.weiPrecision
      return decimalColumn(name, column.precision ?? precision, column.scale ?? scale)
    }
    default:
      throw new TypeError(`Column "${name}" of table "${table.name}" has no data type`)
  }
}

/**
 * Writes the rows of the JSON-lines file `sourcePath` into a new parquet file `targetPath`, typed
 * by the complete columns of `table` in schema order. Returns the number of rows.
 */
export async function writeParquetFromJsonl(
  sourcePath: string,
  targetPath: string,
  table: TableSchema,
  config: ParquetWriteConfig,
): Promise<number> {
  const module = await loadHyparquetWriter()
  const columns = Object.values(table.columns)
    .filter((column) => column.data_type !== undefined)
    .map((column) => parquetColumn(column, table, config))
  const schema: ParquetSchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => ({ ...c.element, repetition_type: 'OPTIONAL' as const })),
  ]
  const writer = new module.ParquetWriter({
    writer: module.fileWriter(targetPath),
    schema,
    createdBy: 'dlt-ts',
  })
  let rows = 0
  for await (const batch of readJsonlBatches(sourcePath, config.rowGroupRows ?? 10_000)) {
    const columnData = columns.map(({ element, convert }) => ({
      name: element.name,
      data: batch.map((row) => {
        const value = row[element.name]
        return value === null || value === undefined ? null : convert(value)
      }),
    }))
    await writer.write({ columnData, rowGroupSize: batch.length })
    rows += batch.length
  }
  await writer.finish()
  return rows
}

async function loadHyparquetWriter(): Promise<HyparquetWriterModule> {
  try {
    return (await import('hyparquet-writer')) as unknown as HyparquetWriterModule
  } catch (error) {
    throw new TerminalError(
      'Writing parquet files needs the optional peer dependency hyparquet-writer: ' +
        'run `npm install hyparquet-writer`',
      { cause: toError(error) },
    )
  }
}
