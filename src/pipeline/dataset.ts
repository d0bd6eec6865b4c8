/**
 * @module `pipeline.dataset()`: read back what a pipeline loaded.
 */
import type { Destination, DestinationClientConfig } from '../destinations/destination.js'

/** A row read back from the destination. */
export type DatasetRow = Record<string, unknown>

/** Read access to a pipeline's dataset. Each call opens and closes its own connection. */
export interface Dataset {
  readonly name: string
  /** Names of the tables in the dataset (including dlt's `_dlt_*` tables). */
  tables(): Promise<string[]>
  /** Rows of one table, in no particular order. */
  rows(table: string, options?: { readonly limit?: number }): Promise<DatasetRow[]>
  /**
   * Runs a SQL query. Unqualified table names resolve to the dataset (`select * from events`);
   * qualified ones work too (`events_data.events`).
   */
  query(sql: string, params?: readonly unknown[]): Promise<DatasetRow[]>
}

/** A `Dataset` over a destination. */
export function createDataset(destination: Destination, config: DestinationClientConfig): Dataset {
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
  return {
    name: config.datasetName,
    tables: () => withClient((client) => client.listTables()),
    rows: (table, options = {}) => withClient((client) => client.readTable(table, options)),
    query: (sql, params = []) => withClient((client) => client.query(sql, params)),
  }
}
