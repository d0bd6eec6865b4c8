/**
 * @module Test helpers for destination clients: temp dirs, hand-built schemas with dlt's system
 * columns, JSON-lines files written with the loader's own encoding, and `loadTables`, which drives
 * a client through one package exactly in the loader's order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DestinationClient, SchemaMigration } from '../../../src/destinations/destination.js'
import { Schema } from '../../../src/schema/schema.js'
import type {
  ColumnSchema,
  MergeStrategy,
  TableSchema,
  WriteDisposition,
} from '../../../src/schema/schema-types.js'
import { encodeRow } from '../../../src/storage/writers/encode-row.js'

/** A temporary directory; `cleanup()` removes it. */
export interface TempDir {
  readonly dir: string
  path(name: string): string
  cleanup(): void
}

/** Creates a fresh temporary directory. */
export function createTempDir(prefix = 'dlt-ts-dest-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

type Columns = Record<string, Omit<ColumnSchema, 'name'>>

function withNames(columns: Columns): Record<string, ColumnSchema> {
  return Object.fromEntries(Object.entries(columns).map(([name, c]) => [name, { name, ...c }]))
}

/** A root table with dlt's `_dlt_load_id` and `_dlt_id` after the data columns. */
export function rootTable(
  name: string,
  columns: Columns,
  hints: {
    writeDisposition?: WriteDisposition
    strategy?: MergeStrategy
    extra?: Partial<TableSchema>
  } = {},
): TableSchema {
  return {
    name,
    columns: withNames({
      ...columns,
      _dlt_load_id: { data_type: 'text', nullable: false },
      // dlt: in scd2 roots `_dlt_id` is the row hash (`x-row-version`) and loses `unique`.
      _dlt_id:
        hints.strategy === 'scd2'
          ? { data_type: 'text', nullable: false, row_key: true, 'x-row-version': true }
          : { data_type: 'text', nullable: false, unique: true, row_key: true },
      ...(hints.strategy === 'scd2'
        ? {
            _dlt_valid_from: { data_type: 'timestamp', nullable: true, 'x-valid-from': true },
            _dlt_valid_to: { data_type: 'timestamp', nullable: true, 'x-valid-to': true },
          }
        : {}),
    }),
    write_disposition: hints.writeDisposition ?? 'append',
    ...(hints.strategy ? { 'x-merge-strategy': hints.strategy } : {}),
    ...hints.extra,
  }
}

/** A nested table of `parent` with dlt's nested system columns. */
export function nestedTable(name: string, parent: string, columns: Columns): TableSchema {
  return {
    name,
    parent,
    columns: withNames({
      ...columns,
      _dlt_root_id: { data_type: 'text', nullable: false, root_key: true },
      _dlt_parent_id: { data_type: 'text', nullable: false, parent_key: true },
      _dlt_list_idx: { data_type: 'bigint', nullable: false },
      _dlt_id: { data_type: 'text', nullable: false, unique: true, row_key: true },
    }),
  }
}

/** A schema named `name` holding `tables`, with a version hash unique to its content. */
export function createSchema(name: string, tables: readonly TableSchema[], version = 1): Schema {
  const schema = new Schema(name)
  for (const table of tables) schema.updateTable(table)
  const stored = schema.toStored()
  stored.version = version
  stored.version_hash = `hash-${name}-${version}-${tables.map((t) => Object.keys(t.columns).length).join('.')}`
  return Schema.fromStored(stored)
}

/** Writes `rows` as a JSON-lines loader file, encoded as the loader writes them. */
export function writeJsonl(
  dir: string,
  fileName: string,
  rows: readonly Record<string, unknown>[],
): string {
  const path = join(dir, fileName)
  writeFileSync(path, rows.map((row) => `${encodeRow(row)}\n`).join(''))
  return path
}

/** One package to load: rows per table, and the tables' dispositions from the schema. */
export interface PackageInput {
  readonly loadId: string
  readonly rows: Readonly<Record<string, readonly Record<string, unknown>[]>>
  /** Abort before commit and roll back (to test that nothing is left). */
  readonly failBeforeCommit?: boolean
}

/** The write disposition of `tableName`'s root. */
function dispositionOf(schema: Schema, tableName: string): WriteDisposition {
  return schema.getRootTable(tableName).write_disposition ?? 'append'
}

/**
 * Loads `input` through `client` in the loader's order: initialize, begin, migrate (merge roots'
 * chains also to staging), truncate replace tables and staging, one job per table, the merge
 * follow-ups, `_dlt_loads`, commit.
 */
export async function loadTables(
  client: DestinationClient,
  schema: Schema,
  dir: string,
  input: PackageInput,
): Promise<SchemaMigration> {
  const roots = [...new Set(Object.keys(input.rows).map((t) => schema.getRootTable(t).name))]
  const chains = roots.map((root) => schema.getTableChain(root))
  const tables = chains.flat().map((t) => t.name)
  const mergeChains = chains.filter((chain) => dispositionOf(schema, chain[0]!.name) === 'merge')
  const staging = mergeChains.flat().map((t) => t.name)
  const replace = chains
    .filter((chain) => dispositionOf(schema, chain[0]!.name) === 'replace')
    .flat()
    .map((t) => t.name)
  await client.initializeStorage()
  await client.beginTransaction()
  try {
    const migration = await client.updateStoredSchema(schema, tables, staging)
    if (replace.length) await client.truncateTables(replace)
    if (staging.length) await client.truncateTables(staging, true)
    for (const [tableName, rows] of Object.entries(input.rows)) {
      const fileName = `${tableName}.${input.loadId.replace('.', '')}.0.jsonl`
      const writeDisposition = dispositionOf(schema, tableName)
      await client.runJob({
        loadId: input.loadId,
        fileName,
        filePath: writeJsonl(dir, fileName, rows),
        fileFormat: 'jsonl',
        table: schema.getTable(tableName)!,
        writeDisposition,
        toStaging: writeDisposition === 'merge',
      })
    }
    for (const chain of mergeChains) {
      const strategy = chain[0]!['x-merge-strategy'] ?? 'delete-insert'
      await client.runFollowUp({ loadId: input.loadId, tableChain: chain, strategy })
    }
    if (input.failBeforeCommit) throw new Error('simulated failure')
    await client.completeLoad(input.loadId, schema)
    await client.commitTransaction()
    return migration
  } catch (error) {
    await client.rollbackTransaction()
    throw error
  }
}
