/**
 * @module Resources: named, configured producers of items — dlt's `@dlt.resource` and
 * `@dlt.transformer` in TypeScript idiom. A resource is immutable: every step (`addMap`,
 * `addLimit`, …) and every change of hints returns a new resource, so configuring a resource for
 * one pipeline never changes it for another.
 */
import type { TableHints } from '../schema/hints.js'
import type { SchemaContract } from '../schema/schema-types.js'
import type { Chunk, ResourceData } from './chunks.js'
import { chunksOf } from './chunks.js'
import type { IncrementalContext, IncrementalSpec } from './incremental/index.js'
import type { MarkedItem, MarkedPage } from './mark.js'
import { unmark } from './mark.js'
import type { ResourcePartitions } from './resource-partitions.js'
import type { ResourceStep } from './resource-steps.js'
import { applySteps } from './resource-steps.js'
import { columnsFromStandardSchema } from './standard-schema/columns-from-schema.js'
import { MODEL_SCHEMA_CONTRACT, validationSteps } from './standard-schema/item-validator.js'
import {
  isStandardSchema,
  type StandardOutput,
  type StandardSchemaLike,
  type StandardSchemaV1,
} from './standard-schema/standard-schema.js'

/** What a resource function receives. */
export interface ResourceContext<V = unknown> {
  /**
   * The resource's incremental cursor (when it has the `incremental` option); its values have the
   * type of the `initialValue` given to `dlt.incremental()`.
   */
  readonly incremental: IncrementalContext<V> | undefined
  /**
   * State of this resource that persists across runs (in the pipeline state, and in
   * `_dlt_pipeline_state` at the destination). Read and write it freely; it is saved when the
   * run's extract succeeds.
   */
  readonly state: Record<string, unknown>
}

/** Items a resource may yield: plain items or items marked with `dlt.mark`. */
export type Yielded<T> = T | MarkedItem<T> | MarkedPage<T>

/**
 * The cursor's type: `V` (from `initialValue` or a type argument), else — when the item type is
 * known before the function, from a schema as `columns` — the item's field at the cursor path.
 */
export type CursorValue<T, V, P extends string> = unknown extends V
  ? P extends keyof T
    ? T[P]
    : unknown
  : V

/** A resource function: returns or yields items (or pages of items), sync or async. */
export type ResourceFunction<T, V = unknown> = (
  context: ResourceContext<V>,
) => ResourceData<Yielded<T>> | Promise<ResourceData<Yielded<T>>>

/** A transformer function: gets one item (or one page) of its parent, returns or yields items. */
export type TransformerFunction<TIn, TOut> = (
  item: TIn,
  context: ResourceContext,
) =>
  | ResourceData<Yielded<TOut>>
  | Promise<ResourceData<Yielded<TOut>> | Yielded<TOut>>
  | Yielded<TOut>

/** Hints of a resource: table hints plus the table name (fixed, or a function of the item). */
export interface ResourceHints<T = unknown> extends TableHints {
  /** The table items go to: a name, or a function of the item. @default the resource's name */
  readonly tableName?: string | ((item: T) => string)
}

/** Options of `dlt.resource()`; `Q` is the type of its partitions (inferred from `partitions.list`). */
export interface ResourceOptions<T = unknown, V = unknown, Q = any>
  extends Omit<ResourceHints<T>, 'columns'> {
  /**
   * The table's columns: column hints by name, or a Standard Schema (zod, valibot, arktype, …)
   * that gives the columns (dlt's rules for Pydantic models) and validates every item under the
   * resource's `schemaContract` — see docs/typing.md.
   */
  readonly columns?: ResourceHints<T>['columns'] | StandardSchemaV1
  /** The resource's name: its default table name and its key in the state. @default the function's name */
  readonly name?: string
  /** Unselected resources are not loaded (a transformer may still read from them). @default true */
  readonly selected?: boolean
  /**
   * Accepted for compatibility with dlt. Async resources always run concurrently (up to
   * `extract.workers`); synchronous generators are interleaved with them, never run in threads.
   * @default false
   */
  readonly parallelized?: boolean
  /** Incremental loading on a cursor: `dlt.incremental({ cursorPath: 'updated_at', … })`. */
  readonly incremental?: IncrementalSpec<T, V>
  /**
   * Parts of the data that extract independently: a distributed run makes a task of each
   * (docs/scale-out.md); a single-process run ignores them.
   */
  readonly partitions?: ResourcePartitions<T, Q>
}

/** What `applyHints` takes: hints, columns as hints or a Standard Schema, an incremental. */
export type AppliedHints<T> = Omit<ResourceHints<T>, 'columns'> & {
  readonly columns?: ResourceHints<T>['columns'] | StandardSchemaV1
  readonly incremental?: IncrementalSpec<T>
}

