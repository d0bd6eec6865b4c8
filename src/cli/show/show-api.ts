/**
 * @module The JSON the pipeline browser shows, computed from the public API: `overview`
 * (destination, dataset, state, last run with step timings and row counts), `schemas` (tables,
 * columns, types, hints, parent/child tree), `rows` (a page of a table through
 * `pipeline.dataset()`), `query` (a read-only SQL query), `loads` (`_dlt_loads`) and `packages`
 * (pending and loaded packages, and the jobs the last run failed on).
 */
import type { DatasetRow, Pipeline, StoredSchema } from '../../index.js'
import { failedJobs } from '../pipeline/failed-jobs.js'
import { assertDatasetReachable } from '../pipeline/open-pipeline.js'
import { listPackages } from '../pipeline/working-dir-packages.js'
import { readOnlyQuery } from './read-only-sql.js'

/** Rows a query returns at most. */
export const MAX_QUERY_ROWS = 500
/** Rows a page of the data browser holds at most. */
export const MAX_PAGE_SIZE = 200

/** A table is not in the pipeline's schemas. */
export class UnknownTableError extends Error {
  override name = 'UnknownTableError'
}

/** Destination, dataset, state and the last run. */
export function overview(pipeline: Pipeline) {
  const state = pipeline.state
  return {
    pipelineName: pipeline.pipelineName,
    destination: state.destination_name ?? null,
    datasetName: pipeline.datasetName,
    workingDir: pipeline.workingDir,
    stateVersion: state._state_version,
    lastLoadId: state._local._last_load_id ?? null,
    defaultSchema: state.default_schema_name ?? null,
    schemaNames: Object.keys(pipeline.schemas),
    pending: pipeline.pendingPackages(),
    lastTrace: pipeline.lastTrace ?? null,
  }
}

/** Every schema with its tables: columns, types, hints, parent and children. */
export function schemas(pipeline: Pipeline) {
  return Object.values(pipeline.schemas).map((schema) => ({
    name: schema.name,
    version: schema.version,
    tables: Object.values(schema.tables).map((table) => ({
      name: table.name,
      parent: table.parent ?? null,
      children: Object.values(schema.tables)
        .filter((child) => child.parent === table.name)
        .map((child) => child.name),
      writeDisposition: table.write_disposition ?? null,
      resource: table.resource ?? null,
      description: table.description ?? null,
      isDlt: table.name.startsWith('_dlt_'),
      columns: Object.values(table.columns).map(({ name, data_type, nullable, ...hints }) => ({
        name,
        dataType: data_type ?? null,
        nullable: nullable ?? true,
        hints: Object.fromEntries(Object.entries(hints).filter(([, value]) => value !== false)),
      })),
    })),
  }))
}

/** A page of rows of `table`, with the total count. */
export async function tableRows(pipeline: Pipeline, table: string, offset: number, limit: number) {
  const schema = schemaOf(pipeline, table)
  if (!schema) {
    throw new UnknownTableError(
      `Table "${table}" is not in the schemas of pipeline "${pipeline.pipelineName}".`,
    )
  }
  assertDatasetReachable(pipeline)
  const quoted = quoteName(table)
  const columns = Object.keys(schema.tables[table]?.columns ?? {})
  const order = pagingOrder(Object.values(schema.tables[table]?.columns ?? {}))
  const size = Math.min(Math.max(limit, 1), MAX_PAGE_SIZE)
  const dataset = pipeline.dataset()
  const [counted] = await dataset.query(`select count(*) as n from ${quoted}`)
  const rows = await dataset.query(
    `select * from ${quoted}${order} limit ${size} offset ${Math.max(offset, 0)}`,
  )
  return {
    table,
    columns,
    offset: Math.max(offset, 0),
    limit: size,
    total: Number(counted?.['n'] ?? 0),
    rows,
  }
}

