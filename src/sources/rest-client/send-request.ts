/**
 * @module Sending one request with retries: auth before every attempt — and the one place where
 * it is applied, only for origins that may receive credentials — redirects followed hop by hop, a
 * timeout that covers the body, one renewal of credentials on 401, response hooks, and exponential
 * backoff (or `Retry-After`) on 429, 5xx, broken connections and timeouts. Everything shown —
 * logs, errors, hook state — uses the secret-masked URL.
 */
import type { Auth, AuthContext, AuthRequest } from './auth/auth.js'
import type { OriginSet } from './auth-origins.js'
import type { ClientCore, ResolvedHooks } from './client-core.js'
import { fetchHop, type Outcome } from './fetch-hop.js'
import { type Hop, redirectHop } from './follow-redirect.js'
import type { MaskedRequest } from './http-errors.js'
import type { OutgoingRequest } from './page-request.js'
import { createSecretMasker, type SecretMasker } from './redaction.js'
import { runResponseHooks } from './response-actions.js'
import type { BeforeRetryState } from './rest-client-config.js'
import type { HttpConnectionError, RequestTimeoutError } from './rest-client-errors.js'
import type { RESTResponse } from './rest-response.js'
import { computeRetryDelay, isRetryableStatus, parseRetryAfter, sleep } from './retry.js'

/** How to send it. */
export interface SendOptions {
  readonly auth: Auth | undefined
  /** The origins `auth` may send credentials to (see `callAuthOrigins`). */
  readonly authOrigins: OriginSet
  /** Whose secrets to mask; defaults to `auth` (a token request has no auth but has secrets). */
  readonly maskSecretsOf?: Auth | undefined
  readonly hooks: ResolvedHooks
  readonly signal: AbortSignal | undefined
}

/** The final response, and whether a hook ignored it. */
export interface SendResult {
  readonly response: RESTResponse
  readonly ignored: boolean
}

/** Sends `request`, retrying as configured. Throws the last transient error when retries run out. */
export async function sendRequest(
  core: ClientCore,
  request: OutgoingRequest,
  options: SendOptions,
): Promise<SendResult> {
  const session = openSession(core, options)
  let renewedAuth = false
  let attempt = 1
  while (true) {
    const { outcome, authenticated } = await attemptOnce(core, request, session, attempt)
    let result = outcome
    if (!(outcome instanceof Error)) {
      // A 401 from an origin that got no credentials is not the auth's to renew.
      if (authenticated && !renewedAuth && outcome.status === 401) {
        renewedAuth = true
        // Renewed credentials get a fresh try that does not count as an attempt.
        if (await session.renewAuth(outcome)) continue
      }
      const hooked = await runResponseHooks(options.hooks.response, outcome)
      if (hooked === 'ignore') return ignore(core, outcome)
      result = hooked
    }
    const retry = decideRetry(core, result, attempt)
    if (!retry) {
      if (result instanceof Error) throw result
      return { response: result, ignored: false }
    }
    await waitBeforeRetry(core, options, retry)
    attempt++
  }
}

function ignore(core: ClientCore, response: RESTResponse): SendResult {
  const { method, url } = response.request
  core.logger.info(`Ignoring response ${response.status} of ${method} ${url}`)
  return { response, ignored: true }
}

/** What every attempt of one request shares. */
interface Session {
  readonly auth: Auth | undefined
  readonly authOrigins: OriginSet
  readonly masker: SecretMasker
  readonly authContext: AuthContext
  readonly signal: AbortSignal | undefined
  /** Asks the auth to renew its credentials after a 401; true to send again. */
  renewAuth(response: RESTResponse): Promise<boolean>
}

function openSession(core: ClientCore, options: SendOptions): Session {
  const { auth, authOrigins, signal } = options
  const secretsOf = options.maskSecretsOf ?? auth
  const authContext = createAuthContext(core, options, secretsOf)
  return {
    auth,
    authOrigins,
    signal,
    authContext,
    masker: createSecretMasker(() => secretsOf?.secretValues?.() ?? []),
    async renewAuth(response) {
      return (await auth?.handleUnauthorized?.(response, authContext)) === true
    },
  }
}

