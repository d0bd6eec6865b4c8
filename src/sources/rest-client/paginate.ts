/**
 * @module The `paginate()` loop (dlt's `RESTClient.paginate`): send the request, fail on an error
 * status, select the records (detecting the selector on the first response), let the paginator
 * read the response and update the request, yield the page, and stop when the paginator says so
 * or a response action ignores a response.
 */
import { callAuthOrigins, type OriginSet } from './auth-origins.js'
import { type ClientCore, mergeHooks } from './client-core.js'
import { detectDataSelector, extractResponseData } from './data-selector.js'
import { type CompiledJsonPath, compileJsonPath } from './json-path/json-path.js'
import { createPageData, type PageData } from './page-data.js'
import {
  joinUrl,
  normalizeMethod,
  type PageRequest,
  snapshotRequest,
  toOutgoingRequest,
} from './page-request.js'
import { DetectedPageNumberPaginator } from './paginators/detected-page-number-paginator.js'
import { BasePaginator, checkPaginator, type Paginator } from './paginators/paginator.js'
import { detectPaginator } from './paginators/paginator-detector.js'
import { createResponseHooks } from './response-actions.js'
import type { PaginateOptions } from './rest-client-config.js'
import type { RESTResponse } from './rest-response.js'
import { sendRequest } from './send-request.js'

/** Yields the pages of `path`. */
export async function* paginate<T>(
  core: ClientCore,
  path: string,
  options: PaginateOptions,
): AsyncGenerator<PageData<T>, void, undefined> {
  const { request, auth, hooks } = setUp(core, path, options)
  let selector =
    options.dataSelector === undefined ? core.dataSelector : compileJsonPath(options.dataSelector)
  let paginator = choosePaginator(core, options)
  if (paginator) prepare(paginator, core, request)
  // Fixed by the first request: next pages elsewhere do not widen it.
  let authOrigins: OriginSet | undefined
  while (true) {
    const sent = snapshotRequest(request)
    const outgoing = toOutgoingRequest(request)
    authOrigins ??= callAuthOrigins(core, outgoing.url)
    const { response, ignored } = await sendRequest(core, outgoing, {
      auth,
      authOrigins,
      hooks,
      signal: options.signal,
    })
    if (ignored) return
    response.raiseForStatus()
    selector ??= detectSelector(core, response)
    const data = extractResponseData(response.json(), selector)
    paginator ??= detect(core, response, data)
    paginator.updateState(response, data)
    if (paginator.hasNextPage) paginator.updateRequest(request)
    const isRepeat = paginator instanceof DetectedPageNumberPaginator && paginator.isRepeatedPage
    if (!isRepeat) yield createPageData(data as T[], { request: sent, response, paginator, auth })
    if (!paginator.hasNextPage) {
      core.logger.info(`Paginator ${paginator} has no more pages`)
      return
    }
  }
}

/** The request, auth and hooks of one pagination. */
function setUp(core: ClientCore, path: string, options: PaginateOptions) {
  const responseHooks = [
    ...(options.hooks?.response ?? []),
    ...createResponseHooks(options.responseActions),
  ]
  return {
    request: createPageRequest(core, path, options),
    auth: options.auth ?? core.auth,
    hooks: mergeHooks(core.hooks, {
      response: responseHooks,
      beforeRetry: options.hooks?.beforeRetry ?? [],
    }),
  }
}

function createPageRequest(core: ClientCore, path: string, options: PaginateOptions): PageRequest {
  return {
    method: normalizeMethod(options.method ?? 'GET'),
    url: joinUrl(core.baseUrl, path),
    headers: { ...core.headers, ...options.headers },
    params: { ...options.params },
    json: options.json === undefined ? undefined : structuredClone(options.json),
  }
}

/** The call's paginator as it is, else a clone of the client's, else none (detect it). */
function choosePaginator(core: ClientCore, options: PaginateOptions): Paginator | undefined {
  if (options.paginator !== undefined) return checkPaginator(options.paginator, 'paginator')
  return core.paginator?.clone?.() ?? core.paginator
}

function prepare(paginator: Paginator, core: ClientCore, request: PageRequest): void {
  if (paginator instanceof BasePaginator) paginator.attachLogger(core.logger)
  paginator.initRequest(request)
}

function detectSelector(core: ClientCore, response: RESTResponse): CompiledJsonPath {
  const selector = detectDataSelector(response.json())
  core.logger.info(`Detected page data at "${selector}" in ${response.request.url}`)
  return compileJsonPath(selector)
}

function detect(core: ClientCore, response: RESTResponse, data: readonly unknown[]): Paginator {
  const { paginator, score } = detectPaginator(response)
  if (paginator instanceof BasePaginator) paginator.attachLogger(core.logger)
  if (score === 1) core.logger.info(`Detected paginator ${paginator}`)
  else if (score > 0)
    core.logger.warn(
      `Detected paginator ${paginator}; its settings were guessed, pass one explicitly`,
    )
  else if (data.length > 1)
    core.logger.warn(
      `No paginator detected, reading one page only; pass a paginator if there are more`,
    )
  return paginator
}