/** Runs a read-only query (see `readOnlyQuery`). */
export async function runQuery(pipeline: Pipeline, sql: string) {
  assertDatasetReachable(pipeline)
  const rows = await pipeline.dataset().query(readOnlyQuery(sql, MAX_QUERY_ROWS + 1))
  return {
    columns: rows[0] ? Object.keys(rows[0]) : [],
    rows: rows.slice(0, MAX_QUERY_ROWS),
    truncated: rows.length > MAX_QUERY_ROWS,
  }
}

/** The rows of `_dlt_loads`, newest first. */
export async function loads(pipeline: Pipeline): Promise<DatasetRow[]> {
  assertDatasetReachable(pipeline)
  const tables = await pipeline.dataset().tables()
  if (!tables.includes('_dlt_loads')) return []
  return pipeline
    .dataset()
    .query('select * from _dlt_loads order by inserted_at desc, load_id desc limit 200')
}

/**
 * The newest `limit` loads of `_dlt_loads`, each with the rows per root table that carry its
 * load id in the dataset now (rows a later merge replaced are no longer counted).
 */
export async function recentLoads(pipeline: Pipeline, limit = 5) {
  const rows = (await loads(pipeline)).slice(0, limit)
  const ids = rows.map((row) => String(row['load_id']))
  const counts = new Map<string, Record<string, number>>(ids.map((id) => [id, {}]))
  const existing = new Set(await pipeline.dataset().tables())
  const roots = Object.values(pipeline.schemas).flatMap((schema) =>
    Object.values(schema.tables).filter(
      (table) =>
        !table.parent &&
        !table.name.startsWith('_dlt_') &&
        '_dlt_load_id' in table.columns &&
        existing.has(table.name),
    ),
  )
  if (ids.length && roots.length) {
    const idList = ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ')
    const sql = roots
      .map(
        (table) =>
          `select _dlt_load_id as load_id, '${table.name.replace(/'/g, "''")}' as table_name, ` +
          `count(*) as n from ${quoteName(table.name)} where _dlt_load_id in (${idList}) group by _dlt_load_id`,
      )
      .join(' union all ')
    for (const row of await pipeline.dataset().query(sql)) {
      const forLoad = counts.get(String(row['load_id']))
      if (forLoad) forLoad[String(row['table_name'])] = Number(row['n'])
    }
  }
  return rows.map((row) => ({ ...row, rowCounts: counts.get(String(row['load_id'])) ?? {} }))
}

/** Packages of the working directory and the jobs the last run failed on. */
export function packages(pipeline: Pipeline) {
  const pending = new Set([
    ...pipeline.pendingPackages().extracted,
    ...pipeline.pendingPackages().normalized,
  ])
  return {
    packages: listPackages(pipeline.workingDir)
      .reverse()
      .map((pkg) => ({ ...pkg, pending: pending.has(pkg.loadId) })),
    failedJobs: failedJobs(pipeline.lastTrace).map((job) => ({
      ...job,
      pending: job.loadId !== undefined && pending.has(job.loadId),
    })),
  }
}

/**
 * A stable order for paging: the primary key, else a nested table's parent and list index, else
 * the load; dlt's row id breaks ties.
 */
function pagingOrder(columns: readonly { name: string; primary_key?: boolean }[]): string {
  const names = columns.map((column) => column.name)
  const keys = columns.filter((column) => column.primary_key).map((column) => column.name)
  const order = keys.length
    ? keys
    : ['_dlt_parent_id', '_dlt_list_idx', '_dlt_load_id'].filter((name) => names.includes(name))
  if (names.includes('_dlt_id') && !keys.length) order.push('_dlt_id')
  return order.length ? ` order by ${order.map(quoteName).join(', ')}` : ''
}

function schemaOf(pipeline: Pipeline, table: string): StoredSchema | undefined {
  return Object.values(pipeline.schemas).find((schema) => Object.hasOwn(schema.tables, table))
}

/** A double-quoted SQL identifier (DuckDB, PostgreSQL and the filesystem dataset). */
function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