/** Options of `dlt.transformer()`. */
export interface TransformerOptions<TIn, TOut> extends ResourceOptions<TOut> {
  /**
   * The resource whose items (or, when `TIn` is an array, pages) this transformer receives. Or bind
   * it later: `parent.pipe(t)`.
   */
  readonly dataFrom?: Resource<TIn> | (TIn extends readonly (infer E)[] ? Resource<E> : never)
  /** Transformer calls in flight at once (fan-out of list → detail requests). @default 5 */
  readonly concurrency?: number
}

/**
 * A resource of any item type, what lists of resources hold (`Resource<unknown>` would not accept
 * a `Resource<Issue>`: item types appear in parameter positions).
 */
export type AnyResource = Resource<any>

/** A resource: create it with `dlt.resource()` or `dlt.transformer()`. */
export interface Resource<T = unknown> {
  readonly kind: 'resource'
  readonly name: string
  readonly selected: boolean
  readonly hints: ResourceHints<T>
  readonly incremental: IncrementalSpec<T> | undefined
  /** The resource a transformer reads from; undefined for plain resources. */
  readonly parent: Resource | undefined
  /** True for transformers. */
  readonly isTransformer: boolean
  /** Concurrent transformer calls. */
  readonly concurrency: number
  /** The partitions the resource declares (the `partitions` option). */
  readonly partitions: ResourcePartitions<T, any> | undefined
  /**
   * The resource restricted to one of its `partitions` (a value their `list()` gave): same name,
   * hints, steps and incremental, extracting only that partition.
   */
  withPartition(partition: unknown): Resource<T>
  /** Maps each item (the function may be async). */
  addMap<U>(fn: (item: T) => U | Promise<U>): Resource<U>
  /** Keeps the items for which `fn` is truthy. */
  addFilter(fn: (item: T) => unknown): Resource<T>
  /** Replaces each item with what `fn` returns or yields (zero or more items). */
  addYieldMap<U>(fn: (item: T) => ResourceData<U> | Promise<ResourceData<U>>): Resource<U>
  /**
   * Stops after `max` yields of the resource function (a yielded page counts as one, as in dlt),
   * closing the function's generator.
   */
  addLimit(max: number): Resource<T>
  /** The same resource under another name (and default table name). */
  withName(name: string): Resource<T>
  /**
   * The same resource with these hints merged over its own. A Standard Schema as `columns`
   * validates the items from here on, as given to `dlt.resource()`.
   */
  applyHints(hints: AppliedHints<T>): Resource<T>
  /** The same resource, selected or not. */
  withSelected(selected: boolean): Resource<T>
  /** Feeds this resource's items (or pages) into `transformer`; returns the bound transformer. */
  pipe<U>(transformer: Resource<U>): Resource<U>
  /**
   * @internal The chunks this resource yields, given its context and (for transformers) input;
   * `intake` filters what the function yields before the steps see it (incremental loading).
   */
  chunks(
    context: ResourceContext,
    input?: Chunk,
    intake?: (raw: AsyncIterable<Chunk>) => AsyncIterable<Chunk>,
  ): AsyncIterable<Chunk>
}

interface ResourceProps {
  readonly name: string
  readonly selected: boolean
  readonly hints: ResourceHints<never>
  readonly incremental: IncrementalSpec<never> | undefined
  readonly steps: readonly ResourceStep[]
  readonly produce?: (context: ResourceContext) => unknown
  readonly transform?: (item: unknown, context: ResourceContext) => unknown
  readonly parent: Resource | undefined
  readonly concurrency: number
  readonly partitions?: ResourcePartitions<never, any>
  /**
   * Validation of the items against a Standard Schema, run before the steps from `validationAt`
   * on: the steps added after the schema was given see validated items.
   */
  readonly validation?: readonly ResourceStep[]
  readonly validationAt?: number
}

class ResourceImpl<T> implements Resource<T> {
  readonly kind = 'resource'
  readonly #props: ResourceProps

  constructor(props: ResourceProps) {
    this.#props = Object.freeze(props)
  }

  get name(): string {
    return this.#props.name
  }
  get selected(): boolean {
    return this.#props.selected
  }
  get hints(): ResourceHints<T> {
    return this.#props.hints as ResourceHints<T>
  }
  get incremental(): IncrementalSpec<T> | undefined {
    return this.#props.incremental as IncrementalSpec<T> | undefined
  }
  get parent(): Resource | undefined {
    return this.#props.parent
  }
  get isTransformer(): boolean {
    return this.#props.transform !== undefined
  }
  get concurrency(): number {
    return this.#props.concurrency
  }
  get partitions(): ResourcePartitions<T, any> | undefined {
    return this.#props.partitions as ResourcePartitions<T, any> | undefined
  }
  withPartition(partition: unknown): Resource<T> {
    const { partitions } = this.#props
    if (!partitions) {
      throw new TypeError(`withPartition on resource "${this.name}": it declares no \`partitions\``)
    }
    const { partitions: _all, ...props } = this.#props
    return new ResourceImpl<T>({
      ...props,
      produce: (context) => partitions.extract(partition, context),
    })
  }

