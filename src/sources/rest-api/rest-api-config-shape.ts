/**
 * @module The structure of a `RestApiConfig` as a `Shape`: what `validateRestApiConfig` checks
 * before any request, and the source of `restApiConfigJsonSchema`.
 */

import { MERGE_STRATEGIES, WRITE_DISPOSITIONS } from '../../schema/schema-types.js'
import { API_KEY_LOCATIONS, type Auth, type Paginator } from '../rest-client/index.js'
import { type ObjectShape, type Shape, s } from './config-shape/shape.js'
import { isPlainObject } from './config-shape/validate-shape.js'
import { AUTH_TYPES, PAGINATOR_TYPES } from './rest-api-config.js'

/** True for a `Paginator` instance (an object with `updateState` and `updateRequest`). */
export function isPaginatorInstance(value: unknown): value is Paginator {
  const v = value as Partial<Paginator> | null
  return (
    !isPlainObject(value) &&
    typeof v?.updateState === 'function' &&
    typeof v.updateRequest === 'function'
  )
}

/** True for an `Auth` instance (an object with `authenticate`). */
export function isAuthInstance(value: unknown): value is Auth {
  return (
    !isPlainObject(value) && typeof (value as Partial<Auth> | null)?.authenticate === 'function'
  )
}

const str = s.string()
const int0 = s.integer({ minimum: 0 })
const totalPath = s.nullable(s.string({ description: 'JSONPath of the total; null: none' }))

/** The reason for a dlt key dlt-ts does not take. */
const notPorted = (detail: string) => `is a dlt option that dlt-ts does not support: ${detail}`

const typed = (type: readonly string[], props: Record<string, Shape>, required: string[] = []) =>
  s.object({ type: s.oneOf(type), ...props }, { required: ['type', ...required] })

const paginatorObject = s.union(
  [
    typed(['json_link', 'json_response'], { nextUrlPath: str }),
    typed(['header_link'], { linksNextKey: str }),
    s.object(
      { type: s.oneOf(['cursor']), cursorPath: str, cursorParam: str, cursorBodyPath: str },
      {
        required: ['type'],
        unsupported: {
          stop_after_empty_page: notPorted('the cursor paginator stops when the cursor is empty'),
          has_more_path: notPorted('the cursor paginator stops when the cursor is empty'),
        },
      },
    ),
    typed(['header_cursor'], { cursorKey: str, cursorParam: str }),
    typed(
      ['offset'],
      {
        limit: s.integer({ minimum: 1 }),
        offset: int0,
        offsetParam: str,
        limitParam: str,
        offsetBodyPath: str,
        limitBodyPath: str,
        totalPath,
        maximumOffset: int0,
        stopAfterEmptyPage: s.boolean(),
        hasMorePath: str,
      },
      ['limit'],
    ),
    typed(['page_number'], {
      basePage: int0,
      page: int0,
      pageParam: str,
      pageBodyPath: str,
      totalPath,
      maximumPage: int0,
      stopAfterEmptyPage: s.boolean(),
      hasMorePath: str,
    }),
    typed(['single_page', 'auto'], {}),
  ],
  { discriminator: 'type' },
)

/** A paginator: a type name, `{ type, … }` or an instance. */
export const paginatorShape: Shape = s.nullable(
  s.union([
    s.oneOf(PAGINATOR_TYPES),
    paginatorObject,
    s.instance('Paginator instance', isPaginatorInstance),
  ]),
)

const secretStr = s.string({ secret: true })
const authObject = s.union(
  [
    s.object({ type: s.oneOf(['bearer']), token: secretStr }),
    typed(['api_key'], { apiKey: secretStr, name: str, location: s.oneOf(API_KEY_LOCATIONS) }),
    typed(['http_basic'], { username: str, password: secretStr }),
    s.object(
      {
        type: s.oneOf(['oauth2_client_credentials']),
        accessTokenUrl: str,
        clientId: str,
        clientSecret: secretStr,
        accessTokenRequestData: s.record(s.union([s.string(), s.number(), s.boolean()])),
        defaultTokenExpiration: int0,
        tokenRefreshMargin: int0,
      },
      {
        required: ['type'],
        unsupported: {
          access_token: notPorted('the token is always requested from `accessTokenUrl`'),
          session: notPorted('pass `clientSettings.fetch` to restApiSource'),
        },
      },
    ),
  ],
  { discriminator: 'type', fallback: 0 },
)

/** Credentials: a type name, `{ type, … }` or an `Auth` instance. */
export const authShape: Shape = s.nullable(
  s.union([s.oneOf(AUTH_TYPES), authObject, s.instance('Auth instance', isAuthInstance)]),
)

const incrementalArgs: Record<string, Shape> = {
  cursorPath: s.string({ description: "Path of the cursor in each record, e.g. 'updated_at'" }),
  initialValue: s.any(),
  endValue: s.any(),
  lastValueFunc: s.oneOf(['max', 'min']),
  primaryKey: s.union([str, s.array(str)]),
  rowOrder: s.oneOf(['asc', 'desc']),
  onCursorValueMissing: s.oneOf(['raise', 'include', 'exclude']),
  lag: s.number({ minimum: 0 }),
  rangeStart: s.oneOf(['open', 'closed']),
  rangeEnd: s.oneOf(['open', 'closed']),
  convert: s.fn(),
}
const incrementalUnsupported = {
  allow_external_schedulers: notPorted('dlt-ts has no external schedulers'),
}

