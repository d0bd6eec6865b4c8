/**
 * @module `dataset.table(name)`: a relation over one table of the dataset, as dlt's readable
 * relations — `select`, `where`, `orderBy`, `limit` build one SQL query, run by `fetch()`,
 * `fetchOne()`, `count()`, in chunks (`for await (const rows of relation)`, `iterChunks(n)`) or
 * as an Apache Arrow table (`arrow()`). Identifiers are quoted by the destination, values are
 * parameters. Rows come back as `pipeline.dataset()` reads them (see `dataset.ts`).
 */
import type { ReadOptions } from '../destinations/destination.js'
import type { DataType } from '../schema/data-types.js'

/** The comparisons `where` takes. */
export const RELATION_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'like', 'in', 'not in'] as const
/** A comparison of `where`. */
export type RelationOperator = (typeof RELATION_OPERATORS)[number]

/** What a relation runs its query with: the destination's quoting and a query. */
export interface RelationRunner {
  run<Row>(
    build: (quote: (name: string) => string) => { sql: string; params: unknown[] },
    options?: ReadOptions,
  ): Promise<Row[]>
  /** The table's dlt data types by column, when the pipeline's schema knows the table. */
  columnTypes(table: string): Readonly<Record<string, DataType>> | undefined
}

/** A query over one table; every method returns a new relation. */
export interface Relation<Row extends object, Table extends object = Row>
  extends AsyncIterable<Row[]> {
  readonly table: string
  /** Only these columns. */
  select<K extends keyof Table & string>(...columns: K[]): Relation<Pick<Table, K>, Table>
  /** Rows where `column <operator> value` (`in` / `not in` take an array; `null` with `=` / `!=` is `IS NULL` / `IS NOT NULL`). */
  where(
    column: keyof Table & string,
    operator: RelationOperator,
    value: unknown,
  ): Relation<Row, Table>
  /** Sorted by `column` (after the columns given before). */
  orderBy(column: keyof Table & string, direction?: 'asc' | 'desc'): Relation<Row, Table>
  /** At most `count` rows. */
  limit(count: number): Relation<Row, Table>
  /** All rows. */
  fetch(options?: ReadOptions): Promise<Row[]>
  /** The first row, if any. */
  fetchOne(options?: ReadOptions): Promise<Row | undefined>
  /** The number of rows. */
  count(): Promise<number>
  /**
   * The rows in chunks of `chunkSize`, each its own query (`LIMIT … OFFSET …` over the given
   * order, else over `_dlt_id`), so memory stays flat however big the table.
   */
  iterChunks(chunkSize?: number, options?: ReadOptions): AsyncIterable<Row[]>
  /** The rows as an Apache Arrow table (needs the optional peer `apache-arrow`). */
  arrow(): Promise<import('apache-arrow').Table>
  /** The SQL and parameters the relation runs, with `quote` quoting identifiers. */
  toSql(quote?: (name: string) => string): { sql: string; params: unknown[] }
}

interface Condition {
  readonly column: string
  readonly operator: RelationOperator
  readonly value: unknown
}

interface RelationQuery {
  readonly table: string
  readonly columns: readonly string[] | undefined
  readonly conditions: readonly Condition[]
  readonly order: readonly { readonly column: string; readonly direction: 'asc' | 'desc' }[]
  readonly limit: number | undefined
}

const ANSI_QUOTE = (name: string) => `"${name.replaceAll('"', '""')}"`
/** Rows per chunk of `iterChunks` and `for await`. */
export const DEFAULT_CHUNK_SIZE = 10_000

/** A relation over `table`. */
export function createRelation<Row extends object>(
  table: string,
  runner: RelationRunner,
): Relation<Row> {
  return new TableRelation<Row>(
    { table, columns: undefined, conditions: [], order: [], limit: undefined },
    runner,
  )
}

