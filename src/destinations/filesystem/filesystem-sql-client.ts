/**
 * @module Read access to a filesystem dataset through an in-memory DuckDB (dlt's filesystem
 * `sql_client` does the same): each table becomes a view over its files, typed by the stored
 * schema as the DuckDB destination types its columns, so `pipeline.dataset()` reads the files as
 * it reads a DuckDB dataset. Files that predate a column read it as NULL.
 *
 * `@duckdb/node-api` is imported on first query, so writing files never loads it.
 */
import { toError } from '../../errors/dlt-error.js'
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'
import type { ReadOptions } from '../destination.js'
import { DestinationQueryError } from '../destination-errors.js'
import {
  type DuckDbConnectionLike,
  type DuckDbInstanceLike,
  type DuckDbModule,
  loadDuckDb,
  toDuckDbValue,
} from '../duckdb/duckdb-module.js'
import { readResultRows } from '../duckdb/duckdb-result-converter.js'
import { DuckDbSqlGenerator } from '../duckdb/duckdb-sql-generator.js'

/** One view: a table and the URLs of its files (as `FileTransport.readUrl` gives them). */
export interface ViewSource {
  readonly table: TableSchema
  readonly urls: readonly string[]
}

interface OpenDatabase {
  readonly module: DuckDbModule
  readonly instance: DuckDbInstanceLike
  readonly connection: DuckDbConnectionLike
}

const READ_FORMATS = ['jsonl', 'parquet', 'csv'] as const

/** A DuckDB session with one view per table of a filesystem dataset. */
export class FilesystemSqlClient {
  readonly #dataset: string
  readonly #sources: () => Promise<ViewSource[]>
  readonly #sql = new DuckDbSqlGenerator()
  #opening: Promise<OpenDatabase> | undefined

  /** @param sources lists the tables and their files when the first query runs */
  constructor(datasetName: string, sources: () => Promise<ViewSource[]>) {
    this.#dataset = datasetName
    this.#sources = sources
  }

  /**
   * Runs a read query; unqualified table names resolve to the dataset's views. Values come back
   * as from the DuckDB destination (`duckdb-result-converter.ts`).
   */
  async query(
    sql: string,
    params: readonly unknown[] = [],
    options: ReadOptions = {},
  ): Promise<Record<string, unknown>[]> {
    const { connection, module } = await this.#open()
    try {
      const values = params.map((value) => toDuckDbValue(module, value))
      const reader = await connection.runAndReadAll(sql, values.length ? values : undefined)
      return readResultRows(reader, module, options)
    } catch (error) {
      throw new DestinationQueryError(
        sql,
        params,
        { destination: 'filesystem', dataset: this.#dataset },
        { cause: toError(error) },
      )
    }
  }

  /** The views, by name. */
  async listViews(): Promise<string[]> {
    const rows = await this.query(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [this.#dataset],
    )
    return rows.map((row) => String(row['table_name']))
  }

  /** Closes the in-memory database. Safe to call twice. */
  async close(): Promise<void> {
    const opening = this.#opening
    this.#opening = undefined
    const database = await opening?.catch(() => undefined)
    database?.connection.closeSync()
    database?.instance.closeSync()
  }

  #open(): Promise<OpenDatabase> {
    this.#opening ??= this.#createViews().catch((error: unknown) => {
      this.#opening = undefined
      throw error
    })
    return this.#opening
  }

  async #createViews(): Promise<OpenDatabase> {
    const module = await loadDuckDb('Reading a filesystem dataset')
    const instance = await module.DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    const run = async (sql: string) => {
      try {
        return (await connection.runAndReadAll(sql)).getRowObjectsJS()
      } catch (error) {
        throw new DestinationQueryError(
          sql,
          [],
          { destination: 'filesystem', dataset: this.#dataset },
          { cause: toError(error) },
        )
      }
    }
    try {
      // as the DuckDB destination: TIMESTAMP WITH TIME ZONE reads back in UTC
      await run("SET TimeZone = 'UTC'")
      const schema = this.#sql.quoteIdentifier(this.#dataset)
      await run(`CREATE SCHEMA ${schema}`)
      for (const source of await this.#sources()) {
        const select = await this.#viewSelect(source, run)
        if (select) {
          await run(
            `CREATE VIEW ${schema}.${this.#sql.quoteIdentifier(source.table.name)} AS ${select}`,
          )
        }
      }
      await run(`SET search_path = ${this.#sql.escapeLiteral(schema)}`)
      return { module, instance, connection }
    } catch (error) {
      connection.closeSync()
      instance.closeSync()
      throw error
    }
  }

  /** `SELECT` of one view: one branch per file format, `UNION ALL`-ed; no files: no rows. */
  async #viewSelect(
    source: ViewSource,
    run: (sql: string) => Promise<Record<string, unknown>[]>,
  ): Promise<string | undefined> {
    const { table } = source
    const columns = Object.values(table.columns).filter((c) => c.data_type !== undefined)
    if (columns.length === 0) return undefined
    const branches: string[] = []
    for (const format of READ_FORMATS) {
      const urls = source.urls.filter((url) => url.endsWith(`.${format}`))
      if (urls.length === 0) continue
      const list = `[${urls.map((url) => this.#sql.escapeLiteral(url)).join(', ')}]`
      if (format === 'jsonl') {
        branches.push(this.#jsonlSelect(table, columns, list))
        continue
      }
      const reader =
        format === 'parquet'
          ? `read_parquet(${list}, union_by_name = true)`
          : `read_csv(${list}, header = true, delim = ',', quote = '"', escape = '"', ` +
            'all_varchar = true, union_by_name = true, allow_quoted_nulls = false)'
      const present = new Set(
        (await run(`DESCRIBE SELECT * FROM ${reader}`)).map((row) => String(row['column_name'])),
      )
      const selected = columns.map((column) => {
        const name = this.#sql.quoteIdentifier(column.name)
        const type = this.#sql.columnType(column, table)
        if (!present.has(column.name)) return `CAST(NULL AS ${type}) AS ${name}`
        if (format === 'csv' && column.data_type === 'binary')
          return `from_base64(${name}) AS ${name}`
        return `CAST(${name} AS ${type}) AS ${name}`
      })
      branches.push(`SELECT ${selected.join(', ')} FROM ${reader}`)
    }
    if (branches.length === 0) {
      const nulls = columns.map(
        (c) =>
          `CAST(NULL AS ${this.#sql.columnType(c, table)}) AS ${this.#sql.quoteIdentifier(c.name)}`,
      )
      return `SELECT ${nulls.join(', ')} WHERE false`
    }
    return branches.join(' UNION ALL ')
  }

  /** JSON lines are read typed by the schema, as the DuckDB destination loads them. */
  #jsonlSelect(table: TableSchema, columns: readonly ColumnSchema[], list: string): string {
    const types = columns.map((column) => {
      const type = column.data_type === 'binary' ? 'VARCHAR' : this.#sql.columnType(column, table)
      return `${this.#sql.escapeLiteral(column.name)}: ${this.#sql.escapeLiteral(type)}`
    })
    const selected = columns.map((column) => {
      const name = this.#sql.quoteIdentifier(column.name)
      return column.data_type === 'binary' ? `from_base64(${name}) AS ${name}` : name
    })
    return (
      `SELECT ${selected.join(', ')} FROM read_json(${list}, format = 'newline_delimited', ` +
      `columns = {${types.join(', ')}})`
    )
  }
}
