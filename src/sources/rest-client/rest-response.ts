/**
 * @module `RESTResponse`: a response whose body has already been read, so it can be inspected
 * many times and synchronously (by paginators, data selection, hooks and errors). It is what
 * `RESTClient.request()` returns and what every page carries.
 */
import { createHttpError, type MaskedRequest, truncateBody } from './http-errors.js'
import { type LinkValue, parseLinkHeader } from './link-header.js'
import { ResponseFormatError } from './rest-client-errors.js'

/** How a response turns itself into an error: set by the client that received it. */
export interface ResponseErrorContext {
  /** The request as it may be shown (masked). */
  readonly request: MaskedRequest
  readonly maskText: (text: string) => string
  readonly showErrorBody: boolean
  readonly maxErrorBodyLength: number
  /** Attempts made when this response arrived. */
  readonly attempts: number
}

/** @internal What `RESTResponse` is built from. */
export interface RESTResponseInit {
  readonly url: string
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  readonly text: string
  readonly context: ResponseErrorContext
}

const NOT_PARSED: unique symbol = Symbol('not parsed')

/** An HTTP response with its body read. `json()` and `text()` are synchronous. */
export class RESTResponse {
  /** The final URL (after redirects), unmasked. */
  readonly url: string
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  readonly #text: string
  readonly #context: ResponseErrorContext
  #json: unknown = NOT_PARSED
  #links: Record<string, LinkValue> | undefined

  /** @internal Responses are created by `RESTClient`. */
  constructor(init: RESTResponseInit) {
    this.url = init.url
    this.status = init.status
    this.statusText = init.statusText
    this.headers = init.headers
    this.#text = init.text
    this.#context = init.context
  }

  /** True for a 2xx status. */
  get ok(): boolean {
    return this.status >= 200 && this.status <= 299
  }

  /** The request that produced this response, with secrets masked. */
  get request(): MaskedRequest {
    return this.#context.request
  }

  /** The body as text. */
  text(): string {
    return this.#text
  }

  /**
   * The body parsed as JSON, cached. An empty body is `null`. Throws `ResponseFormatError` (with the
   * masked URL) when the body is not JSON.
   */
  json<T = unknown>(): T {
    if (this.#json === NOT_PARSED) this.#json = this.#parse()
    return this.#json as T
  }

  /** The `Link` header's links by relation: `response.links.next?.url`. */
  get links(): Readonly<Record<string, LinkValue>> {
    this.#links ??= parseLinkHeader(this.headers.get('link'))
    return this.#links
  }

  /**
   * A copy with `value` as its JSON body (and optionally another status): how a response hook
   * rewrites a response.
   */
  withJson(value: unknown, status: number = this.status): RESTResponse {
    return new RESTResponse({
      url: this.url,
      status,
      statusText: status === this.status ? this.statusText : '',
      headers: new Headers(this.headers),
      text: JSON.stringify(value) ?? '',
      context: this.#context,
    })
  }

  /** Throws the matching `HttpError` for a status of 400 or more (requests' `raise_for_status`). */
  raiseForStatus(): void {
    if (this.status < 400) return
    const { request, maskText, showErrorBody, maxErrorBodyLength, attempts } = this.#context
    const text = this.#text.trim()
    const body =
      showErrorBody && text && maxErrorBodyLength > 0
        ? truncateBody(maskText(text), maxErrorBodyLength)
        : undefined
    throw createHttpError({ request, response: this, body, attempts })
  }

  #parse(): unknown {
    if (this.#text.trim() === '') return null
    try {
      return JSON.parse(this.#text)
    } catch (error) {
      const type = this.headers.get('content-type') ?? 'no content-type'
      const { request } = this.#context
      throw new ResponseFormatError(
        request.method,
        request.url,
        this.status,
        `the body is not valid JSON (${type})`,
        { cause: error as Error },
      )
    }
  }
}