/** The retry to make after `result` of attempt `attempt`, or `undefined` to stop here. */
function decideRetry(
  core: ClientCore,
  result: RESTResponse | HttpConnectionError | RequestTimeoutError,
  attempt: number,
): BeforeRetryState | undefined {
  const { runtime } = core
  if (attempt >= runtime.requestMaxAttempts) return undefined
  if (result instanceof Error) {
    const delay = computeRetryDelay(attempt, runtime)
    return {
      method: result.method,
      url: result.url,
      attempt,
      delay,
      status: undefined,
      error: result,
    }
  }
  if (!isRetryableStatus(result.status)) return undefined
  const header = runtime.respectRetryAfterHeader ? result.headers.get('retry-after') : null
  const delay = computeRetryDelay(attempt, runtime, header ? parseRetryAfter(header) : undefined)
  const { method, url } = result.request
  return { method, url, attempt, delay, status: result.status, error: undefined }
}

/** What one attempt came to, and whether its last hop carried the auth's credentials. */
interface AttemptResult {
  readonly outcome: Outcome
  readonly authenticated: boolean
}

/**
 * One attempt, redirects followed: the response, or the transient error to retry. Other errors
 * are thrown.
 */
async function attemptOnce(
  core: ClientCore,
  request: OutgoingRequest,
  session: Session,
  attempt: number,
): Promise<AttemptResult> {
  const { method, url, body } = request
  let hop: Hop = { method, url, headers: new Headers(request.headers), body }
  let authorized = await authorize(core, hop, session)
  const shown = showRequest(authorized.prepared, session.masker)
  const retried = attempt > 1 ? ` (attempt ${attempt})` : ''
  core.logger.info(`Making ${shown.method} request to ${shown.url}${retried}`)
  const context = { ...session, shown, attempt }
  for (let redirects = 0; ; redirects++) {
    const outcome = await fetchHop(core, authorized.prepared, hop.body, context)
    const next = outcome instanceof Error ? undefined : redirectHop(hop, outcome, redirects)
    if (next === undefined) return { outcome, authenticated: authorized.authenticated }
    hop = next
    authorized = await authorize(core, hop, session)
    const to = session.masker.maskUrl(authorized.prepared.url)
    core.logger.info(`Following redirect to ${to}`)
  }
}

/**
 * `hop` ready to send, with the auth's credentials if its origin may receive them: the one place
 * where credentials are added to a request.
 */
async function authorize(
  core: ClientCore,
  hop: Hop,
  session: Session,
): Promise<{ prepared: AuthRequest; authenticated: boolean }> {
  const prepared: AuthRequest = {
    method: hop.method,
    url: new URL(hop.url),
    headers: new Headers(hop.headers),
  }
  const { auth, authOrigins } = session
  if (auth === undefined) return { prepared, authenticated: false }
  const { origin } = prepared.url
  if (!authOrigins.has(origin)) {
    const shown = session.masker.maskUrl(prepared.url)
    core.logger.warn(
      `Sending ${prepared.method} ${shown} without credentials: ${origin} may not receive them (see \`authOrigins\`)`,
    )
    return { prepared, authenticated: false }
  }
  await auth.authenticate(prepared, session.authContext)
  return { prepared, authenticated: true }
}

async function waitBeforeRetry(core: ClientCore, options: SendOptions, state: BeforeRetryState) {
  for (const hook of options.hooks.beforeRetry) await hook(state)
  const reason = state.status ?? state.error?.message
  core.logger.warn(
    `Retrying ${state.method} ${state.url} in ${state.delay} s (attempt ${state.attempt} of ${core.runtime.requestMaxAttempts} failed: ${reason})`,
  )
  await sleep(state.delay, options.signal)
}

function showRequest(prepared: AuthRequest, masker: SecretMasker): MaskedRequest {
  return Object.freeze({
    method: prepared.method,
    url: masker.maskUrl(prepared.url),
    headers: Object.freeze(masker.maskHeaders(prepared.headers)),
  })
}

function createAuthContext(
  core: ClientCore,
  options: SendOptions,
  secretsOf: Auth | undefined,
): AuthContext {
  return {
    signal: options.signal,
    async send(request) {
      const outgoing: OutgoingRequest = {
        method: request.method,
        url: new URL(request.url),
        headers: { ...request.headers },
        body: request.body,
      }
      const hooks = { response: [], beforeRetry: options.hooks.beforeRetry }
      const sendOptions = {
        auth: undefined,
        authOrigins: new Set<string>(),
        maskSecretsOf: secretsOf,
        hooks,
        signal: options.signal,
      }
      return (await sendRequest(core, outgoing, sendOptions)).response
    },
  }
}
