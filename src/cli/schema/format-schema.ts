/**
 * @module A stored schema as YAML (dlt's default for `dlt schema`), JSON, or TypeScript
 * interfaces of its tables' rows (`ts`, for `pipeline.dataset<Tables>()`).
 */
import type { StoredSchema } from '../../index.js'
import { schemaToTypeScript } from '../../schema/schema-to-typescript.js'
import { toYaml } from '../yaml/to-yaml.js'

/** The formats `--format` accepts. */
export const SCHEMA_FORMATS = ['yaml', 'json', 'ts'] as const
export type SchemaFormat = (typeof SCHEMA_FORMATS)[number]

/** `schema` as text in `format` (no trailing newline). */
export function formatSchema(schema: StoredSchema, format: SchemaFormat): string {
  if (format === 'ts') return schemaToTypeScript(schema).trimEnd()
  return format === 'json' ? JSON.stringify(schema, null, 2) : toYaml(schema).trimEnd()
}
