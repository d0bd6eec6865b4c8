/**
 * @module Sending one request with retries: auth before every attempt, a timeout that covers the
 * body, one renewal of credentials on 401, response hooks, and exponential backoff (or
 * `Retry-After`) on 429, 5xx, broken connections and timeouts. Everything shown — logs, errors,
 * hook state — uses the secret-masked URL.
 */
import { toError } from '../../errors/dlt-error.js'
import type { Auth, AuthContext, AuthRequest } from './auth/auth.js'
import type { ClientCore, ResolvedHooks } from './client-core.js'
import type { MaskedRequest } from './http-errors.js'
import type { OutgoingRequest } from './page-request.js'
import { createSecretMasker, type SecretMasker } from './redaction.js'
import { runResponseHooks } from './response-actions.js'
import type { BeforeRetryState } from './rest-client-config.js'
import { HttpConnectionError, RequestTimeoutError } from './rest-client-errors.js'
import { RESTResponse } from './rest-response.js'
import {
  computeRetryDelay,
  isConnectionError,
  isRetryableStatus,
  parseRetryAfter,
  sleep,
} from './retry.js'

/** How to send it. */
export interface SendOptions {
  readonly auth: Auth | undefined
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
    const outcome = await attemptOnce(core, request, session, attempt)
    let result = outcome
    if (!(outcome instanceof Error)) {
      if (!renewedAuth && outcome.status === 401) {
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
  readonly masker: SecretMasker
  readonly authContext: AuthContext
  readonly signal: AbortSignal | undefined
  /** Asks the auth to renew its credentials after a 401; true to send again. */
  renewAuth(response: RESTResponse): Promise<boolean>
}

function openSession(core: ClientCore, options: SendOptions): Session {
  const { auth, signal } = options
  const secretsOf = options.maskSecretsOf ?? auth
  const authContext = createAuthContext(core, options, secretsOf)
  return {
    auth,
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

/** One attempt: the response, or the transient error to retry. Other errors are thrown. */
async function attemptOnce(
  core: ClientCore,
  request: OutgoingRequest,
  session: Session,
  attempt: number,
): Promise<RESTResponse | HttpConnectionError | RequestTimeoutError> {
  const prepared: AuthRequest = {
    method: request.method,
    url: new URL(request.url),
    headers: new Headers(request.headers),
  }
  await session.auth?.authenticate(prepared, session.authContext)
  const shown = showRequest(prepared, session.masker)
  const retried = attempt > 1 ? ` (attempt ${attempt})` : ''
  core.logger.info(`Making ${shown.method} request to ${shown.url}${retried}`)
  try {
    return await fetchResponse(core, prepared, request.body, { ...session, shown, attempt })
  } catch (error) {
    if (session.signal?.aborted) throw session.signal.reason
    if (error instanceof AttemptTimedOut)
      return new RequestTimeoutError(shown.method, shown.url, attempt, core.runtime.requestTimeout)
    if (isConnectionError(error))
      return new HttpConnectionError(shown.method, shown.url, attempt, { cause: toError(error) })
    throw toError(error)
  }
}

interface AttemptContext {
  readonly shown: MaskedRequest
  readonly masker: SecretMasker
  readonly attempt: number
  readonly signal: AbortSignal | undefined
}

/** Marks an attempt aborted by the client's own timeout. */
class AttemptTimedOut extends Error {}

async function fetchResponse(
  core: ClientCore,
  prepared: AuthRequest,
  body: string | undefined,
  { shown, masker, attempt, signal }: AttemptContext,
): Promise<RESTResponse> {
  const { runtime } = core
  const { raw, text } = await withAttemptTimeout(runtime.requestTimeout, signal, async (abort) => {
    const init: RequestInit = { method: prepared.method, headers: prepared.headers, signal: abort }
    if (body !== undefined) init.body = body
    const raw = await core.fetch(prepared.url, init)
    // Read the body inside the timeout: a server that stalls mid-body is a timeout too.
    return { raw, text: await raw.text() }
  })
  return new RESTResponse({
    url: raw.url || prepared.url.href,
    status: raw.status,
    statusText: raw.statusText,
    headers: raw.headers,
    text,
    context: {
      request: shown,
      maskText: masker.maskText,
      showErrorBody: runtime.httpShowErrorBody,
      maxErrorBodyLength: runtime.httpMaxErrorBodyLength,
      attempts: attempt,
    },
  })
}

/**
 * Runs `work` with a signal that aborts after `seconds` or with `signal`. A timeout rejects with
 * `AttemptTimedOut`; the caller's abort with whatever `work` rejects with.
 */
async function withAttemptTimeout<T>(
  seconds: number,
  signal: AbortSignal | undefined,
  work: (abort: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw signal.reason
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new AttemptTimedOut())
  }, seconds * 1000)
  const onAbort = () => controller.abort(signal?.reason)
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    return await work(controller.signal)
  } catch (error) {
    throw timedOut ? new AttemptTimedOut() : error
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
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
        maskSecretsOf: secretsOf,
        hooks,
        signal: options.signal,
      }
      return (await sendRequest(core, outgoing, sendOptions)).response
    },
  }
}