class TableRelation<Row extends object, Table extends object = Row>
  implements Relation<Row, Table>
{
  readonly #query: RelationQuery
  readonly #runner: RelationRunner

  constructor(query: RelationQuery, runner: RelationRunner) {
    this.#query = query
    this.#runner = runner
  }

  get table(): string {
    return this.#query.table
  }

  select<K extends keyof Table & string>(...columns: K[]): Relation<Pick<Table, K>, Table> {
    if (!columns.length) throw new TypeError(`select on table "${this.table}": name a column`)
    return this.#with<Pick<Table, K>>({ columns })
  }

  where(
    column: keyof Table & string,
    operator: RelationOperator,
    value: unknown,
  ): Relation<Row, Table> {
    if (!RELATION_OPERATORS.includes(operator)) {
      throw new TypeError(
        `where on table "${this.table}": the operator must be one of ${RELATION_OPERATORS.join(', ')}, got ${JSON.stringify(operator)}`,
      )
    }
    if ((operator === 'in' || operator === 'not in') && !Array.isArray(value)) {
      throw new TypeError(`where on table "${this.table}": "${operator}" takes an array of values`)
    }
    return this.#with<Row>({
      conditions: [...this.#query.conditions, { column, operator, value }],
    })
  }

  orderBy(column: keyof Table & string, direction: 'asc' | 'desc' = 'asc'): Relation<Row, Table> {
    if (direction !== 'asc' && direction !== 'desc') {
      throw new TypeError(`orderBy on table "${this.table}": the direction is 'asc' or 'desc'`)
    }
    return this.#with<Row>({ order: [...this.#query.order, { column, direction }] })
  }

  limit(count: number): Relation<Row, Table> {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`limit on table "${this.table}": give an integer >= 0`)
    }
    return this.#with<Row>({ limit: count })
  }

  fetch(options?: ReadOptions): Promise<Row[]> {
    return this.#runner.run<Row>((quote) => this.toSql(quote), options)
  }

  async fetchOne(options?: ReadOptions): Promise<Row | undefined> {
    // a limit(0) relation has no row to give
    const limit = Math.min(this.#query.limit ?? 1, 1)
    const [row] = await this.#runner.run<Row>((quote) => this.#sql(quote, limit), options)
    return row
  }

  async count(): Promise<number> {
    const [row] = await this.#runner.run<{ n: unknown }>((quote) => {
      const { sql, params } = this.toSql(quote)
      return { sql: `SELECT COUNT(*) AS n FROM (${sql}) AS counted`, params }
    })
    return Number(row?.n ?? 0)
  }

  async *iterChunks(chunkSize = DEFAULT_CHUNK_SIZE, options?: ReadOptions): AsyncGenerator<Row[]> {
    if (!Number.isInteger(chunkSize) || chunkSize < 1) {
      throw new RangeError(`iterChunks on table "${this.table}": give a chunk size >= 1`)
    }
    const ordered = this.#query.order.length
      ? this
      : this.#with<Row>({ order: [{ column: '_dlt_id', direction: 'asc' }] })
    const end = this.#query.limit ?? Number.POSITIVE_INFINITY
    for (let offset = 0; offset < end; offset += chunkSize) {
      const size = Math.min(chunkSize, end - offset)
      const rows = await this.#runner.run<Row>(
        (quote) => ordered.#sql(quote, size, offset),
        options,
      )
      if (rows.length) yield rows
      if (rows.length < size) return
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Row[]> {
    return this.iterChunks()[Symbol.asyncIterator]()
  }

  async arrow(): Promise<import('apache-arrow').Table> {
    const { toArrowTable } = await import('./arrow-table.js')
    const rows = await this.fetch({ bigint: true })
    const types = this.#runner.columnTypes(this.table) ?? {}
    return toArrowTable(rows as Record<string, unknown>[], types, this.#query.columns)
  }

  toSql(quote: (name: string) => string = ANSI_QUOTE): { sql: string; params: unknown[] } {
    return this.#sql(quote, this.#query.limit)
  }

  #sql(
    quote: (name: string) => string,
    limit: number | undefined,
    offset?: number,
  ): { sql: string; params: unknown[] } {
    const { table, columns, conditions, order } = this.#query
    const params: unknown[] = []
    const param = (value: unknown) => {
      params.push(value)
      return `$${params.length}`
    }
    const list = columns ? columns.map(quote).join(', ') : '*'
    let sql = `SELECT ${list} FROM ${quote(table)}`
    if (conditions.length) {
      sql += ` WHERE ${conditions.map((condition) => conditionSql(condition, quote, param)).join(' AND ')}`
    }
    if (order.length) {
      sql += ` ORDER BY ${order.map(({ column, direction }) => `${quote(column)} ${direction.toUpperCase()}`).join(', ')}`
    }
    if (limit !== undefined) sql += ` LIMIT ${limit}`
    if (offset) sql += ` OFFSET ${offset}`
    return { sql, params }
  }

  #with<R extends object>(change: Partial<RelationQuery>): TableRelation<R, Table> {
    return new TableRelation<R, Table>({ ...this.#query, ...change }, this.#runner)
  }
}

function conditionSql(
  { column, operator, value }: Condition,
  quote: (name: string) => string,
  param: (value: unknown) => string,
): string {
  const name = quote(column)
  if (value === null && (operator === '=' || operator === '!=')) {
    return `${name} IS ${operator === '=' ? '' : 'NOT '}NULL`
  }
  if (operator === 'in' || operator === 'not in') {
    const values = value as unknown[]
    if (!values.length) return operator === 'in' ? '1 = 0' : '1 = 1'
    return `${name} ${operator.toUpperCase()} (${values.map(param).join(', ')})`
  }
  return `${name} ${operator === 'like' ? 'LIKE' : operator} ${param(value)}`
}
