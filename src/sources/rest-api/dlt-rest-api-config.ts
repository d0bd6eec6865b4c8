/**
 * @module `DltRestApiConfig`: the type of a `rest_api` config written as in Python dlt — every key
 * of `RestApiConfig` in snake_case (`base_url`, `data_selector`, `resource_defaults`,
 * `write_disposition`, dlt's `file_format` for `loaderFileFormat`), so a config pasted from a
 * Python project type-checks. Keys of user data (`params`, `headers`, `columns`, `json`) are
 * strings either way and stay as written. At run time both spellings are accepted, even mixed;
 * this type describes the all-snake_case form.
 */
import type { Auth, Paginator } from '../rest-client/index.js'
import type { RestApiConfig } from './rest-api-config.js'

/** `dataSelector` → `data_selector`; dlt's `file_format` for `loaderFileFormat`. */
export type SnakeCaseKey<K extends string> = K extends 'loaderFileFormat'
  ? 'file_format'
  : K extends `${infer Head}${infer Rest}`
    ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCaseKey<Rest>}`
    : K

/** `T` with the keys of its config objects in snake_case; functions and instances unchanged. */
export type SnakeCaseKeys<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends Paginator | Auth | Date
    ? T
    : T extends readonly (infer Item)[]
      ? readonly SnakeCaseKeys<Item>[]
      : T extends object
        ? { readonly [K in keyof T as K extends string ? SnakeCaseKey<K> : K]: SnakeCaseKeys<T[K]> }
        : T

/** A `rest_api` config as Python dlt writes it: `RestApiConfig` with snake_case keys. */
export type DltRestApiConfig = SnakeCaseKeys<RestApiConfig>

/** What `restApiSource` and `restApiResources` take: keys in camelCase or in dlt's snake_case. */
export type RestApiConfigInput = RestApiConfig | DltRestApiConfig
