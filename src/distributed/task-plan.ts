/**
 * @module How a distributed run splits a source into tasks: one task per selected root resource,
 * together with the selected transformers that read from it (a transformer needs its parent's
 * items, so they are extracted in one process) — and one such task per partition when the root
 * resource declares `partitions` (listed here, by the submitter). Tasks are numbered in the
 * source's order.
 */
import type { AnyResource } from '../extract/resource.js'
import type { Source } from '../extract/source.js'

/** One task: the resources one worker extracts and normalizes into one package. */
export interface TaskSpec {
  /** Names the task's folders: `t000`, `t001`, … in planning order. */
  readonly key: string
  /** The selected resources of the task (a root resource and/or its transformers). */
  readonly resources: readonly string[]
  /** The partition of the root resource `resource` the task extracts (one its `list()` gave). */
  readonly partition?: TaskPartition
}

/** A partition of a task's root resource. */
export interface TaskPartition {
  /** The root resource declaring the partitions. */
  readonly resource: string
  /** The partition, as `partitions.list()` gave it (JSON). */
  readonly value: unknown
}

/** The tasks of `source`'s selected resources, listing the partitions of those that declare them. */
export async function planTasks(source: Source): Promise<TaskSpec[]> {
  const groups = new Map<string, { root: AnyResource; resources: string[] }>()
  for (const resource of source.selectedResources) {
    const root = rootOf(resource)
    const group = groups.get(root.name)
    if (group) group.resources.push(resource.name)
    else groups.set(root.name, { root, resources: [resource.name] })
  }
  const tasks: Omit<TaskSpec, 'key'>[] = []
  for (const { root, resources } of groups.values()) {
    const partitions = root.partitions ? await listPartitions(root) : []
    // no partitions (or none listed): the resource runs whole, as in one process
    if (!partitions.length) tasks.push({ resources })
    for (const value of partitions) {
      tasks.push({ resources, partition: { resource: root.name, value } })
    }
  }
  return tasks.map((task, index) => ({ key: `t${String(index).padStart(3, '0')}`, ...task }))
}

async function listPartitions(root: AnyResource): Promise<readonly unknown[]> {
  const listed: unknown = await root.partitions?.list()
  if (!Array.isArray(listed)) {
    throw new TypeError(
      `The partitions of resource "${root.name}": \`list()\` must return an array of partitions, got ${typeof listed}`,
    )
  }
  // they travel to the workers as JSON: what does not survive it would reach them changed
  return JSON.parse(JSON.stringify(listed)) as unknown[]
}

function rootOf(resource: AnyResource): AnyResource {
  let current = resource
  while (current.parent) current = current.parent
  return current
}
