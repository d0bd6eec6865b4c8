/**
 * @module A small description language for configuration objects: one description gives both the
 * run-time check (`validateShape`) and the JSON Schema for editors (`shapeToJsonSchema`), so the
 * two never drift apart. It covers what a REST API config needs and nothing more.
 */

/** What every shape may carry. */
interface ShapeBase {
  /** Shown in the JSON Schema. */
  readonly description?: string
  /** `null` is accepted (and means "not set", removing a default). @default false */
  readonly nullable?: boolean
}

/** A string, optionally one of a list; `secret` strings are masked in messages. */
export interface StringShape extends ShapeBase {
  readonly kind: 'string'
  readonly enum?: readonly string[]
  readonly secret?: boolean
}
/** A finite number, optionally an integer with a minimum. */
export interface NumberShape extends ShapeBase {
  readonly kind: 'number'
  readonly integer?: boolean
  readonly minimum?: number
}
/** `true` or `false`. */
export interface BooleanShape extends ShapeBase {
  readonly kind: 'boolean'
}
/** Any value (a JSON body, a cursor value). */
export interface AnyShape extends ShapeBase {
  readonly kind: 'any'
}
/** A function: code-only configs (left out of the JSON Schema). */
export interface FunctionShape extends ShapeBase {
  readonly kind: 'function'
}
/** An object recognised by `test` (a paginator or auth instance); left out of the JSON Schema. */
export interface InstanceShape extends ShapeBase {
  readonly kind: 'instance'
  readonly name: string
  readonly test: (value: unknown) => boolean
}
/** A list of `items`. */
export interface ArrayShape extends ShapeBase {
  readonly kind: 'array'
  readonly items: Shape
}
/** An object with any keys and values of one shape. */
export interface RecordShape extends ShapeBase {
  readonly kind: 'record'
  readonly values: Shape
}
/**
 * An object with known keys; other keys are rejected. Every camelCase key may also be written in
 * snake_case (`dataSelector` / `data_selector`); `aliases` adds other spellings, and
 * `unsupported` names keys of another tool that are refused with a reason.
 */
export interface ObjectShape extends ShapeBase {
  readonly kind: 'object'
  readonly properties: Readonly<Record<string, Shape>>
  readonly required?: readonly string[]
  /** More spellings of known keys: `{ file_format: 'loaderFileFormat' }`. @default {} */
  readonly aliases?: Readonly<Record<string, string>>
  /** Keys refused with a reason (dlt keys not ported), e.g. `session`. @default {} */
  readonly unsupported?: Readonly<Record<string, string>>
}
/**
 * One of several shapes. With a `discriminator`, an object's value at that key picks the option
 * (the option's own property there must be a string enum); `fallback` is the option used when an
 * object has no discriminator.
 */
export interface UnionShape extends ShapeBase {
  readonly kind: 'union'
  readonly options: readonly Shape[]
  readonly discriminator?: string
  readonly fallback?: number
}

/** Any shape. */
export type Shape =
  | StringShape
  | NumberShape
  | BooleanShape
  | AnyShape
  | FunctionShape
  | InstanceShape
  | ArrayShape
  | RecordShape
  | ObjectShape
  | UnionShape

type Extra<S> = Omit<S, 'kind'>

/** Builders of shapes: `s.object({ a: s.string() }, { required: ['a'] })`. */
export const s = {
  string: (extra: Extra<StringShape> = {}): StringShape => ({ kind: 'string', ...extra }),
  oneOf: (values: readonly string[], extra: Extra<StringShape> = {}): StringShape => ({
    kind: 'string',
    enum: values,
    ...extra,
  }),
  number: (extra: Extra<NumberShape> = {}): NumberShape => ({ kind: 'number', ...extra }),
  integer: (extra: Extra<NumberShape> = {}): NumberShape => ({
    kind: 'number',
    integer: true,
    ...extra,
  }),
  boolean: (extra: Extra<BooleanShape> = {}): BooleanShape => ({ kind: 'boolean', ...extra }),
  any: (extra: Extra<AnyShape> = {}): AnyShape => ({ kind: 'any', ...extra }),
  fn: (extra: Extra<FunctionShape> = {}): FunctionShape => ({ kind: 'function', ...extra }),
  instance: (name: string, test: (value: unknown) => boolean): InstanceShape => ({
    kind: 'instance',
    name,
    test,
  }),
  array: (items: Shape, extra: Extra<ArrayShape> | Record<string, never> = {}): ArrayShape => ({
    kind: 'array',
    items,
    ...extra,
  }),
  record: (values: Shape, extra: Omit<Extra<RecordShape>, 'values'> = {}): RecordShape => ({
    kind: 'record',
    values,
    ...extra,
  }),
  object: (
    properties: Readonly<Record<string, Shape>>,
    extra: Omit<Extra<ObjectShape>, 'properties'> = {},
  ): ObjectShape => ({ kind: 'object', properties, ...extra }),
  union: (
    options: readonly Shape[],
    extra: Omit<Extra<UnionShape>, 'options'> = {},
  ): UnionShape => ({
    kind: 'union',
    options,
    ...extra,
  }),
  /** The same shape, accepting `null`. */
  nullable: <S extends Shape>(shape: S): S => ({ ...shape, nullable: true }),
} as const

/** A short phrase for what `shape` accepts: `an integer >= 1`, `one of 'a', 'b'`. */
export function describeShape(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return shape.enum ? `one of ${shape.enum.map((v) => `'${v}'`).join(', ')}` : 'a string'
    case 'number':
      return `${shape.integer ? 'an integer' : 'a number'}${shape.minimum === undefined ? '' : ` >= ${shape.minimum}`}`
    case 'boolean':
      return 'true or false'
    case 'any':
      return 'any value'
    case 'function':
      return 'a function'
    case 'instance':
      return `a ${shape.name}`
    case 'array':
      return 'a list'
    case 'record':
    case 'object':
      return 'an object'
    case 'union':
      return [...new Set(shape.options.map(describeShape))].join(' or ')
  }
}
