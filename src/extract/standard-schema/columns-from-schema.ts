/**
 * @module The columns a Standard Schema gives a table, by dlt's rules for Pydantic models
 * (`pydantic_to_table_schema_columns`), read from the schema's JSON Schema (Standard JSON Schema):
 *
 * | JSON Schema | dlt type |
 * | --- | --- |
 * | `integer` | `bigint` |
 * | `number` | `double` |
 * | `boolean` | `bool` |
 * | `string` (`format: date-time` / `date` / `time`) | `text` (`timestamp` / `date` / `time`) |
 * | `object`, `array` (a nested model, a list) | `json` |
 * | a union (`anyOf`, `oneOf`, a list of `type`s) | its first type that is not `null` |
 * | `enum` / `const` | from the values: `text`, `bigint`, `double` or `bool` |
 * | `{}` (any, or a type JSON Schema cannot express, e.g. a `Date`) | no column: inferred from the data |
 *
 * A column is nullable when the property is optional or may be `null`, as an `Optional[...]`
 * field of a Pydantic model.
 */
import type { DataType } from '../../schema/data-types.js'
import type { ColumnHint } from '../../schema/hints.js'
import type { StandardSchemaV1 } from './standard-schema.js'

type JsonSchema = Readonly<Record<string, unknown>>

/**
 * The columns of `schema`, or `undefined` when it offers no JSON Schema (it then only validates).
 * `where` names the resource in errors.
 */
export function columnsFromStandardSchema(
  schema: StandardSchemaV1,
  where: string,
): Record<string, ColumnHint> | undefined {
  const converter = schema['~standard'].jsonSchema
  if (!converter) return undefined
  let json: JsonSchema
  try {
    // zod: a type JSON Schema cannot express (a Date) becomes `{}`: inferred from the data
    json = converter.input({ target: 'draft-2020-12', libraryOptions: { unrepresentable: 'any' } })
  } catch (error) {
    throw new TypeError(
      `${where}: the ${schema['~standard'].vendor} schema given as \`columns\` cannot be turned ` +
        `into columns (${(error as Error).message}); give columns as an object of column hints, ` +
        'or a schema of plain types',
      { cause: error },
    )
  }
  return columnsFromJsonSchema(json, where)
}

/** The columns of an object JSON Schema (see the module documentation). */
export function columnsFromJsonSchema(json: JsonSchema, where: string): Record<string, ColumnHint> {
  const root = resolve(json, json)
  const properties = root?.['properties']
  if (root?.['type'] !== 'object' || typeof properties !== 'object' || properties === null) {
    throw new TypeError(
      `${where}: the schema given as \`columns\` must describe an object (the items' fields)`,
    )
  }
  const required = new Set(Array.isArray(root['required']) ? (root['required'] as string[]) : [])
  const columns: Record<string, ColumnHint> = {}
  for (const [name, property] of Object.entries(properties as Record<string, JsonSchema>)) {
    const found = columnType(property, json)
    if (!found.dataType) continue
    const column: ColumnHint = {
      dataType: found.dataType,
      nullable: found.nullable || !required.has(name),
    }
    Object.defineProperty(columns, name, { value: column, enumerable: true, writable: true })
  }
  return columns
}

interface FoundType {
  readonly dataType: DataType | undefined
  readonly nullable: boolean
}

function columnType(schema: JsonSchema | undefined, root: JsonSchema): FoundType {
  const node = resolve(schema, root)
  if (!node) return { dataType: undefined, nullable: false }
  const union = (node['anyOf'] ?? node['oneOf']) as JsonSchema[] | undefined
  if (Array.isArray(union)) {
    const nonNull = union.filter((member) => resolve(member, root)?.['type'] !== 'null')
    const first = columnType(nonNull[0], root)
    return { dataType: first.dataType, nullable: first.nullable || nonNull.length < union.length }
  }
  const type = node['type']
  if (Array.isArray(type)) {
    const nonNull = type.filter((member) => member !== 'null')
    const first = columnType({ ...node, type: nonNull[0] }, root)
    return { dataType: first.dataType, nullable: first.nullable || nonNull.length < type.length }
  }
  if (typeof type === 'string') return { dataType: fromType(type, node), nullable: type === 'null' }
  const values = 'const' in node ? [node['const']] : (node['enum'] as unknown[] | undefined)
  if (Array.isArray(values)) return fromValues(values)
  return { dataType: undefined, nullable: false }
}

function fromType(type: string, node: JsonSchema): DataType | undefined {
  switch (type) {
    case 'integer':
      return 'bigint'
    case 'number':
      return 'double'
    case 'boolean':
      return 'bool'
    case 'string':
      return node['format'] === 'date-time'
        ? 'timestamp'
        : node['format'] === 'date'
          ? 'date'
          : node['format'] === 'time'
            ? 'time'
            : 'text'
    case 'object':
    case 'array':
      return 'json'
    default:
      return undefined
  }
}

function fromValues(values: readonly unknown[]): FoundType {
  const nullable = values.includes(null)
  const present = values.filter((value) => value !== null)
  const kinds = new Set(present.map((value) => typeof value))
  if (kinds.size !== 1) return { dataType: present.length ? 'text' : undefined, nullable }
  const [kind] = kinds
  const dataType: DataType | undefined =
    kind === 'string'
      ? 'text'
      : kind === 'boolean'
        ? 'bool'
        : kind === 'number'
          ? present.every((value) => Number.isInteger(value))
            ? 'bigint'
            : 'double'
          : undefined
  return { dataType, nullable }
}

/** `schema`, or what its `$ref` points to within `root` (`#/$defs/…`, `#/definitions/…`). */
function resolve(schema: JsonSchema | undefined, root: JsonSchema): JsonSchema | undefined {
  let node = schema
  for (let hops = 0; node && typeof node['$ref'] === 'string' && hops < 32; hops++) {
    const ref = node['$ref'] as string
    if (!ref.startsWith('#/')) return undefined
    let target: unknown = root
    for (const part of ref.slice(2).split('/')) {
      const key = part.replaceAll('~1', '/').replaceAll('~0', '~')
      target = (target as Record<string, unknown> | undefined)?.[key]
    }
    node = target as JsonSchema | undefined
  }
  return node
}