  addMap<U>(fn: (item: T) => U | Promise<U>): Resource<U> {
    return this.#withStep({ kind: 'map', fn: fn as (item: never) => unknown })
  }
  addFilter(fn: (item: T) => unknown): Resource<T> {
    return this.#withStep({ kind: 'filter', fn: fn as (item: never) => unknown })
  }
  addYieldMap<U>(fn: (item: T) => ResourceData<U> | Promise<ResourceData<U>>): Resource<U> {
    return this.#withStep({ kind: 'yieldMap', fn: fn as (item: never) => unknown })
  }
  addLimit(max: number): Resource<T> {
    if (!Number.isInteger(max) || max < 0) {
      throw new RangeError(`addLimit on resource "${this.name}": \`max\` must be an integer >= 0`)
    }
    return this.#withStep({ kind: 'limit', max })
  }
  withName(name: string): Resource<T> {
    return new ResourceImpl<T>({ ...this.#props, name: checkName(name, 'withName') })
  }
  applyHints(hints: AppliedHints<T>): Resource<T> {
    const { incremental, columns, ...table } = hints
    const schema = isStandardSchema(columns) ? columns : undefined
    const plainColumns = columns === undefined || schema ? {} : { columns }
    const applied = new ResourceImpl<T>({
      ...this.#props,
      hints: {
        ...this.#props.hints,
        ...(table as ResourceHints<never>),
        ...plainColumns,
      } as ResourceHints<never>,
      incremental: (incremental ?? this.#props.incremental) as IncrementalSpec<never> | undefined,
    })
    return schema ? applied.withItemSchema(schema, applied.hints.schemaContract) : applied
  }
  withSelected(selected: boolean): Resource<T> {
    return new ResourceImpl<T>({ ...this.#props, selected })
  }
  pipe<U>(transformer: Resource<U>): Resource<U> {
    if (!(transformer instanceof ResourceImpl) || !transformer.isTransformer) {
      throw new TypeError(
        `pipe on resource "${this.name}": the argument must be a dlt.transformer()`,
      )
    }
    return transformer.#bind(this as Resource)
  }

  chunks(
    context: ResourceContext,
    input?: Chunk,
    intake?: (raw: AsyncIterable<Chunk>) => AsyncIterable<Chunk>,
  ): AsyncIterable<Chunk> {
    const { produce, transform, steps, name } = this.#props
    let source: AsyncIterable<Chunk>
    if (transform) {
      if (!input)
        throw new TypeError(`Transformer "${name}" has no input: bind it with \`dataFrom\``)
      const argument = input.isPage ? input.items.map(unmark) : unmark(input.items[0])
      source = chunksOf(transform(argument, context), `Transformer "${name}"`)
    } else {
      source = chunksOf(produce!(context), `Resource "${name}"`)
    }
    const { validation, validationAt = 0 } = this.#props
    const all = validation
      ? [...steps.slice(0, validationAt), ...validation, ...steps.slice(validationAt)]
      : steps
    return applySteps(intake ? intake(source) : source, all)
  }

  /**
   * This resource with items validated against `schema` (see `withItemSchema`): the items as the
   * steps added so far leave them; steps added later see validated items.
   */
  withItemSchema(schema: StandardSchemaV1, contract: SchemaContract | undefined): Resource<T> {
    const where = `Resource "${this.name}"`
    const columns = columnsFromStandardSchema(schema, where)
    return new ResourceImpl<T>({
      ...this.#props,
      hints: {
        ...this.#props.hints,
        ...(columns ? { columns } : {}),
        schemaContract: contract ?? MODEL_SCHEMA_CONTRACT,
      },
      validation: validationSteps(schema, contract, this.name),
      validationAt: this.#props.steps.length,
    })
  }

  #withStep<U>(step: ResourceStep): Resource<U> {
    return new ResourceImpl<U>({ ...this.#props, steps: [...this.#props.steps, step] })
  }

  #bind(parent: Resource): Resource<T> {
    return new ResourceImpl<T>({ ...this.#props, parent })
  }
}

function checkName(name: unknown, where: string): string {
  if (typeof name !== 'string' || !name.trim()) {
    throw new TypeError(`${where}: the resource \`name\` must be a non-empty string`)
  }
  return name
}

function splitOptions<T>(
  options: ResourceOptions<T>,
): Omit<ResourceProps, 'produce' | 'transform'> {
  const {
    name: _name,
    selected,
    parallelized: _parallel,
    incremental,
    columns: _schema,
    partitions,
    ...hints
  } = options
  const { dataFrom: _from, concurrency, ...tableHints } = hints as TransformerOptions<unknown, T>
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new RangeError('The `concurrency` option must be an integer >= 1')
  }
  return {
    name: '',
    selected: selected ?? true,
    hints: tableHints as ResourceHints<never>,
    incremental: incremental as IncrementalSpec<never> | undefined,
    steps: [],
    parent: undefined,
    concurrency: concurrency ?? 5,
    ...(partitions ? { partitions: partitions as ResourcePartitions<never, any> } : {}),
  }
}

/**
 * Creates a resource from a function that returns or yields items (or pages of items).
 *
 * ```ts
 * const issues = dlt.resource(
 *   async function* ({ incremental }) {
 *     yield* client.paginate('/issues', { params: { since: incremental?.lastValue } })
 *   },
 *   { name: 'issues', primaryKey: 'id', writeDisposition: 'merge',
 *     incremental: dlt.incremental({ cursorPath: 'updated_at', initialValue: '2024-01-01T00:00:00Z' }) },
 * )
 * ```
 */
export function resource<
  S extends StandardSchemaLike,
  V = unknown,
  P extends string = string,
  Q = any,
>(
  fn: ResourceFunction<unknown, CursorValue<StandardOutput<S>, V, P>>,
  options: Omit<ResourceOptions<StandardOutput<S>, V, Q>, 'columns' | 'incremental'> & {
    readonly columns: S
    readonly incremental?: IncrementalSpec<unknown, V, P>
  },
): Resource<StandardOutput<S>>
export function resource<T, V = unknown, Q = any>(
  fn: ResourceFunction<T, V>,
  options?: ResourceOptions<T, V, Q>,
): Resource<T>
export function resource<T, V, Q>(
  fn: ResourceFunction<T, V>,
  options: ResourceOptions<T, V, Q> = {},
): Resource<T> {
  if (typeof fn !== 'function') {
    throw new TypeError(
      'dlt.resource: the first argument must be a function returning or yielding items',
    )
  }
  const name = checkName(options.name ?? (fn.name || undefined), 'dlt.resource')
  const created = new ResourceImpl<T>({
    ...splitOptions(options),
    name,
    produce: fn as ResourceFunction<T>,
  })
  return withColumns(created, options as ResourceOptions<T>)
}

/**
 * Creates a transformer: a resource that receives each item (or page) of another resource and
 * returns or yields items for its own table, e.g. a detail request per listed id. Calls run
 * concurrently up to `concurrency`.
 *
 * ```ts
 * const details = dlt.transformer(
 *   async (issue: Issue) => client.get(`/issues/${issue.number}`),
 *   { dataFrom: issues, name: 'issue_details' },
 * )
 * ```
 */
export function transformer<TIn, TOut>(
  fn: TransformerFunction<TIn, TOut>,
  options: TransformerOptions<TIn, TOut> = {},
): Resource<TOut> {
  if (typeof fn !== 'function') {
    throw new TypeError('dlt.transformer: the first argument must be a function of an item')
  }
  const name = checkName(options.name ?? (fn.name || undefined), 'dlt.transformer')
  if (options.partitions) {
    throw new TypeError(
      `dlt.transformer "${name}": a transformer cannot declare \`partitions\` (it reads its parent's items); declare them on the parent resource`,
    )
  }
  const created = withColumns(
    new ResourceImpl<TOut>({
      ...splitOptions(options),
      name,
      transform: fn as (item: unknown, context: ResourceContext) => unknown,
    }),
    options,
  )
  return options.dataFrom ? (options.dataFrom as AnyResource).pipe(created) : created
}

/** `created` with the `columns` of `options`: hints, or a Standard Schema validating items. */
function withColumns<T>(created: ResourceImpl<T>, options: ResourceOptions<T>): ResourceImpl<T> {
  const { columns, schemaContract } = options
  if (columns === undefined) return created
  if (isStandardSchema(columns)) {
    return created.withItemSchema(columns, schemaContract) as ResourceImpl<T>
  }
  return created.applyHints({ columns }) as ResourceImpl<T>
}

/**
 * `resource` validating its items against the Standard Schema `schema` under `contract`, after
 * its own steps; the columns come from the schema (`run(data, { columns: zodSchema })`).
 */
export function withItemSchema<T>(
  resource: Resource<T>,
  schema: StandardSchemaV1,
  contract: SchemaContract | undefined,
): Resource<T> {
  if (!(resource instanceof ResourceImpl)) throw new TypeError('withItemSchema: not a resource')
  return resource.withItemSchema(schema, contract)
}

/** True if `value` is a resource (or transformer). */
export function isResource(value: unknown): value is Resource {
  return value instanceof ResourceImpl
}
