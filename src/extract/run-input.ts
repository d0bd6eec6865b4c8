/**
 * @module What `pipeline.run()` accepts — plain data, a resource, a list of resources or a source —
 * turned into one extract group, with the schema and state section it belongs to.
 */
import type { TableHints } from '../schema/hints.js'
import { createNameMap } from '../util/own-property.js'
import type { DataInput } from './data-items.js'
import type { ExtractGroup } from './extractor.js'
import type { AnyResource, ResourceHints } from './resource.js'
import { isResource, resource, withItemSchema } from './resource.js'
import type { Source, SourceOptions } from './source.js'
import { isSource } from './source.js'
import { isStandardSchema, type StandardSchemaV1 } from './standard-schema/standard-schema.js'

/** Anything `pipeline.run()` and `pipeline.extract()` can load. */
export type RunInput = DataInput | AnyResource | readonly AnyResource[] | Source

/** An extract group plus where its schema and state live. */
export interface PlannedExtract {
  readonly group: ExtractGroup
  /** The schema the group's tables go to, and the state section of its resources. */
  readonly sourceName: string | undefined
  readonly sourceOptions: SourceOptions
  readonly runHints: ResourceHints
}

/** Options of `run()` that apply to what is run: table hints plus `tableName`. */
export interface RunHints extends Omit<TableHints, 'columns'> {
  readonly tableName?: string
  /**
   * Column hints for every resource run, or a Standard Schema (zod, valibot, arktype, …) that
   * gives the columns and validates every item (see `ResourceOptions.columns`).
   */
  readonly columns?: TableHints['columns'] | StandardSchemaV1
}

/**
 * Plans the extract of `data`. `sourceName` is undefined for loose resources and plain data (they
 * go to the pipeline's default schema).
 */
export function planRunInput(
  data: RunInput,
  options: RunHints,
  pipelineName: string,
): PlannedExtract {
  const { columns, ...rest } = options
  const itemSchema = isStandardSchema(columns) ? columns : undefined
  const runHints: ResourceHints = itemSchema ? rest : (options as ResourceHints)
  if (isSource(data)) {
    if (itemSchema) {
      throw new TypeError(
        `run(): a schema as \`columns\` cannot apply to source "${data.name}"; give it to its ` +
          'resources: dlt.resource(fn, { columns: schema })',
      )
    }
    rejectTableName(options, data.selectedResources.length, `source "${data.name}"`)
    const { schemaContract, maxTableNesting } = data.options
    return {
      group: {
        available: data.resources,
        selected: data.selectedResources,
        defaults: withoutUndefined({ schemaContract, maxTableNesting }),
      },
      sourceName: data.name,
      sourceOptions: data.options,
      runHints,
    }
  }
  const resources = asResources(data, options, pipelineName).map((item) =>
    itemSchema ? withItemSchema(item, itemSchema, options.schemaContract) : item,
  )
  rejectTableName(options, resources.length, 'a list of resources')
  const available = createNameMap<AnyResource>()
  for (const item of resources) {
    if (available[item.name]) {
      throw new TypeError(
        `run(): two resources are named "${item.name}"; rename one with withName()`,
      )
    }
    available[item.name] = item
  }
  return {
    group: { available, selected: resources.filter((r) => r.selected), defaults: {} },
    sourceName: undefined,
    sourceOptions: {},
    runHints,
  }
}

function asResources(
  data: RunInput,
  options: RunHints,
  pipelineName: string,
): readonly AnyResource[] {
  if (isResource(data)) return [data]
  if (Array.isArray(data) && data.length > 0 && data.every(isResource)) return data
  const name = options.tableName ?? (typeof data === 'function' ? data.name : '')
  if (!name) {
    throw new TypeError(
      `Pipeline "${pipelineName}": pass the \`tableName\` option to run() (e.g. run(items, { tableName: "events" })); ` +
        'only named generator functions and resources carry a table name of their own',
    )
  }
  const input = data as DataInput
  const produce = typeof input === 'function' ? input : () => input
  return [resource(produce as () => Iterable<unknown>, { name })]
}

function rejectTableName(options: RunHints, count: number, what: string): void {
  if (options.tableName !== undefined && count > 1) {
    throw new TypeError(
      `run(): the \`tableName\` option cannot apply to ${what} with ${count} resources; ` +
        'set `tableName` on each resource instead',
    )
  }
}

function withoutUndefined(value: Record<string, unknown>): TableHints {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as TableHints
}
