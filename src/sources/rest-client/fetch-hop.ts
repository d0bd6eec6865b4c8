/**
 * @module One HTTP exchange of an attempt: the prepared request sent with the client's `fetch`
 * (redirects not followed, see `follow-redirect.ts`), under a timeout that covers the body, turned
 * into a `RESTResponse` — or into the transient error to retry (a broken connection, a timeout).
 */
import { toError } from '../../errors/dlt-error.js'
import type { AuthRequest } from './auth/auth.js'
import type { ClientCore } from './client-core.js'
import type { MaskedRequest } from './http-errors.js'
import type { SecretMasker } from './redaction.js'
import { HttpConnectionError, RequestTimeoutError } from './rest-client-errors.js'
import { RESTResponse } from './rest-response.js'
import { isConnectionError } from './retry.js'

/** What a hop ends in: a response, or a transient error to retry. */
export type Outcome = RESTResponse | HttpConnectionError | RequestTimeoutError

/** Sends one hop: its response, or the transient error to retry. Other errors are thrown. */
export async function fetchHop(
  core: ClientCore,
  prepared: AuthRequest,
  body: string | undefined,
  context: AttemptContext,
): Promise<Outcome> {
  const { shown, attempt, signal } = context
  try {
    return await fetchResponse(core, prepared, body, context)
  } catch (error) {
    if (signal?.aborted) throw signal.reason
    if (error instanceof AttemptTimedOut)
      return new RequestTimeoutError(shown.method, shown.url, attempt, core.runtime.requestTimeout)
    if (isConnectionError(error))
      return new HttpConnectionError(shown.method, shown.url, attempt, { cause: toError(error) })
    throw toError(error)
  }
}

/** What the hops of one attempt share. */
export interface AttemptContext {
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
    // Redirects are followed by the caller, which adds credentials per hop.
    const init: RequestInit = {
      method: prepared.method,
      headers: prepared.headers,
      signal: abort,
      redirect: 'manual',
    }
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
