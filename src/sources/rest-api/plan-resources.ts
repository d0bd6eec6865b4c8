/**
 * @module The plan of a REST API source: every resource normalized, merged with the defaults and
 * bound, checked against the others (parents that exist, one parent each, no cycles) and ordered
 * parents first. Every problem is collected with its path in the config.
 */

import {
  type BoundEndpoint,
  bindEndpoint,
  type IncrementalBinding,
  type ParentBinding,
} from './bind-endpoint.js'
import type { ConfigIssue } from './config-shape/validate-shape.js'
import { joinPath } from './config-shape/validate-shape.js'
import { mergeResourceDefaults, type NormalizedResource } from './merge-resource-defaults.js'
import type { RestApiConfig } from './rest-api-config.js'

/** One resource, ready to be created. */
export interface ResourcePlan {
  readonly name: string
  /** Where the resource is in the config: `resources[2]`. */
  readonly path: string
  /** The merged resource, its endpoint bound (static path params filled, bound params removed). */
  readonly resource: NormalizedResource
  /** The parent resource, for child resources. */
  readonly parent: string | undefined
  readonly bindings: readonly ParentBinding[]
  readonly incremental: IncrementalBinding | undefined
}

/** Plans every resource of `config` (already shape-checked), parents first. */
export function planResources(config: RestApiConfig): {
  plans: ResourcePlan[]
  issues: ConfigIssue[]
} {
  const issues: ConfigIssue[] = []
  const byName = new Map<string, ResourcePlan>()
  config.resources.forEach((entry, index) => {
    const path = joinPath('resources', index)
    const merged = mergeResourceDefaults(entry, config.resourceDefaults)
    if (byName.has(merged.name)) {
      issues.push({ path, message: `defines resource "${merged.name}" a second time` })
      return
    }
    const bound = bindEndpoint(merged.endpoint, path, issues)
    byName.set(merged.name, planOf(merged, path, bound, issues))
  })
  for (const plan of byName.values()) checkParent(plan, byName, issues)
  return { plans: orderParentsFirst([...byName.values()], issues), issues }
}

function planOf(
  merged: NormalizedResource,
  path: string,
  bound: BoundEndpoint,
  issues: ConfigIssue[],
): ResourcePlan {
  const parents = [...new Set(bound.bindings.map((b) => b.resource))]
  if (parents.length > 1) {
    issues.push({
      path: joinPath(path, 'endpoint'),
      message: `refers to several parent resources (${parents.join(', ')}); a resource has at most one parent`,
    })
  }
  const parent = parents[0]
  if (parent === undefined && merged.includeFromParent?.length) {
    issues.push({
      path: joinPath(path, 'includeFromParent'),
      message:
        'is set but the resource has no parent: refer to one with {resources.<parent>.<field>}',
    })
  }
  const endpoint = singleEntity(bound.endpoint)
  return {
    name: merged.name,
    path,
    resource: { ...merged, endpoint },
    parent,
    bindings: bound.bindings,
    incremental: bound.incremental,
  }
}

/**
 * dlt: a path ending in a placeholder (`users/{id}`) returns one object, so the whole body is the
 * record and there is one page — unless the endpoint says otherwise.
 */
function singleEntity(endpoint: NormalizedResource['endpoint']): NormalizedResource['endpoint'] {
  const last = endpoint.path.replace(/\/+$/, '').split('/').pop() ?? ''
  if (!/\{[A-Za-z0-9._-]+\}/.test(last.replaceAll('{{', '').replaceAll('}}', ''))) return endpoint
  return {
    ...endpoint,
    dataSelector: endpoint.dataSelector ?? '$',
    paginator: endpoint.paginator ?? 'single_page',
  }
}

function checkParent(
  plan: ResourcePlan,
  byName: Map<string, ResourcePlan>,
  issues: ConfigIssue[],
): void {
  const { parent } = plan
  if (parent === undefined) return
  const at = joinPath(plan.path, 'endpoint')
  if (parent === plan.name) {
    issues.push({ path: at, message: `refers to its own resource "${parent}" as a parent` })
  } else if (!byName.has(parent)) {
    const known = [...byName.keys()].filter((name) => name !== plan.name).join(', ') || 'none'
    issues.push({
      path: at,
      message: `refers to unknown resource "${parent}" (resources: ${known})`,
    })
  }
}

function orderParentsFirst(plans: ResourcePlan[], issues: ConfigIssue[]): ResourcePlan[] {
  const byName = new Map(plans.map((plan) => [plan.name, plan]))
  const ordered: ResourcePlan[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (plan: ResourcePlan, chain: string[]): void => {
    const seen = state.get(plan.name)
    if (seen === 'done') return
    if (seen === 'visiting') {
      issues.push({
        path: plan.path,
        message: `is part of a cycle of parents: ${[...chain, plan.name].join(' → ')}`,
      })
      return
    }
    state.set(plan.name, 'visiting')
    const parent = plan.parent === undefined ? undefined : byName.get(plan.parent)
    if (parent && parent !== plan) visit(parent, [...chain, plan.name])
    state.set(plan.name, 'done')
    ordered.push(plan)
  }
  for (const plan of plans) visit(plan, [])
  return ordered
}
