/**
 * @module How a distributed run splits a source into tasks: one task per selected root resource,
 * together with the selected transformers that read from it (a transformer needs its parent's
 * items, so they are extracted in one process). Tasks are numbered in the source's order.
 */
import type { AnyResource } from '../extract/resource.js'
import type { Source } from '../extract/source.js'

/** One task: the resources one worker extracts and normalizes into one package. */
export interface TaskSpec {
  /** Names the task's folders: `t000`, `t001`, … in planning order. */
  readonly key: string
  /** The selected resources of the task (a root resource and/or its transformers). */
  readonly resources: readonly string[]
}

/** The tasks of `source`'s selected resources. */
export function planTasks(source: Source): TaskSpec[] {
  const groups = new Map<string, string[]>()
  for (const resource of source.selectedResources) {
    const root = rootOf(resource).name
    const group = groups.get(root)
    if (group) group.push(resource.name)
    else groups.set(root, [resource.name])
  }
  return [...groups.values()].map((resources, index) => ({
    key: `t${String(index).padStart(3, '0')}`,
    resources,
  }))
}

function rootOf(resource: AnyResource): AnyResource {
  let current = resource
  while (current.parent) current = current.parent
  return current
}
