import { describe, expect, it } from 'vitest'
import { OffsetPaginator } from '../rest-client/index.js'
import { restApiConfigJsonSchema, restApiSource } from './index.js'
import type { RestApiConfig } from './rest-api-config.js'
import { isRestApiConfigError, RestApiConfigError } from './rest-api-config-error.js'
import { validateRestApiConfig } from './validate-rest-api-config.js'

const client = { baseUrl: 'https://api.example.com/' }

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

describe('validateRestApiConfig', () => {
  it.each<[string, unknown, RegExp]>([
    ['a missing client', { resources: [] }, /^client: is required/],
    [
      'an unknown top-level key',
      { client, resources: [], resource: [] },
      /^: unknown key `resource`: did you mean `resources`\?/,
    ],
    [
      'a misspelled paginator type, with its path',
      {
        client,
        resources: ['a', { name: 'b', endpoint: { paginator: { type: 'ofset', limit: 1 } } }],
      },
      /^resources\[1\]\.endpoint\.paginator\.type: must be one of 'json_link'.*'offset'.*; got "ofset"/,
    ],
    [
      'an unknown paginator name',
      { client: { ...client, paginator: 'pages' }, resources: [] },
      /^client\.paginator: must be one of 'json_link'.*got "pages"/,
    ],
    [
      'an option of another paginator',
      {
        client,
        resources: [
          { name: 'a', endpoint: { paginator: { type: 'offset', limit: 10, pageParam: 'p' } } },
        ],
      },
      /^resources\[0\]\.endpoint\.paginator: unknown key `pageParam` \(known: type, limit, offset,/,
    ],
    [
      'a wrong type',
      { client, resources: [{ name: 'a', maxTableNesting: 'deep' }] },
      /^resources\[0\]\.maxTableNesting: must be an integer >= 0; got "deep"/,
    ],
    [
      'a resource without a name',
      { client, resources: [{ endpoint: 'x' }] },
      /^resources\[0\]\.name: is required/,
    ],
    [
      'an unknown method',
      { client, resources: [{ name: 'a', endpoint: { method: 'PUT' } }] },
      /^resources\[0\]\.endpoint\.method: must be one of 'GET', 'POST'/,
    ],
    [
      'an unknown endpoint key',
      { client, resources: [{ name: 'a', endpoint: { dataSelect: '$' } }] },
      /^resources\[0\]\.endpoint: unknown key `dataSelect`: did you mean `dataSelector`\?/,
    ],
    [
      'an unknown auth type',
      { client: { ...client, auth: { type: 'jwt', token: 'x' } }, resources: [] },
      /^client\.auth\.type: must be one of 'bearer', 'api_key', 'http_basic', 'oauth2_client_credentials'/,
    ],
    [
      'a child of an unknown resource',
      {
        client,
        resources: ['issues', { name: 'c', endpoint: 'isues/{resources.isues.number}/c' }],
      },
      /^resources\[1\]\.endpoint: refers to unknown resource "isues" \(resources: issues\)/,
    ],
    [
      'a resolve param of an unknown resource',
      {
        client,
        resources: [
          'issues',
          {
            name: 'c',
            endpoint: {
              path: 'i/{n}/c',
              params: { n: { type: 'resolve', resource: 'x', field: 'id' } },
            },
          },
        ],
      },
      /^resources\[1\]\.endpoint: refers to unknown resource "x"/,
    ],
    [
      'a resolve param missing from the path',
      {
        client,
        resources: [
          'issues',
          {
            name: 'c',
            endpoint: {
              path: 'c',
              params: { n: { type: 'resolve', resource: 'issues', field: 'id' } },
            },
          },
        ],
      },
      /^resources\[1\]\.endpoint\.params\.n: is a resolve parameter not used in the path/,
    ],
    [
      'a placeholder without a value',
      { client, resources: [{ name: 'a', endpoint: 'users/{user_id}' }] },
      /^resources\[0\]\.endpoint\.path: has an unknown placeholder \{user_id\}.*write \{\{ and \}\} for literal braces/,
    ],
    [
      'an unescaped brace in a JSON body',
      {
        client,
        resources: [
          {
            name: 'a',
            endpoint: { method: 'POST', json: { query: 'query { viewer { login } }' } },
          },
        ],
      },
      /^resources\[0\]\.endpoint\.json\.query: has an unknown placeholder \{ viewer \{ login \}.*write \{\{ and \}\} for literal braces|^resources\[0\]\.endpoint\.json\.query: has a bad placeholder.*literal braces/,
    ],
    [
      'an incremental placeholder without an incremental',
      {
        client,
        resources: [{ name: 'a', endpoint: { params: { since: '{incremental.startValue}' } } }],
      },
      /^resources\[0\]\.endpoint\.params\.since: uses \{incremental\.startValue\} but the endpoint has no incremental/,
    ],
    [
      'two parents',
      {
        client,
        resources: ['a', 'b', { name: 'c', endpoint: 'x/{resources.a.id}/{resources.b.id}' }],
      },
      /^resources\[2\]\.endpoint: refers to several parent resources \(a, b\)/,
    ],
    [
      'a cycle',
      {
        client,
        resources: [
          { name: 'a', endpoint: 'a/{resources.b.id}' },
          { name: 'b', endpoint: 'b/{resources.a.id}' },
        ],
      },
      /^resources\[0\]: is part of a cycle of parents: a → b → a/,
    ],
    [
      'includeFromParent without a parent',
      { client, resources: [{ name: 'a', includeFromParent: ['id'] }] },
      /^resources\[0\]\.includeFromParent: is set but the resource has no parent/,
    ],
    [
      'a duplicate resource',
      { client, resources: ['a', { name: 'a' }] },
      /^resources\[1\]: defines resource "a" a second time/,
    ],
    [
      'an end value in an incremental parameter',
      {
        client,
        resources: [
          {
            name: 'a',
            endpoint: { params: { since: { type: 'incremental', cursorPath: 'u', endValue: 1 } } },
          },
        ],
      },
      /^resources\[0\]\.endpoint\.params\.since\.endValue: is not allowed in a parameter/,
    ],
  ])('rejects %s', (_title, config, message) => {
    const issues = issuesOf(config)
    expect(
      issues.some((line) => message.test(line)),
      issues.join('\n'),
    ).toBe(true)
  })

  it('masks secrets in messages', () => {
    const config = {
      client: {
        ...client,
        auth: { type: 'api_key', apiKey: 'super-secret-key-123', location: 'body' },
      },
      resources: [],
    }
    const error = (() => {
      try {
        validateRestApiConfig({
          ...config,
          client: { ...config.client, auth: { token: 12345678 } },
        })
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.message).toMatch(/client\.auth\.token: must be a string; got a number/)
    const message = issuesOf(config).join('\n')
    expect(message).toMatch(/client\.auth\.location: must be one of 'header', 'query'/)
    expect(message).not.toContain('super-secret-key-123')
    const badType = issuesOf({
      client: { ...client, auth: { token: ['ghp_abcdefghijkl'] } },
      resources: [],
    })
    expect(badType.join('\n')).not.toContain('ghp_abcdefghijkl')
  })

  it('lists every problem at once', () => {
    const issues = issuesOf({
      client: {},
      resources: [{ name: 1 }, { name: 'b', selected: 'yes' }],
    })
    expect(issues).toHaveLength(3)
  })

  it('fails on a paginator its class cannot build, before any request', () => {
    expect(() =>
      restApiSource({ client, resources: [{ name: 'a', endpoint: { paginator: 'offset' } }] }),
    ).toThrow(RestApiConfigError)
    expect(() =>
      restApiSource({ client, resources: [{ name: 'a', endpoint: { paginator: 'offset' } }] }),
    ).toThrow(/resources\[0\]\.endpoint\.paginator: .*limit/)
  })

  it('accepts instances and functions', () => {
    const config: RestApiConfig = {
      client: { ...client, paginator: new OffsetPaginator({ limit: 10 }) },
      resources: [{ name: 'a', processingSteps: [{ filter: (r) => r.ok }, { map: (r) => r }] }],
    }
    expect(validateRestApiConfig(config).map((plan) => plan.name)).toEqual(['a'])
  })

  it('never changes the config it is given', () => {
    const config = {
      client: { ...client, auth: { type: 'bearer' as const, token: 'tok_12345678' } },
      resourceDefaults: { primaryKey: 'id', endpoint: { params: { per_page: 10 } } },
      resources: [
        'issues',
        { name: 'comments', endpoint: { path: 'issues/{id}/comments', params: { id: 5, q: 'x' } } },
      ],
    }
    const before = JSON.stringify(config)
    const frozen = structuredClone(config)
    deepFreeze(frozen)
    const source = restApiSource(frozen)
    expect(JSON.stringify(config)).toBe(before)
    expect(JSON.stringify(frozen)).toBe(before)
    expect(Object.keys(source.resources)).toEqual(['issues', 'comments'])
  })

  it('exports a JSON Schema of the config', () => {
    const schema = restApiConfigJsonSchema as {
      required: string[]
      properties: Record<string, { type?: string }>
      additionalProperties: boolean
    }
    expect(schema.required).toEqual(['client', 'resources'])
    expect(schema.properties['resources']?.type).toBe('array')
    expect(schema.additionalProperties).toBe(false)
    expect(JSON.stringify(schema)).toContain('"page_number"')
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
  })
})

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return
  Object.freeze(value)
  for (const item of Object.values(value)) deepFreeze(item)
}
