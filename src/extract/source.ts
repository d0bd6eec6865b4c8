/**
 * @module Sources: a named group of resources with its own schema (named after the source) and
 * defaults for its resources — dlt's `@dlt.source`. Immutable: selecting resources or changing one
 * returns a new source.
 */
import type { SchemaContract } from '../schema/schema-types.js'
import { createNameMap, ownValue } from '../util/own-property.js'
import type { AnyResource } from './resource.js'
import { isResource } from './resource.js'

/** Options of `dlt.source()`. */
export interface SourceOptions {
  /** The source's name: its schema's name and its key in the state. @default the function's name */
  readonly name?: string
  /** The contract of every resource that sets none. @default 'evolve' */
  readonly schemaContract?: SchemaContract
  /** The nesting limit of every resource that sets none. */
  readonly maxTableNesting?: number
  /** Propagate the root row's `_dlt_id` to every nested row as `_dlt_root_id`. @default false */
  readonly rootKey?: boolean
}

/** A source: create it with `dlt.source()`. */
export interface Source {
  readonly kind: 'source'
  readonly name: string
  readonly options: Readonly<SourceOptions>
  /** All resources, by name (selected or not). */
  readonly resources: Readonly<Record<string, AnyResource>>
  /** The resources a run loads. */
  readonly selectedResources: readonly AnyResource[]
  /** A source that loads only the named resources (the others stay available to transformers). */
  withResources(...names: string[]): Source
  /** A source in which resource `name` is replaced by `fn(resource)`. */
  updateResource(name: string, fn: (resource: AnyResource) => AnyResource): Source
}

class SourceImpl implements Source {
  readonly kind = 'source'
  readonly name: string
  readonly options: Readonly<SourceOptions>
  readonly resources: Readonly<Record<string, AnyResource>>

  constructor(name: string, options: SourceOptions, resources: Record<string, AnyResource>) {
    this.name = name
    this.options = Object.freeze({ ...options })
    // no prototype: a resource may be called `constructor`, `toString` or `__proto__`
    this.resources = Object.freeze(Object.assign(createNameMap<AnyResource>(), resources))
  }

  get selectedResources(): readonly AnyResource[] {
    return Object.values(this.resources).filter((resource) => resource.selected)
  }

  withResources(...names: string[]): Source {
    for (const name of names) this.#require(name, 'withResources')
    const selected = new Set(names)
    const resources = createNameMap<AnyResource>()
    for (const [name, resource] of Object.entries(this.resources)) {
      resources[name] = resource.withSelected(selected.has(name))
    }
    return new SourceImpl(this.name, this.options, resources)
  }

  updateResource(name: string, fn: (resource: AnyResource) => AnyResource): Source {
    const updated = fn(this.#require(name, 'updateResource'))
    if (!isResource(updated)) {
      throw new TypeError(`updateResource("${name}"): the function must return a resource`)
    }
    const resources = Object.assign(createNameMap<AnyResource>(), this.resources)
    delete resources[name]
    resources[updated.name] = updated
    return new SourceImpl(this.name, this.options, resources)
  }

  #require(name: string, where: string): AnyResource {
    const resource = ownValue(this.resources, name)
    if (!resource) {
      throw new TypeError(
        `${where}: source "${this.name}" has no resource "${name}"; it has ${Object.keys(this.resources).join(', ') || 'none'}`,
      )
    }
    return resource
  }
}

/**
 * Creates a source from a function returning its resources (a list or an object of them).
 * Parametrised sources are plain closures.
 *
 * ```ts
 * const github = (repo: string) =>
 *   dlt.source(() => [issues(repo), pulls(repo)], { name: 'github', maxTableNesting: 2 })
 * await pipeline.run(github('dlt-hub/dlt').withResources('issues'))
 * ```
 */
export function source(
  fn: () => readonly AnyResource[] | Readonly<Record<string, AnyResource>>,
  options: SourceOptions = {},
): Source {
  if (typeof fn !== 'function') {
    throw new TypeError('dlt.source: the first argument must be a function returning resources')
  }
  const name = options.name ?? (fn.name || undefined)
  if (!name) throw new TypeError('dlt.source: give the source a `name` (or use a named function)')
  const produced = fn()
  const list = Array.isArray(produced) ? produced : Object.values(produced ?? {})
  const resources = createNameMap<AnyResource>()
  for (const resource of list as AnyResource[]) {
    if (!isResource(resource)) {
      throw new TypeError(
        `dlt.source "${name}": the function must return resources (dlt.resource())`,
      )
    }
    if (resources[resource.name]) {
      throw new TypeError(`dlt.source "${name}": two resources are named "${resource.name}"`)
    }
    resources[resource.name] = resource
  }
  return new SourceImpl(name, options, resources)
}

/** True if `value` is a source. */
export function isSource(value: unknown): value is Source {
  return value instanceof SourceImpl
}
