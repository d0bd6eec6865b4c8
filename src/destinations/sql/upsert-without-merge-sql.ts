/**
 * @module The `upsert` and `insert-only` merges for databases without `MERGE` (MySQL/MariaDB,
 * SQLite), with the rows `upsert-sql.ts`'s `MERGE` leaves:
 *
 * - root, `upsert`: the keys of staging rows flagged by `hard_delete` that are at the destination
 *   go to a temporary table and those rows are deleted; the other matched rows are updated from
 *   staging (`UPDATE … FROM`, the dialect's form); staging rows whose key is not there are
 *   inserted, except the deleted keys — so, as with dlt's `MERGE`, a flagged row whose key was
 *   not at the destination yet is inserted;
 * - root, `insert-only`: staging rows whose key is not there yet, minus flagged rows;
 * - nested tables as in `upsert-sql.ts`, with the `MERGE` by row key done as update + insert.
 */
import type { TableSchema } from '../../schema/schema-types.js'
import { completeColumns } from './column-hints.js'
import {
  hardDeleteCondition,
  type MergeSqlContext,
  newTempTableName,
  quoteAll,
  rootKeyColumn,
  rowKeyColumn,
} from './merge-chain.js'

/** The statements for `chain` (root first); `primaryKeys` are quoted. */
export function upsertWithoutMergeSql(
  context: MergeSqlContext,
  chain: readonly TableSchema[],
  primaryKeys: readonly string[],
  insertOnly: boolean,
): string[] {
  const { dialect, names } = context
  const root = chain[0]!
  const q = (name: string) => dialect.quoteIdentifier(name)
  const on = (a: string, b: string, keys: readonly string[]) =>
    keys.map((key) => `${a}.${key} = ${b}.${key}`).join(' AND ')
  const target = names.table(root.name)
  const staging = names.table(root.name, true)
  const columns = columnNames(context, root)
  const sql: string[] = []

  if (insertOnly) {
    const notDeleted = hardDeleteCondition(dialect, root, { invert: true, alias: 's.' })
    sql.push(
      insertMissing(target, staging, columns, on('d', 's', primaryKeys), notDeleted?.condition),
    )
    for (const table of chain.slice(1)) {
      const rowKey = [q(rowKeyColumn(table, 'insert-only'))]
      const nested = names.table(table.name)
      const nestedColumns = columnNames(context, table)
      sql.push(
        insertMissing(nested, names.table(table.name, true), nestedColumns, on('d', 's', rowKey)),
      )
    }
    return sql
  }

  const deleted = hardDeleteCondition(dialect, root, { alias: 's.' })
  let deletedKeys: string | undefined
  if (deleted) {
    deletedKeys = q(newTempTableName(context, root.name, 'delete'))
    sql.push(
      `CREATE TEMPORARY TABLE ${deletedKeys} AS SELECT ${primaryKeys.map((k) => `s.${k}`).join(', ')} ` +
        `FROM ${staging} AS s WHERE (${deleted.condition}) AND EXISTS ` +
        `(SELECT 1 FROM ${target} AS d WHERE ${on('d', 's', primaryKeys)})`,
      `${deleteHead(context, target)} WHERE EXISTS (SELECT 1 FROM ${deletedKeys} AS s WHERE ${on('d', 's', primaryKeys)})`,
    )
  }
  sql.push(updateFrom(context, target, staging, on('d', 's', primaryKeys), columns))
  const notDeletedKey = deletedKeys
    ? `NOT EXISTS (SELECT 1 FROM ${deletedKeys} AS k WHERE ${on('k', 's', primaryKeys)})`
    : undefined
  sql.push(insertMissing(target, staging, columns, on('d', 's', primaryKeys), notDeletedKey))
  if (deletedKeys) {
    sql.push(dialect.dropTemporaryTableSql?.(deletedKeys) ?? `DROP TABLE IF EXISTS ${deletedKeys}`)
  }

  if (chain.length === 1) return sql
  const rootRowKey = q(rowKeyColumn(root, 'upsert'))
  const deletedRoots = hardDeleteCondition(dialect, root)
  for (const table of chain.slice(1)) {
    const rowKey = q(rowKeyColumn(table, 'upsert'))
    const rootKey = q(rootKeyColumn(chain, table, 'upsert'))
    const nested = names.table(table.name)
    const nestedStaging = names.table(table.name, true)
    const nestedColumns = columnNames(context, table)
    sql.push(
      `DELETE FROM ${nested} WHERE ${rootKey} IN (SELECT ${rootRowKey} FROM ${staging}) ` +
        `AND ${rowKey} NOT IN (SELECT ${rowKey} FROM ${nestedStaging})`,
      updateFrom(context, nested, nestedStaging, on('d', 's', [rowKey]), nestedColumns),
      insertMissing(nested, nestedStaging, nestedColumns, on('d', 's', [rowKey])),
    )
    if (deletedRoots) {
      sql.push(
        `DELETE FROM ${nested} WHERE ${rootKey} IN ` +
          `(SELECT ${rootRowKey} FROM ${staging} WHERE ${deletedRoots.condition})`,
      )
    }
  }
  return sql
}

/** `INSERT INTO target (columns) SELECT s.columns FROM source s WHERE no target row matches`. */
function insertMissing(
  target: string,
  source: string,
  columns: readonly string[],
  on: string,
  extra?: string,
): string {
  const values = columns.map((column) => `s.${column}`).join(', ')
  return (
    `INSERT INTO ${target} (${columns.join(', ')}) SELECT ${values} FROM ${source} AS s ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${target} AS d WHERE ${on})${extra ? ` AND (${extra})` : ''}`
  )
}

/** The dialect's `UPDATE target d … FROM source s WHERE on` setting `columns` from `s`. */
function updateFrom(
  context: MergeSqlContext,
  target: string,
  source: string,
  on: string,
  columns: readonly string[],
): string {
  return (
    context.dialect.updateFromSql?.(target, source, on, columns) ??
    `UPDATE ${target} AS d SET ${columns.map((c) => `${c} = s.${c}`).join(', ')} FROM ${source} AS s WHERE ${on}`
  )
}

function deleteHead(context: MergeSqlContext, target: string): string {
  return context.dialect.deleteFromAliasedSql?.(target, 'd') ?? `DELETE FROM ${target} AS d`
}

function columnNames(context: MergeSqlContext, table: TableSchema): string[] {
  return quoteAll(
    context.dialect,
    completeColumns(table).map((column) => column.name),
  )
}
