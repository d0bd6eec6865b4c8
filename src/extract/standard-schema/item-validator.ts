/**
 * @module Items of a resource whose `columns` is a Standard Schema are validated as they are
 * extracted — what the resource function yields, before the steps added to it (`addMap` sees
 * validated items, as its types say); with `run(data, { columns })`, what the resource's steps
 * leave — the way dlt validates items against a Pydantic model: what the schema returns is
 * what is loaded (unknown keys stripped, values coerced, as the schema does), and an item that
 * fails goes by the resource's schema contract:
 *
 * | contract | a failing item |
 * | --- | --- |
 * | `data_type: 'freeze'` (the default) | fails the run: `DataValidationError` names the resource, the item's path and the validator's message |
 * | `data_type` or `columns: 'discard_row'` | is dropped |
 * | `data_type: 'discard_value'` | loses the failing fields; if it still fails (a required field), it is dropped |
 * | `data_type: 'evolve'` | is loaded as it came, unvalidated (its types may then evolve) |
 *
 * With no `schemaContract` on the resource, it gets dlt's default for models:
 * `{ tables: 'evolve', columns: 'discard_value', data_type: 'freeze' }`.
 */
import { TerminalError } from '../../errors/dlt-error.js'
import { expandSchemaContract, type ResolvedContract } from '../../schema/schema-contract.js'
import type { SchemaContract } from '../../schema/schema-types.js'
import type { ResourceStep } from '../resource-steps.js'
import type {
  StandardIssue,
  StandardPathSegment,
  StandardResult,
  StandardSchemaV1,
} from './standard-schema.js'

/** dlt's contract for a resource validated by a model, when it sets none. */
export const MODEL_SCHEMA_CONTRACT: ResolvedContract = Object.freeze({
  tables: 'evolve',
  columns: 'discard_value',
  data_type: 'freeze',
})

/** An item failed its resource's schema under a `freeze` contract. */
export class DataValidationError extends TerminalError {
  override name = 'DataValidationError'
  readonly resource: string
  /** The failing field's path in the item, e.g. `author.login` (empty for the item itself). */
  readonly path: string
  readonly issues: readonly StandardIssue[]

  constructor(resource: string, issues: readonly StandardIssue[]) {
    const [first] = issues
    const path = formatPath(first?.path)
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issues)` : ''
    super(
      `Resource "${resource}": an item failed validation at ${path ? `"${path}"` : 'its root'}: ` +
        `${first?.message ?? 'invalid'}${more}. The resource's schema contract freezes data ` +
        "types: fix the data or the schema, or set schemaContract { data_type: 'discard_row' } " +
        "to skip such items ('discard_value' to drop the failing fields, 'evolve' to load them " +
        'unvalidated)',
    )
    this.resource = resource
    this.path = path
    this.issues = issues
  }
}

const DROPPED: unique symbol = Symbol('dropped by validation')

/**
 * The steps that validate a resource's items against `schema` under `contract` (see the module
 * documentation): a map to the validated value, then a filter of the dropped ones.
 */
export function validationSteps(
  schema: StandardSchemaV1,
  contract: SchemaContract | undefined,
  resource: string,
): ResourceStep[] {
  const mode = expandSchemaContract(contract, MODEL_SCHEMA_CONTRACT)
  const validate = schema['~standard'].validate
  const onFailure = (item: unknown, issues: readonly StandardIssue[]): unknown => {
    if (mode.data_type === 'discard_row' || mode.columns === 'discard_row') return DROPPED
    if (mode.data_type === 'evolve') return item
    if (mode.data_type === 'discard_value') return withoutFailingFields(item, issues)
    throw new DataValidationError(resource, issues)
  }
  const withoutFailingFields = (item: unknown, issues: readonly StandardIssue[]): unknown => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return DROPPED
    const keys = new Set(issues.map((issue) => keyOf(issue.path?.[0])))
    if (keys.has(undefined)) return DROPPED
    const rest = Object.fromEntries(Object.entries(item).filter(([key]) => !keys.has(key)))
    return settle(validate(rest), (result) => (result.issues ? DROPPED : result.value))
  }
  const check = (item: unknown): unknown =>
    settle(validate(item), (result) =>
      result.issues ? onFailure(item, result.issues) : result.value,
    )
  return [
    { kind: 'map', fn: check as (item: never) => unknown },
    { kind: 'filter', fn: ((value: unknown) => value !== DROPPED) as (item: never) => unknown },
  ]
}

/** `then(result)` now, or once the validator's promise settles. */
function settle<O>(
  result: StandardResult<O> | Promise<StandardResult<O>>,
  then: (result: StandardResult<O>) => unknown,
): unknown {
  return result instanceof Promise ? result.then(then) : then(result)
}

function keyOf(segment: StandardPathSegment | undefined): string | undefined {
  const key = typeof segment === 'object' && segment !== null ? segment.key : segment
  return key === undefined || typeof key === 'symbol' ? undefined : String(key)
}

/** `['author', 0, 'login']` → `author[0].login`. */
function formatPath(path: readonly StandardPathSegment[] | undefined): string {
  let text = ''
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment
    if (typeof key === 'number') text += `[${key}]`
    else text += text ? `.${String(key)}` : String(key)
  }
  return text
}
