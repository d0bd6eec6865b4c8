/**
 * @module The structure of a `RestApiConfig` as a `Shape`: what `validateRestApiConfig` checks
 * before any request, and the source of `restApiConfigJsonSchema`.
 */
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

const typed = (type: readonly string[], props: Record<string, Shape>, required: string[] = []) =>
  s.object({ type: s.oneOf(type), ...props }, { required: ['type', ...required] })

const paginatorObject = s.union(
  [
    typed(['json_link', 'json_response'], { nextUrlPath: str }),
    typed(['header_link'], { linksNextKey: str }),
    typed(['cursor'], { cursorPath: str, cursorParam: str, cursorBodyPath: str }),
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
    typed(['oauth2_client_credentials'], {
      accessTokenUrl: str,
      clientId: str,
      clientSecret: secretStr,
      accessTokenRequestData: s.record(s.union([s.string(), s.number(), s.boolean()])),
      defaultTokenExpiration: int0,
      tokenRefreshMargin: int0,
    }),
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

const resolveParam = s.object(
  { type: s.oneOf(['resolve']), resource: str, field: str },
  { required: ['type', 'resource', 'field'] },
)
const incrementalParam = s.object(
  { type: s.oneOf(['incremental']), ...incrementalArgs },
  { required: ['type', 'cursorPath'] },
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
export const endpointShape: ObjectShape = s.object({
  path: s.string({ description: 'Path under client.baseUrl, with {placeholders}' }),
  method: s.oneOf(['GET', 'POST', 'get', 'post']),
  params: s.nullable(s.record(paramValue)),
  json: s.nullable(s.any({ description: 'JSON body; {{ and }} are literal braces' })),
  headers: s.nullable(s.record(s.string())),
  paginator: paginatorShape,
  dataSelector: s.nullable(s.string({ description: 'JSONPath of the records' })),
  responseActions: s.nullable(s.array(responseAction)),
  incremental: s.nullable(
    s.object({ startParam: str, endParam: str, ...incrementalArgs }, { required: ['cursorPath'] }),
  ),
  auth: authShape,
})

const columns = s.nullable(s.record(s.record(s.any())))
const keys = s.nullable(s.union([str, s.array(str)]))

/** What a resource and `resourceDefaults` may set. */
export const resourceBaseProperties: Record<string, Shape> = {
  endpoint: s.union([s.string(), endpointShape]),
  includeFromParent: s.nullable(s.array(str)),
  tableName: s.nullable(s.union([str, s.fn()])),
  writeDisposition: s.nullable(
    s.union([
      s.oneOf(['append', 'replace', 'merge', 'skip']),
      s.object(
        {
          disposition: s.oneOf(['append', 'replace', 'merge', 'skip']),
          strategy: s.oneOf(['delete-insert', 'upsert', 'scd2']),
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
      { required: ['baseUrl'] },
    ),
    resourceDefaults: s.nullable(s.object({ ...resourceBaseProperties, endpoint: endpointShape })),
    resources: s.array(
      s.union([
        s.string({ description: 'A resource whose name is also its path' }),
        s.object({ name: str, ...resourceBaseProperties }, { required: ['name'] }),
      ]),
    ),
  },
  { required: ['client', 'resources'] },
)
