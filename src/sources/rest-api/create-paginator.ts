/**
 * @module Paginators from config: a type name (`'header_link'`), an object (`{ type: 'offset',
 * limit: 100 }`) or an instance. A paginator keeps state, so every pagination gets its own: the
 * result is a factory, and an instance given in the config is cloned per use when it can be.
 */
import {
  HeaderCursorPaginator,
  HeaderLinkPaginator,
  JSONLinkPaginator,
  JSONResponseCursorPaginator,
  OffsetPaginator,
  PageNumberPaginator,
  type Paginator,
  SinglePagePaginator,
} from '../rest-client/index.js'
import type { PaginatorConfig, PaginatorType } from './rest-api-config.js'
import { RestApiConfigError } from './rest-api-config-error.js'
import { isPaginatorInstance } from './rest-api-config-shape.js'

/** Creates a fresh paginator; `undefined` lets the client detect one. */
export type PaginatorFactory = () => Paginator | undefined

type PaginatorClass = new (config: any) => Paginator

/** dlt's `PAGINATOR_MAP`; `auto` detects. */
export const PAGINATOR_CLASSES: Readonly<Record<PaginatorType, PaginatorClass | undefined>> = {
  json_link: JSONLinkPaginator,
  json_response: JSONLinkPaginator,
  header_link: HeaderLinkPaginator,
  auto: undefined,
  single_page: SinglePagePaginator,
  cursor: JSONResponseCursorPaginator,
  header_cursor: HeaderCursorPaginator,
  offset: OffsetPaginator,
  page_number: PageNumberPaginator,
}

/**
 * The factory for `config`. It is called once here, so a paginator the config cannot build
 * (`'offset'` without `limit`) fails now, before any request, with a `RestApiConfigError` at `at`.
 */
export function createPaginatorFactory(
  config: PaginatorConfig | undefined,
  at: string,
): PaginatorFactory {
  let factory: PaginatorFactory
  if (config === undefined) factory = () => undefined
  else if (isPaginatorInstance(config)) {
    const instance = config
    factory = () => instance.clone?.() ?? instance
  } else {
    const { type, ...options } = typeof config === 'string' ? { type: config } : config
    const Class = PAGINATOR_CLASSES[type as PaginatorType]
    factory = Class ? () => new Class(options) : () => undefined
  }
  try {
    factory()
  } catch (error) {
    throw new RestApiConfigError([{ path: at, message: (error as Error).message }], {
      cause: error,
    })
  }
  return factory
}
