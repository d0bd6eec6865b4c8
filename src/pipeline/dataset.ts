/**
 * @module `pipeline.dataset()`: read back what a pipeline loaded, as values JavaScript can use.
 *
 * The same rules on every destination (DuckDB, PostgreSQL, filesystem):
 * - integers are numbers while exact (`|n| ≤ 2^53 - 1`, so counts and ids are numbers) and
 *   decimal strings beyond; `{ bigint: true }` returns every integer column as a `bigint`;
 * - decimals (`DECIMAL`/`NUMERIC`, dlt's `decimal` and `wei`) are strings with their scale
 *   (`'12345.678900000'`), exact where a number would round;
 * - timestamps and dates are `Date` (a date at UTC midnight), times are text (`'12:34:56.5'`);
 * - binary is bytes (a `Uint8Array`; a `Buffer` on PostgreSQL); json columns are parsed.
 *
 * So `JSON.stringify(rows)` works, unless you ask for `bigint`.
 *
 * `dataset.table(name)` is a relation (`dataset-relation.ts`): `select`, `where`, `orderBy`,
 * `limit`, then `fetch()`, chunks, or `arrow()`. Type the dataset with row types by table —
 * `pipeline.dataset<Tables>()`, the interfaces `dlt-ts schema … --format ts` writes — and
 * `table('issues')` returns typed rows.
 */
import type {
  Destination,
  DestinationClientConfig,
  ReadOptions,
} from '../destinations/destination.js'
import type { DataType } from '../schema/data-types.js'
import { createRelation, type Relation, type RelationRunner } from './dataset-relation.js'

/** A row read back from the destination. */
export type DatasetRow = Record<string, unknown>

/** Options of `dataset().query()`. */
export interface DatasetQueryOptions extends ReadOptions {}

/** Options of `dataset().rows()`. */
export interface DatasetRowsOptions extends DatasetQueryOptions {
  /** At most this many rows. */
  readonly limit?: number
}

/**
 * Read access to a pipeline's dataset. Each call opens and closes its own connection. Values
 * come back as the module documentation says; type the rows with a type argument, e.g.
 * `rows<Issue>('issues')` (it is not checked at run time).
 */
export interface Dataset<Tables extends object = Record<string, DatasetRow>> {
  readonly name: string
  /** A relation over one table: `select`, `where`, `orderBy`, `limit`, `fetch()`, `arrow()`. */
  table<Name extends keyof Tables & string>(
    name: Name,
  ): Relation<Tables[Name] extends object ? Tables[Name] : DatasetRow>
  /** Names of the tables in the dataset (including dlt's `_dlt_*` tables). */
  tables(): Promise<string[]>
  /** Rows of one table, in no particular order. */
  rows<Row extends object = DatasetRow>(table: string, options?: DatasetRowsOptions): Promise<Row[]>
  /**
   * Runs a SQL query. Unqualified table names resolve to the dataset (`select * from events`);
   * qualified ones work too (`events_data.events`).
   */
  query<Row extends object = DatasetRow>(
    sql: string,
    params?: readonly unknown[],
    options?: DatasetQueryOptions,
  ): Promise<Row[]>
}

/** The dlt data types of a table's columns, by column (from the pipeline's schema). */
export type ColumnTypesLookup = (table: string) => Readonly<Record<string, DataType>> | undefined

/** A `Dataset` over a destination. */
export function createDataset(
  destination: Destination,
  config: DestinationClientConfig,
  columnTypes: ColumnTypesLookup = () => undefined,
): Dataset {
  const withClient = async <T>(
    fn: (client: ReturnType<Destination['createClient']>) => Promise<T>,
  ): Promise<T> => {
    const client = destination.createClient(config)
    try {
      return await fn(client)
    } finally {
      await client.close()
    }
  }
  const runner: RelationRunner = {
    run: <Row>(
      build: (quote: (name: string) => string) => { sql: string; params: unknown[] },
      options: ReadOptions = {},
    ) =>
      withClient(async (client) => {
        const quote = client.quoteIdentifier?.bind(client) ?? ansiQuote
        const { sql, params } = build(quote)
        return (await client.query(sql, params, options)) as Row[]
      }),
    columnTypes,
  }
  const dataset: Dataset = {
    name: config.datasetName,
    table: (name) => createRelation(name, runner),
    tables: () => withClient((client) => client.listTables()),
    rows: <Row extends object>(table: string, options: DatasetRowsOptions = {}) =>
      withClient(async (client) => (await client.readTable(table, options)) as Row[]),
    query: <Row extends object>(
      sql: string,
      params: readonly unknown[] = [],
      options: DatasetQueryOptions = {},
    ) => withClient(async (client) => (await client.query(sql, params, options)) as Row[]),
  }
  RUNNERS.set(dataset, runner)
  return dataset
}

const ansiQuote = (name: string) => `"${name.replaceAll('"', '""')}"`

/** How each dataset runs its relations' queries (a lazy dataset runs them through its inner one). */
const RUNNERS = new WeakMap<Dataset, RelationRunner>()

/** A `Dataset` named `name` over the one `get` resolves on first use. */
export function createLazyDataset(
  name: string,
  get: () => Promise<Dataset>,
  columnTypes: ColumnTypesLookup = () => undefined,
): Dataset {
  const runner: RelationRunner = {
    run: async (build, options) => {
      const dataset = await get()
      const inner = RUNNERS.get(dataset)
      if (!inner) throw new TypeError(`dataset "${name}": not created by createDataset`)
      return inner.run(build, options)
    },
    columnTypes,
  }
  return {
    name,
    table: (table) => createRelation(table, runner),
    tables: async () => (await get()).tables(),
    rows: async (table, options) => (await get()).rows(table, options),
    query: async (sql, params, options) => (await get()).query(sql, params, options),
  }
}
