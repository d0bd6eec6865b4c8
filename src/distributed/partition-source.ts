/**
 * @module A task's source in a worker: the source with the task's root resource restricted to the
 * task's partition (`resource.withPartition()`). A root that is only the parent of the source's
 * transformers (`filesystem().pipe(readCsv())`) joins the source unselected, so the transformers
 * read from the partition (transformers find their parent by name among the source's resources).
 */
import { TerminalError } from '../errors/dlt-error.js'
import type { AnyResource } from '../extract/resource.js'
import { source as createSource, type Source } from '../extract/source.js'
import { ownValue } from '../util/own-property.js'
import type { TaskPartition } from './task-plan.js'

/** `source` extracting only `partition` of its root resource `partition.resource`. */
export function partitionSource(source: Source, partition: TaskPartition): Source {
  const name = partition.resource
  const own = ownValue(source.resources, name)
  const root = own ?? parentNamed(source, name)
  if (!root?.partitions) {
    throw new TerminalError(
      `Resource "${name}" of source "${source.name}" declares no partitions in this worker's module, but the run was planned with them: give the workers the module the run was submitted with.`,
    )
  }
  const restricted = root.withPartition(partition.value)
  if (own) return source.updateResource(name, () => restricted)
  return createSource(() => [...Object.values(source.resources), restricted.withSelected(false)], {
    ...source.options,
    name: source.name,
  })
}

function parentNamed(source: Source, name: string): AnyResource | undefined {
  for (const resource of Object.values(source.resources)) {
    for (let parent = resource.parent; parent; parent = parent.parent) {
      if (parent.name === name) return parent
    }
  }
  return undefined
}
