/**
 * @module Merge follow-ups: picks the statements of the chain's merge strategy. The loader calls
 * a follow-up per merge root after all files are in the staging dataset, inside the load's
 * transaction; merge on a root without any key never gets here (the loader appends instead).
 */
import type { MergeFollowUpSpec } from '../destination.js'
import { deleteInsertSql } from './delete-insert-sql.js'
import type { MergeSqlContext } from './merge-chain.js'
import { scd2Sql } from './scd2-sql.js'
import { upsertSql } from './upsert-sql.js'

export type { MergeSqlContext, MergeSqlOptions, TempTableOperation } from './merge-chain.js'

/** The statements moving `spec.tableChain` from staging into the dataset, in order. */
export function mergeSql(context: MergeSqlContext, spec: MergeFollowUpSpec): string[] {
  if (spec.tableChain.length === 0) return []
  switch (spec.strategy) {
    case 'delete-insert':
      return deleteInsertSql(context, spec.tableChain)
    case 'upsert':
      return upsertSql(context, spec.tableChain)
    case 'insert-only':
      return upsertSql(context, spec.tableChain, { insertOnly: true })
    case 'scd2':
      return scd2Sql(context, spec)
  }
}
