/**
 * @module A stored schema as YAML (dlt's default for `dlt schema`) or JSON.
 */
import type { StoredSchema } from '../../index.js'
import { toYaml } from '../yaml/to-yaml.js'

/** The formats `--format` accepts. */
export const SCHEMA_FORMATS = ['yaml', 'json'] as const
export type SchemaFormat = (typeof SCHEMA_FORMATS)[number]

/** `schema` as text in `format` (no trailing newline). */
export function formatSchema(schema: StoredSchema, format: SchemaFormat): string {
  return format === 'json' ? JSON.stringify(schema, null, 2) : toYaml(schema).trimEnd()
}
