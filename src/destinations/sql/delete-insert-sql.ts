/**
 * @module The `delete-insert` merge (dlt's `SqlMergeFollowupJob.gen_merge_sql`).
 *
 * 1. Delete destination root rows whose primary key (or merge key) appears in staging. With
 *    nested tables, the deleted roots' `_dlt_id`s go to a temporary table first and the nested
 *    rows are deleted by `_dlt_root_id`, children before the root.
 * 2. Insert the staging rows, one per primary key (ordered by `dedup_sort` if set), without the
 *    rows flagged by a `hard_delete` column. With nested tables, the kept roots' `_dlt_id`s go to
 *    a temporary table, and nested rows are inserted only for those roots.
 */
import type { TableSchema } from '../../schema/schema-types.js'
import { columnsWithHint, completeColumns, firstColumnWithHint } from './column-hints.js'
import {
  dedupSelectSql,
  hardDeleteCondition,
  type MergeSqlContext,
  newTempTableName,
  quoteAll,
  rootKeyColumn,
  rowKeyColumn,
} from './merge-chain.js'

/** The `delete-insert` statements for `chain` (root first). */
export function deleteInsertSql(context: MergeSqlContext, chain: readonly TableSchema[]): string[] {
  const { dialect, names } = context
  const root = chain[0]!
  const q = (name: string) => dialect.quoteIdentifier(name)
  const primaryKeys = quoteAll(dialect, columnsWithHint(root, 'primary_key'))
  const mergeKeys = quoteAll(dialect, columnsWithHint(root, 'merge_key'))
  const hasNested = chain.length > 1
  const rowKey = hasNested ? q(rowKeyColumn(root, 'delete-insert')) : undefined
  const rootKeys = new Map(
    chain.slice(1).map((table) => [table.name, q(rootKeyColumn(chain, table, 'delete-insert'))]),
  )
  const sql: string[] = []
  const tempTables: string[] = []

  if (primaryKeys.length + mergeKeys.length > 0) {
    const match = keyMatchClauses(primaryKeys, mergeKeys)
    const keyFilter =
      `FROM ${names.table(root.name)} AS d WHERE EXISTS ` +
      `(SELECT 1 FROM ${names.table(root.name, true)} AS s WHERE ${match})`
    if (!hasNested) {
      const head =
        dialect.deleteFromAliasedSql?.(names.table(root.name), 'd') ??
        `DELETE FROM ${names.table(root.name)} AS d`
      sql.push(`${head}${keyFilter.slice(keyFilter.indexOf(' WHERE '))}`)
    } else {
      const deleteTemp = q(newTempTableName(context, root.name, 'delete'))
      tempTables.push(deleteTemp)
      sql.push(`CREATE TEMPORARY TABLE ${deleteTemp} AS SELECT d.${rowKey} ${keyFilter}`)
      for (const table of chain.slice(1)) {
        sql.push(
          `DELETE FROM ${names.table(table.name)} WHERE ${rootKeys.get(table.name)} IN ` +
            `(SELECT * FROM ${deleteTemp})`,
        )
      }
      sql.push(
        `DELETE FROM ${names.table(root.name)} WHERE ${rowKey} IN (SELECT * FROM ${deleteTemp})`,
      )
    }
  }

  const hardDelete = hardDeleteCondition(dialect, root, { invert: true })
  const sortColumn = firstColumnWithHint(root, 'dedup_sort')
  const dedupSort = sortColumn
    ? { column: q(sortColumn), order: root.columns[sortColumn]!.dedup_sort ?? ('asc' as const) }
    : undefined
  const skipDedup = root['x-stage-data-deduplicated'] === true

  let insertTemp: string | undefined
  if (hasNested && (primaryKeys.length > 0 || hardDelete)) {
    insertTemp = q(newTempTableName(context, root.name, 'insert'))
    tempTables.push(insertTemp)
    const stagingRoot = names.table(root.name, true)
    const condition = hardDelete?.condition ?? '1 = 1'
    const select =
      primaryKeys.length > 0
        ? dedupSelectSql(dialect, stagingRoot, primaryKeys, [rowKey!], {
            dedupSort,
            condition,
            conditionColumns: hardDelete ? [q(hardDelete.column)] : [],
            skipDedup,
          })
        : `SELECT ${rowKey} FROM ${stagingRoot} WHERE ${condition}`
    sql.push(`CREATE TEMPORARY TABLE ${insertTemp} AS ${select}`)
  }

  for (const table of chain) {
    const isNested = table !== root
    let condition = hardDelete?.condition ?? '1 = 1'
    if (insertTemp && (primaryKeys.length > 0 || isNested)) {
      const key = isNested ? rootKeys.get(table.name) : rowKey
      condition = `${key} IN (SELECT * FROM ${insertTemp})`
    }
    const columns = quoteAll(
      dialect,
      completeColumns(table).map((column) => column.name),
    )
    const staging = names.table(table.name, true)
    const select =
      primaryKeys.length > 0 && !hasNested
        ? dedupSelectSql(dialect, staging, primaryKeys, columns, {
            dedupSort,
            condition,
            skipDedup,
          })
        : `SELECT ${columns.join(', ')} FROM ${staging} WHERE ${condition}`
    sql.push(`INSERT INTO ${names.table(table.name)} (${columns.join(', ')}) ${select}`)
  }
  for (const temp of tempTables) {
    sql.push(dialect.dropTemporaryTableSql?.(temp) ?? `DROP TABLE IF EXISTS ${temp}`)
  }
  return sql
}

/** `d.pk = s.pk [AND …]`, and the same for merge keys, joined by OR (dlt's key clauses). */
function keyMatchClauses(primaryKeys: readonly string[], mergeKeys: readonly string[]): string {
  const clauses = [primaryKeys, mergeKeys]
    .filter((keys) => keys.length > 0)
    .map((keys) => keys.map((key) => `d.${key} = s.${key}`).join(' AND '))
  return clauses.length > 1 ? clauses.map((clause) => `(${clause})`).join(' OR ') : clauses[0]!
}
