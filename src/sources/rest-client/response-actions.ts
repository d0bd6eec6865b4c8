/**
 * @module Response hooks and response actions (dlt's `response_actions`): rules that match a
 * response by status code and/or a substring of its body and either ignore it — which ends a
 * `paginate()` without records, e.g. a 404 for a parent without children — or pass it to callbacks
 * that may replace it. Hooks run on every attempt, before the retry decision, as in dlt.
 */
import type { RESTResponse } from './rest-response.js'

/** What a response hook returns: a replacement response, `'ignore'`, or nothing to keep it. */
export type ResponseHookResult = RESTResponse | 'ignore' | undefined

/**
 * Called with each response (retries included). Return `'ignore'` to end the pagination without
 * records (in `request()` the response is returned as is), a response (`response.withJson(…)`) to
 * replace it, or nothing.
 */
export type ResponseHook = (
  response: RESTResponse,
) => ResponseHookResult | void | Promise<ResponseHookResult> | Promise<void>

/** The actions a rule can name. */
export const RESPONSE_ACTION_TYPES = ['ignore'] as const
/** An action by name. */
export type ResponseActionType = (typeof RESPONSE_ACTION_TYPES)[number]

/** A rule: when the response matches `statusCode` and/or `content`, take `action`. */
export interface ResponseActionRule {
  /** Match this status code. */
  readonly statusCode?: number
  /** Match when the body contains this text. */
  readonly content?: string
  /** `'ignore'`, or hooks to run on a matching response. */
  readonly action: ResponseActionType | ResponseHook | readonly ResponseHook[]
}

/** A rule, or a hook that runs on every response. */
export type ResponseAction = ResponseActionRule | ResponseHook

/**
 * Turns response actions into response hooks (dlt's `create_response_hooks`). Throws `TypeError`
 * naming the rule for an action that is neither `'ignore'` nor hooks, or for an `'ignore'` rule
 * that matches nothing in particular.
 *
 * ```ts
 * createResponseHooks([{ statusCode: 404, action: 'ignore' }, { content: 'Not found', action: 'ignore' }])
 * ```
 */
export function createResponseHooks(
  actions: readonly ResponseAction[] | undefined,
): ResponseHook[] {
  if (actions === undefined) return []
  if (!Array.isArray(actions)) throw new TypeError('The `responseActions` option must be a list')
  return actions.map((action, index) => {
    if (typeof action === 'function') return action
    return createRuleHook(action, `responseActions[${index}]`)
  })
}

/** Runs `hooks` in order; stops at the first `'ignore'`. */
export async function runResponseHooks(
  hooks: readonly ResponseHook[],
  response: RESTResponse,
): Promise<RESTResponse | 'ignore'> {
  let current = response
  for (const hook of hooks) {
    const result = await hook(current)
    if (result === 'ignore') return 'ignore'
    if (result) current = result
  }
  return current
}

function createRuleHook(rule: ResponseActionRule, name: string): ResponseHook {
  const { statusCode, content, action } = rule ?? {}
  const hooks = typeof action === 'function' ? [action] : Array.isArray(action) ? action : undefined
  if (action !== 'ignore' && !hooks?.every((hook) => typeof hook === 'function'))
    throw new TypeError(
      `The \`${name}.action\` option must be 'ignore', a function or a list of functions`,
    )
  if (statusCode === undefined && content === undefined && action === 'ignore')
    throw new TypeError(
      `The \`${name}\` rule needs \`statusCode\` or \`content\` to ignore responses`,
    )
  const matches = (response: RESTResponse) =>
    (statusCode === undefined || response.status === statusCode) &&
    (content === undefined || response.text().includes(content))
  if (action === 'ignore') return (response) => (matches(response) ? 'ignore' : undefined)
  const callbacks = hooks as readonly ResponseHook[]
  return (response) => (matches(response) ? runResponseHooks(callbacks, response) : undefined)
}
