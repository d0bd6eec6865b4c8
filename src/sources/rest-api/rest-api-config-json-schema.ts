/**
 * @module The JSON Schema of a REST API config, for editors: point a JSON config's `$schema` at a
 * file holding `JSON.stringify(restApiConfigJsonSchema)` to get completion and checks. It is
 * generated from the same description the run-time validator uses.
 */
import { type JsonSchema, shapeToJsonSchema } from './config-shape/shape-to-json-schema.js'
import { restApiConfigShape } from './rest-api-config-shape.js'

/** The JSON Schema (draft 2020-12) of `RestApiConfig` as JSON can express it (no functions). */
export const restApiConfigJsonSchema: JsonSchema = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'dlt-ts REST API source config',
  ...withSchemaKey(shapeToJsonSchema(restApiConfigShape) ?? {}),
})

/** A JSON config may name its schema with `$schema`; allow that key at the top. */
function withSchemaKey(schema: JsonSchema): JsonSchema {
  const properties = (schema['properties'] ?? {}) as Record<string, unknown>
  return { ...schema, properties: { $schema: { type: 'string' }, ...properties } }
}
