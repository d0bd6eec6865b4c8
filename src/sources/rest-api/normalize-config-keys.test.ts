import { describe, expect, expectTypeOf, it } from 'vitest'
import type { DltRestApiConfig, RestApiConfigInput } from './dlt-rest-api-config.js'
import { normalizeConfigKeys } from './normalize-config-keys.js'
import { isRestApiConfigError } from './rest-api-config-error.js'
import { restApiSource } from './rest-api-source.js'
import { validateRestApiConfig } from './validate-rest-api-config.js'

/** The issues of validating `config`, as `path: message` lines. */
function issuesOf(config: unknown): string[] {
  try {
    validateRestApiConfig(config)
    return []
  } catch (error) {
    if (!isRestApiConfigError(error)) throw error
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`)
  }
}

/** A Python `rest_api` config, key for key as a dlt project writes it. */
const pythonConfig = {
  client: {
    base_url: 'https://api.example.com/v1/',
    headers: { 'X-Client_Name': 'dlt', user_agent: 'x' },
    auth: { type: 'bearer', token: 'tok_12345678' },
    paginator: { type: 'json_link', next_url_path: 'paging.next_page' },
  },
  resource_defaults: {
    primary_key: 'id',
    write_disposition: 'merge',
    endpoint: { params: { per_page: 100, sort_by: 'created_at' } },
  },
  resources: [
    {
      name: 'issues',
      table_name: 'gh_issues',
      max_table_nesting: 1,
      schema_contract: { tables: 'evolve', data_type: 'freeze' },
      file_format: 'jsonl',
      merge_key: 'repo_id',
      columns: { created_at: { data_type: 'timestamp' }, 'odd Column': { nullable: false } },
      endpoint: {
        path: 'issues',
        data_selector: 'data.open_items',
        headers: { 'x-api_version': '2' },
        json: { page_size: 10, filter: { label_name: 'bug' } },
        response_actions: [{ status_code: 404, action: 'ignore' }],
        paginator: {
          type: 'offset',
          limit: 10,
          offset_param: 'start_at',
          limit_param: 'max_results',
          total_path: 'total_count',
          stop_after_empty_page: false,
          has_more_path: 'has_more',
        },
        incremental: {
          start_param: 'updated_since',
          end_param: 'updated_until',
          cursor_path: 'updated_at',
          initial_value: '2024-01-01T00:00:00Z',
          end_value: '2024-02-01T00:00:00Z',
          last_value_func: 'max',
          on_cursor_value_missing: 'include',
          row_order: 'asc',
          range_start: 'open',
          range_end: 'closed',
        },
      },
    },
    {
      name: 'comments',
      include_from_parent: ['id', 'created_at'],
      write_disposition: {
        disposition: 'merge',
        strategy: 'scd2',
        validity_column_names: ['valid_from', 'valid_to'],
        active_record_timestamp: '9999-12-31',
        boundary_timestamp: '2024-01-01T00:00:00Z',
        row_version_column_name: 'row_hash',
      },
      endpoint: {
        path: 'issues/{issue_id}/comments',
        params: {
          issue_id: { type: 'resolve', resource: 'issues', field: 'id' },
          page_size: 50,
        },
        paginator: { type: 'page_number', base_page: 1, page_param: 'page_no', total_path: null },
        auth: { type: 'api_key', api_key: 'key_12345678', name: 'x_api_key', location: 'query' },
      },
    },
    {
      name: 'events',
      write_disposition: { disposition: 'merge', strategy: 'insert-only' },
      endpoint: {
        path: 'events',
        params: { created_after: { type: 'incremental', cursor_path: 'created_at' } },
        paginator: { type: 'cursor', cursor_path: 'meta.next_cursor', cursor_param: 'after_id' },
        auth: {
          type: 'oauth2_client_credentials',
          access_token_url: 'https://auth.example.com/token',
          client_id: 'client_1',
          client_secret: 'secret_12345678',
          access_token_request_data: { grant_scope: 'read_all' },
          default_token_expiration: 600,
        },
      },
    },
    {
      name: 'users',
      endpoint: {
        path: 'users',
        paginator: { type: 'header_cursor', cursor_key: 'x-next_cursor', cursor_param: 'next_id' },
        auth: { type: 'http_basic', username: 'ann', password: 'pw_12345678' },
      },
    },
    { name: 'teams', endpoint: { paginator: { type: 'header_link', links_next_key: 'next' } } },
  ],
}

describe('normalizeConfigKeys', () => {
  it('turns every dlt snake_case key into the camelCase key, at every level', () => {
    const { config, issues } = normalizeConfigKeys(pythonConfig)
    expect(issues).toEqual([])
    expect(config).toEqual({
      client: {
        baseUrl: 'https://api.example.com/v1/',
        headers: { 'X-Client_Name': 'dlt', user_agent: 'x' },
        auth: { type: 'bearer', token: 'tok_12345678' },
        paginator: { type: 'json_link', nextUrlPath: 'paging.next_page' },
      },
      resourceDefaults: {
        primaryKey: 'id',
        writeDisposition: 'merge',
        endpoint: { params: { per_page: 100, sort_by: 'created_at' } },
      },
      resources: [
        {
          name: 'issues',
          tableName: 'gh_issues',
          maxTableNesting: 1,
          schemaContract: { tables: 'evolve', data_type: 'freeze' },
          loaderFileFormat: 'jsonl',
          mergeKey: 'repo_id',
          columns: { created_at: { data_type: 'timestamp' }, 'odd Column': { nullable: false } },
          endpoint: {
            path: 'issues',
            dataSelector: 'data.open_items',
            headers: { 'x-api_version': '2' },
            json: { page_size: 10, filter: { label_name: 'bug' } },
            responseActions: [{ statusCode: 404, action: 'ignore' }],
            paginator: {
              type: 'offset',
              limit: 10,
              offsetParam: 'start_at',
              limitParam: 'max_results',
              totalPath: 'total_count',
              stopAfterEmptyPage: false,
              hasMorePath: 'has_more',
            },
            incremental: {
              startParam: 'updated_since',
              endParam: 'updated_until',
              cursorPath: 'updated_at',
              initialValue: '2024-01-01T00:00:00Z',
              endValue: '2024-02-01T00:00:00Z',
              lastValueFunc: 'max',
              onCursorValueMissing: 'include',
              rowOrder: 'asc',
              rangeStart: 'open',
              rangeEnd: 'closed',
            },
          },
        },
        {
          name: 'comments',
          includeFromParent: ['id', 'created_at'],
          writeDisposition: {
            disposition: 'merge',
            strategy: 'scd2',
            validityColumnNames: ['valid_from', 'valid_to'],
            activeRecordTimestamp: '9999-12-31',
            boundaryTimestamp: '2024-01-01T00:00:00Z',
            rowVersionColumnName: 'row_hash',
          },
          endpoint: {
            path: 'issues/{issue_id}/comments',
            params: {
              issue_id: { type: 'resolve', resource: 'issues', field: 'id' },
              page_size: 50,
            },
            paginator: { type: 'page_number', basePage: 1, pageParam: 'page_no', totalPath: null },
            auth: { type: 'api_key', apiKey: 'key_12345678', name: 'x_api_key', location: 'query' },
          },
        },
        {
          name: 'events',
          writeDisposition: { disposition: 'merge', strategy: 'insert-only' },
          endpoint: {
            path: 'events',
            params: { created_after: { type: 'incremental', cursorPath: 'created_at' } },
            paginator: { type: 'cursor', cursorPath: 'meta.next_cursor', cursorParam: 'after_id' },
            auth: {
              type: 'oauth2_client_credentials',
              accessTokenUrl: 'https://auth.example.com/token',
              clientId: 'client_1',
              clientSecret: 'secret_12345678',
              accessTokenRequestData: { grant_scope: 'read_all' },
              defaultTokenExpiration: 600,
            },
          },
        },
        {
          name: 'users',
          endpoint: {
            path: 'users',
            paginator: {
              type: 'header_cursor',
              cursorKey: 'x-next_cursor',
              cursorParam: 'next_id',
            },
            auth: { type: 'http_basic', username: 'ann', password: 'pw_12345678' },
          },
        },
        { name: 'teams', endpoint: { paginator: { type: 'header_link', linksNextKey: 'next' } } },
      ],
    })
  })

  it('passes the whole Python config through validation', () => {
    expect(issuesOf(pythonConfig)).toEqual([])
    expect(validateRestApiConfig(pythonConfig).map((plan) => plan.name)).toEqual([
      'issues',
      'comments',
      'events',
      'users',
      'teams',
    ])
  })

  it('keeps the keys of params, json, headers and columns as given', () => {
    const { config } = normalizeConfigKeys({
      client: { base_url: 'https://x/', headers: { base_url: 'h' } },
      resources: [
        {
          name: 'a',
          columns: { primary_key: { data_type: 'text' } },
          endpoint: {
            params: {
              data_selector: 'p',
              cursor_path: { type: 'resolve', resource: 'b', field: 'x' },
            },
            json: { resource_defaults: { base_url: 1 } },
            headers: { write_disposition: 'h' },
          },
        },
      ],
    }) as { config: any }
    expect(config.client.headers).toEqual({ base_url: 'h' })
    const [resource] = config.resources
    expect(resource.columns).toEqual({ primary_key: { data_type: 'text' } })
    expect(resource.endpoint.params).toEqual({
      data_selector: 'p',
      cursor_path: { type: 'resolve', resource: 'b', field: 'x' },
    })
    expect(resource.endpoint.json).toEqual({ resource_defaults: { base_url: 1 } })
    expect(resource.endpoint.headers).toEqual({ write_disposition: 'h' })
  })

  it('leaves a camelCase config as it is, and does not change its argument', () => {
    const camel = {
      client: { baseUrl: 'https://x/', auth: { token: 't' }, authOrigins: ['https://y'] },
      resourceDefaults: { primaryKey: 'id' },
      resources: ['a', { name: 'b', concurrency: 2, endpoint: { dataSelector: '$' } }],
    }
    const before = structuredClone(camel)
    expect(normalizeConfigKeys(camel)).toEqual({ config: camel, issues: [] })
    const python = structuredClone(pythonConfig)
    normalizeConfigKeys(python)
    expect(python).toEqual(pythonConfig)
    expect(camel).toEqual(before)
  })

  it('allows both styles in one config, but not one key in both spellings', () => {
    expect(
      issuesOf({
        client: { base_url: 'https://x/', authOrigins: ['https://y'] },
        resources: [{ name: 'a', primaryKey: 'id', write_disposition: 'merge' }],
      }),
    ).toEqual([])
    expect(
      issuesOf({
        client: { base_url: 'https://x/', baseUrl: 'https://y/' },
        resources: [{ name: 'a', endpoint: { data_selector: '$', dataSelector: 'items' } }],
      }),
    ).toEqual([
      'client: sets `baseUrl` twice, as `base_url` and `baseUrl`: keep one',
      'resources[0].endpoint: sets `dataSelector` twice, as `data_selector` and `dataSelector`: keep one',
    ])
  })

  it('reports problems with this package’s names', () => {
    expect(
      issuesOf({
        client: { base_url: 'https://x/' },
        resources: [{ name: 'a', write_disposition: 'upsert', schema_contract: 'strict' }],
      }),
    ).toEqual([
      "resources[0].writeDisposition: must be one of 'append', 'replace', 'merge', 'skip'; got \"upsert\"",
      "resources[0].schemaContract: must be one of 'evolve', 'freeze', 'discard_row', 'discard_value'; got \"strict\"",
    ])
  })
})

describe('unknown keys', () => {
  const client = { base_url: 'https://x/' }
  it.each<[string, unknown, string]>([
    [
      'a misspelled snake_case key',
      { client, resources: [{ name: 'a', endpoint: { data_selecter: '$' } }] },
      'resources[0].endpoint: unknown key `data_selecter`: did you mean `dataSelector` (`data_selector`)?',
    ],
    [
      'a misspelled camelCase key',
      { client, resources: [{ name: 'a', endpoint: { dataSelecter: '$' } }] },
      'resources[0].endpoint: unknown key `dataSelecter`: did you mean `dataSelector`?',
    ],
    [
      'a singular for a plural',
      { client, resource: [] },
      ': unknown key `resource`: did you mean `resources`?',
    ],
    [
      'a key in the wrong case',
      { client: { baseurl: 'https://x/' }, resources: [] },
      'client: unknown key `baseurl`: did you mean `baseUrl`?',
    ],
    [
      'a paginator option',
      {
        client: { ...client, paginator: { type: 'json_link', next_url: 'next' } },
        resources: [],
      },
      'client.paginator: unknown key `next_url`: did you mean `nextUrlPath` (`next_url_path`)?',
    ],
    [
      'an incremental option',
      {
        client,
        resources: [
          { name: 'a', endpoint: { incremental: { cursor_path: 'u', inital_value: 1 } } },
        ],
      },
      'resources[0].endpoint.incremental: unknown key `inital_value`: did you mean `initialValue` (`initial_value`)?',
    ],
    [
      'an scd2 option',
      {
        client,
        resources: [
          {
            name: 'a',
            write_disposition: { disposition: 'merge', strategy: 'scd2', validity_columns: [] },
          },
        ],
      },
      'resources[0].writeDisposition: unknown key `validity_columns`: did you mean `validityColumnNames` (`validity_column_names`)?',
    ],
    [
      'a key nothing resembles, with the known keys',
      { client: { ...client, zzzz: 1 }, resources: [] },
      'client: unknown key `zzzz` (known: baseUrl, headers, auth, authOrigins, paginator)',
    ],
    [
      'a dlt key that dlt-ts does not support',
      { client: { ...client, session: {} }, resources: [] },
      "client: unknown key `session`: dlt's requests `Session` has no counterpart; pass `clientSettings.fetch` to restApiSource instead",
    ],
  ])('names the nearest key for %s', (_title, config, line) => {
    expect(issuesOf(config)).toContain(line)
  })
})

describe('DltRestApiConfig', () => {
  it('types a config written as in Python dlt, which restApiSource takes', () => {
    const config = {
      client: {
        base_url: 'https://pokeapi.co/api/v2/',
        paginator: { type: 'json_link', next_url_path: 'next' },
        auth: { type: 'api_key', api_key: 'k_12345678', name: 'x-key', location: 'query' },
      },
      resource_defaults: {
        primary_key: 'id',
        write_disposition: {
          disposition: 'merge',
          strategy: 'scd2',
          validity_column_names: ['f', 't'],
        },
        file_format: 'jsonl',
        endpoint: { params: { limit: 1000 } },
      },
      resources: [
        { name: 'pokemon', endpoint: { path: 'pokemon', data_selector: 'results' } },
        {
          name: 'details',
          include_from_parent: ['name'],
          processing_steps: [{ filter: (r: { name: string }) => r.name !== 'x' }],
          endpoint: {
            path: 'pokemon/{name}',
            params: { name: { type: 'resolve', resource: 'pokemon', field: 'name' } },
            response_actions: [{ status_code: 404, action: 'ignore' }],
            incremental: { cursor_path: 'updated_at', start_param: 'since' },
          },
        },
      ],
    } satisfies DltRestApiConfig
    expectTypeOf(config).toMatchTypeOf<RestApiConfigInput>()
    const source = restApiSource(config)
    expect(Object.keys(source.resources)).toEqual(['pokemon', 'details'])
    const misspelled = {
      client: { base_url: 'https://x/' },
      // @ts-expect-error: a misspelled key is a type error, as in the camelCase config
      resources: [{ name: 'a', endpoint: { data_selecter: '$' } }],
    } satisfies DltRestApiConfig
    expect(() => restApiSource(misspelled as DltRestApiConfig)).toThrow(/did you mean/)
  })
})
