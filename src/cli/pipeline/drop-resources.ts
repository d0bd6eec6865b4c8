/**
 * @module `dlt-ts pipeline <name> drop <resource…>`: drops the tables of resources (nested tables
 * too) at the destination and from the schema, and wipes the resources' state — dlt's
 * `pipeline drop`. Done with the public API: a run of empty resources of the same names with
 * `refresh: 'drop_resources'`, so the drop happens in a load's transaction like any refresh.
 */
import type { LoadInfo, Pipeline, StoredSchema } from '../../index.js'
import * as dlt from '../../index.js'
import { ResourceNotFoundError } from '../cli-errors.js'
import { dataTables } from './format-info.js'

/** The resources of a schema with their tables (root and nested). */
export function resourceTables(schema: StoredSchema): Map<string, string[]> {
  const tables = dataTables(schema)
  const rootOf = (name: string): string => {
    let table = schema.tables[name]
    while (table?.parent) table = schema.tables[table.parent]
    return table?.resource ?? table?.name ?? name
  }
  const resources = new Map<string, string[]>()
  for (const table of tables) {
    const resource = rootOf(table.name)
    resources.set(resource, [...(resources.get(resource) ?? []), table.name])
  }
  return resources
}

/** Checks that every name is a resource of `schema`; returns the tables that will be dropped. */
export function planDrop(
  pipeline: Pipeline,
  schema: StoredSchema,
  names: readonly string[],
): string[] {
  const resources = resourceTables(schema)
  const unknown = names.filter((name) => !resources.has(name))
  if (unknown.length) {
    throw new ResourceNotFoundError(pipeline.pipelineName, schema.name, unknown, [
      ...resources.keys(),
    ])
  }
  return names.flatMap((name) => resources.get(name) ?? [])
}

/** Drops the resources `names` of `schema`'s source. */
export async function dropResources(
  pipeline: Pipeline,
  schema: StoredSchema,
  names: readonly string[],
): Promise<LoadInfo> {
  // no items: the run only carries the drop and the wiped state
  const empty = names.map((name) =>
    dlt.resource<Record<string, unknown>>(function* () {}, { name }),
  )
  const source = dlt.source(() => empty, { name: schema.name })
  return pipeline.run(source, { refresh: 'drop_resources' })
}
