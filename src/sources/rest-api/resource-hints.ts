/**
 * @module The `dlt.resource` options of a configured resource: its table hints, with dlt's
 * snake_case column hints (`data_type`, `primary_key`) accepted as the camelCase ones.
 */
import type { ResourceOptions } from '../../extract/resource.js'
import { isPlainObject } from './config-shape/validate-shape.js'
import type { NormalizedResource } from './merge-resource-defaults.js'

const HINT_KEYS = [
  'tableName',
  'writeDisposition',
  'primaryKey',
  'mergeKey',
  'schemaContract',
  'maxTableNesting',
  'loaderFileFormat',
  'selected',
  'parallelized',
] as const

/** The resource options (name and hints) of `resource`. */
export function toResourceOptions(resource: NormalizedResource): ResourceOptions {
  const options: Record<string, unknown> = { name: resource.name }
  for (const key of HINT_KEYS) {
    if (resource[key] !== undefined) options[key] = resource[key]
  }
  if (resource.columns) options['columns'] = camelCaseColumns(resource.columns)
  return options as ResourceOptions
}

function camelCaseColumns(columns: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [name, hints] of Object.entries(columns)) {
    result[name] = isPlainObject(hints)
      ? Object.fromEntries(Object.entries(hints).map(([key, value]) => [camelCase(key), value]))
      : hints
  }
  return result
}

function camelCase(key: string): string {
  return key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
}