const resolveParam = s.object(
  { type: s.oneOf(['resolve']), resource: str, field: str },
  { required: ['type', 'resource', 'field'] },
)
const incrementalParam = s.object(
  { type: s.oneOf(['incremental']), ...incrementalArgs },
  { required: ['type', 'cursorPath'], unsupported: incrementalUnsupported },
)
const scalar = s.union([s.string(), s.number(), s.boolean()])
const paramValue = s.nullable(
  s.union([
    s.string(),
    s.number(),
    s.boolean(),
    s.array(scalar),
    s.union([resolveParam, incrementalParam], { discriminator: 'type' }),
  ]),
)

const responseAction = s.union([
  s.fn(),
  s.object({
    statusCode: s.integer({ minimum: 100 }),
    content: str,
    action: s.union([s.oneOf(['ignore']), s.fn(), s.array(s.fn())]),
  }),
])

/** `endpoint`: how a resource requests its data. */
export const endpointShape: ObjectShape = s.object(
  {
    path: s.string({ description: 'Path under client.baseUrl, with {placeholders}' }),
    method: s.oneOf(['GET', 'POST', 'get', 'post']),
    params: s.nullable(s.record(paramValue)),
    json: s.nullable(s.any({ description: 'JSON body; {{ and }} are literal braces' })),
    headers: s.nullable(s.record(s.string())),
    paginator: paginatorShape,
    dataSelector: s.nullable(s.string({ description: 'JSONPath of the records' })),
    responseActions: s.nullable(s.array(responseAction)),
    incremental: s.nullable(
      s.object(
        { startParam: str, endParam: str, ...incrementalArgs },
        { required: ['cursorPath'], unsupported: incrementalUnsupported },
      ),
    ),
    auth: authShape,
  },
  {
    unsupported: {
      data: notPorted('form and raw bodies are not sent; use `json`'),
    },
  },
)

const timestamp = s.union([
  s.string({ description: 'ISO 8601 date or date-time' }),
  s.number({ description: 'Unix seconds' }),
  s.instance('Date', (value) => value instanceof Date),
])
const columns = s.nullable(s.record(s.record(s.any())))
const keys = s.nullable(s.union([str, s.array(str)]))

/** What a resource and `resourceDefaults` may set. */
export const resourceBaseProperties: Record<string, Shape> = {
  endpoint: s.union([s.string(), endpointShape]),
  includeFromParent: s.nullable(s.array(str)),
  tableName: s.nullable(s.union([str, s.fn()])),
  writeDisposition: s.nullable(
    s.union([
      s.oneOf(WRITE_DISPOSITIONS),
      s.object(
        {
          disposition: s.oneOf(WRITE_DISPOSITIONS),
          strategy: s.oneOf(MERGE_STRATEGIES),
          deduplicated: s.boolean(),
          validityColumnNames: s.nullable(s.array(str)),
          activeRecordTimestamp: s.nullable(timestamp),
          boundaryTimestamp: s.nullable(timestamp),
          rowVersionColumnName: str,
          retireAbsentRows: s.boolean(),
        },
        { required: ['disposition'] },
      ),
    ]),
  ),
  primaryKey: keys,
  mergeKey: keys,
  columns,
  schemaContract: s.nullable(
    s.union([s.oneOf(['evolve', 'freeze', 'discard_row', 'discard_value']), s.record(str)]),
  ),
  maxTableNesting: s.nullable(int0),
  loaderFileFormat: s.nullable(s.oneOf(['jsonl', 'parquet', 'insert_values', 'csv'])),
  selected: s.nullable(s.boolean()),
  parallelized: s.nullable(s.boolean()),
  processingSteps: s.nullable(
    s.array(s.union([s.object({ filter: s.fn() }), s.object({ map: s.fn() })])),
  ),
  concurrency: s.nullable(s.integer({ minimum: 1 })),
}

/** dlt's spellings of resource keys that are not the snake_case of ours, and keys not ported. */
const resourceKeys = {
  aliases: { file_format: 'loaderFileFormat' },
  unsupported: {
    table_format: notPorted('tables are plain tables'),
    nested_hints: notPorted('give hints of nested tables in code'),
    references: notPorted('table references are not kept'),
    parent_table_name: notPorted('nested tables get their parent from the data'),
  },
} as const

/** The whole `RestApiConfig`. */
export const restApiConfigShape: ObjectShape = s.object(
  {
    client: s.object(
      {
        baseUrl: s.string({ description: 'Prefix of every endpoint path' }),
        headers: s.nullable(s.record(s.string())),
        auth: authShape,
        authOrigins: s.nullable(
          s.array(s.string({ description: 'An origin besides that of baseUrl that gets auth' })),
        ),
        paginator: paginatorShape,
      },
      {
        required: ['baseUrl'],
        unsupported: {
          session:
            "dlt's requests `Session` has no counterpart; pass `clientSettings.fetch` to restApiSource instead",
        },
      },
    ),
    resourceDefaults: s.nullable(
      s.object({ ...resourceBaseProperties, endpoint: endpointShape }, resourceKeys),
    ),
    resources: s.array(
      s.union([
        s.string({ description: 'A resource whose name is also its path' }),
        s.object({ name: str, ...resourceBaseProperties }, { required: ['name'], ...resourceKeys }),
      ]),
    ),
  },
  { required: ['client', 'resources'] },
)
