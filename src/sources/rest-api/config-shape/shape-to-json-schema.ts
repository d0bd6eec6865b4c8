/**
 * @module Turns a `Shape` into JSON Schema (draft 2020-12) for editors. Functions and class
 * instances cannot be written in JSON, so they are left out: a JSON config that uses them is
 * rejected by the schema as it would be by `JSON.parse`-based loading.
 */
import type { Shape } from './shape.js'

/** A JSON Schema document (a plain object). */
export type JsonSchema = { readonly [key: string]: unknown }

/** The JSON Schema of `shape`, or `undefined` when nothing JSON can match it. */
export function shapeToJsonSchema(shape: Shape): JsonSchema | undefined {
  const schema = baseSchema(shape)
  if (schema === undefined) return undefined
  const described = shape.description ? { description: shape.description, ...schema } : schema
  return shape.nullable ? { anyOf: [described, { type: 'null' }] } : described
}

function baseSchema(shape: Shape): JsonSchema | undefined {
  switch (shape.kind) {
    case 'string':
      return shape.enum ? { type: 'string', enum: [...shape.enum] } : { type: 'string' }
    case 'number':
      return {
        type: shape.integer ? 'integer' : 'number',
        ...(shape.minimum === undefined ? {} : { minimum: shape.minimum }),
      }
    case 'boolean':
      return { type: 'boolean' }
    case 'any':
      return {}
    case 'function':
    case 'instance':
      return undefined
    case 'array': {
      const items = shapeToJsonSchema(shape.items)
      return items === undefined ? undefined : { type: 'array', items }
    }
    case 'record': {
      const values = shapeToJsonSchema(shape.values)
      return values === undefined ? undefined : { type: 'object', additionalProperties: values }
    }
    case 'object':
      return objectSchema(shape.properties, shape.required ?? [])
    case 'union': {
      const options = shape.options
        .map(shapeToJsonSchema)
        .filter((o): o is JsonSchema => o !== undefined)
      if (options.length === 0) return undefined
      return options.length === 1 ? options[0] : { anyOf: options }
    }
  }
}

function objectSchema(
  properties: Readonly<Record<string, Shape>>,
  required: readonly string[],
): JsonSchema {
  const emitted: Record<string, JsonSchema> = {}
  for (const [key, property] of Object.entries(properties)) {
    const schema = shapeToJsonSchema(property)
    if (schema !== undefined) emitted[key] = schema
  }
  return {
    type: 'object',
    properties: emitted,
    ...(required.length ? { required: [...required] } : {}),
    additionalProperties: false,
  }
}
