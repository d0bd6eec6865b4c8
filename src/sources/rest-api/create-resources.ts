/**
 * @module Resources from a validated plan: a `dlt.resource` per root endpoint, paging through it,
 * and a `dlt.transformer` per child endpoint, which receives its parent's pages and requests once
 * per parent record, concurrently within `concurrency`.
 */

import type { IncrementalContext } from '../../extract/incremental/index.js'
import { incremental as createIncremental } from '../../extract/incremental/index.js'
import type { AnyResource, ResourceOptions } from '../../extract/resource.js'
import { resource as createResource, transformer } from '../../extract/resource.js'
import type { Auth, PaginateOptions, RESTClient } from '../rest-client/index.js'
import { buildRequest, parentFields } from './build-request.js'
import type { AuthResolveOptions } from './create-auth.js'
import { createAuth } from './create-auth.js'
import { createPaginatorFactory, type PaginatorFactory } from './create-paginator.js'
import type { ResourcePlan } from './plan-resources.js'
import { toResourceOptions } from './resource-hints.js'
import { Limiter, runPooled } from './run-pooled.js'

/** What every resource of a source shares. */
export interface ResourceFactoryContext {
  readonly client: RESTClient
  readonly auth: AuthResolveOptions
}

/** The resources of `plans` (parents first), in the order of the config. */
export function createResources(
  plans: readonly ResourcePlan[],
  context: ResourceFactoryContext,
): AnyResource[] {
  const created = new Map<string, AnyResource>()
  for (const plan of plans) {
    const parent = plan.parent === undefined ? undefined : created.get(plan.parent)
    created.set(
      plan.name,
      parent ? childResource(plan, parent, context) : rootResource(plan, context),
    )
  }
  return [...plans]
    .sort((a, b) => indexOf(a) - indexOf(b))
    .map((plan) => applyProcessingSteps(plan, created.get(plan.name) as AnyResource))
}

function indexOf(plan: ResourcePlan): number {
  return Number(/\d+/.exec(plan.path)?.[0] ?? 0)
}

/** The `paginate()` options an endpoint fixes, whatever the record. */
function paginateOptions(plan: ResourcePlan, context: ResourceFactoryContext) {
  const { endpoint } = plan.resource
  const auth: Auth | undefined = createAuth(endpoint.auth ?? undefined, context.auth)
  const paginator: PaginatorFactory = createPaginatorFactory(
    endpoint.paginator ?? undefined,
    `${plan.path}.endpoint.paginator`,
  )
  return (signal?: AbortSignal): PaginateOptions => {
    const page = paginator()
    return {
      method: endpoint.method ?? 'GET',
      ...(page === undefined ? {} : { paginator: page }),
      ...(endpoint.dataSelector ? { dataSelector: endpoint.dataSelector } : {}),
      ...(endpoint.responseActions ? { responseActions: endpoint.responseActions } : {}),
      ...(auth === undefined ? {} : { auth }),
      ...(signal === undefined ? {} : { signal }),
    }
  }
}

function resourceOptions(plan: ResourcePlan): ResourceOptions {
  const options = toResourceOptions(plan.resource)
  if (!plan.incremental) return options
  const { convert: _convert, ...args } = plan.incremental.args
  return { ...options, incremental: createIncremental(args) }
}

function rootResource(plan: ResourcePlan, context: ResourceFactoryContext): AnyResource {
  const options = paginateOptions(plan, context)
  const { client } = context
  return createResource(async function* ({ incremental }) {
    const request = buildRequest(plan.resource.endpoint, requestValues(plan, incremental))
    yield* client.paginate(request.path, withRequest(options(), request))
  }, resourceOptions(plan))
}

function childResource(
  plan: ResourcePlan,
  parent: AnyResource,
  context: ResourceFactoryContext,
): AnyResource {
  const options = paginateOptions(plan, context)
  const { client } = context
  const concurrency = plan.resource.concurrency ?? 5
  const limiter = new Limiter(concurrency)
  const include = plan.resource.includeFromParent ?? []
  const parentName = plan.parent as string
  const fetchFor = async (
    record: unknown,
    cursor: IncrementalContext | undefined,
    signal: AbortSignal,
  ) => {
    const values = { ...requestValues(plan, cursor), record }
    const request = buildRequest(plan.resource.endpoint, values)
    const extra = parentFields(plan.name, parentName, include, record)
    const rows: unknown[] = []
    for await (const page of client.paginate(request.path, withRequest(options(signal), request))) {
      for (const row of page) rows.push(isObject(row) ? { ...row, ...extra } : row)
    }
    return rows
  }
  return transformer(
    async function* (input: unknown, { incremental }) {
      const records = Array.isArray(input) ? input : [input]
      yield* runPooled(records, limiter, (record, signal) => fetchFor(record, incremental, signal))
    },
    { ...resourceOptions(plan), dataFrom: parent, concurrency },
  )
}

function requestValues(plan: ResourcePlan, cursor: IncrementalContext | undefined) {
  return {
    resourceName: plan.name,
    bindings: plan.bindings,
    incremental: plan.incremental,
    cursor,
  }
}

function withRequest(
  options: PaginateOptions,
  request: ReturnType<typeof buildRequest>,
): PaginateOptions {
  return {
    ...options,
    params: request.params,
    ...(request.json === undefined ? {} : { json: request.json }),
    ...(request.headers === undefined ? {} : { headers: request.headers }),
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function applyProcessingSteps(plan: ResourcePlan, created: AnyResource): AnyResource {
  let result = created
  for (const step of plan.resource.processingSteps ?? []) {
    if ('filter' in step) result = result.addFilter(step.filter)
    if ('map' in step) result = result.addMap(step.map)
  }
  return result
}
