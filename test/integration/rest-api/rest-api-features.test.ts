/**
 * REST API source features against a local server, without a destination: auth from
 * configuration, the `resolve` parameter form, POST bodies with escaped braces and incremental
 * placeholders, the parameter form of incremental, processing steps and single-entity paths.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createProviders } from '../../../src/config/index.js'
import type { AnyResource } from '../../../src/extract/resource.js'
import {
  ParentFieldMissingError,
  type RestApiConfig,
  restApiResources,
} from '../../../src/sources/rest-api/index.js'
import { type GithubLikeServer, startGithubLikeServer } from './github-like-server.js'

let server: GithubLikeServer
const ENV_KEYS = ['SOURCES__FEATURES__TOKEN', 'SOURCES__TOKEN', 'TOKEN']
const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]))

beforeAll(async () => {
  server = await startGithubLikeServer({
    issues: [
      { id: 1, number: 1, title: 'a', updated_at: '2024-05-01T00:00:00Z' },
      { id: 2, number: 2, title: 'b', updated_at: '2024-05-02T00:00:00Z' },
    ],
    comments: new Map([[2, [{ id: 20, body: 'x' }]]]),
  })
})
afterAll(() => server.close())
afterEach(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
  server.requests.length = 0
})

/** Runs a resource (or a parent → child chain) the way the extractor does, collecting the items. */
async function collect(resource: AnyResource): Promise<unknown[]> {
  const items: unknown[] = []
  const context = { incremental: undefined, state: {} }
  const chain: AnyResource[] = []
  for (let r: AnyResource | undefined = resource; r; r = r.parent) chain.unshift(r)
  const feed = async (index: number, input?: Parameters<AnyResource['chunks']>[1]) => {
    const current = chain[index] as AnyResource
    for await (const chunk of current.chunks(context, input)) {
      if (index === chain.length - 1) items.push(...chunk.items)
      else await feed(index + 1, chunk)
    }
  }
  await feed(0)
  return items
}

const base = () => `${server.url}/repos/acme/widgets/`
const byName = (resources: AnyResource[], name: string) =>
  resources.find((r) => r.name === name) as AnyResource

describe('restApiResources', () => {
  it('reads a missing bearer token from the environment under sources.<name>', async () => {
    process.env['SOURCES__FEATURES__TOKEN'] = 'env_token_abcdef'
    const [issues] = restApiResources(
      { client: { baseUrl: base(), auth: 'bearer' }, resources: ['issues'] },
      { name: 'features' },
    )
    await collect(issues as AnyResource)
    expect(server.requests[0]?.headers.authorization).toBe('Bearer env_token_abcdef')
  })

  it('reads api_key and http_basic values from given providers', async () => {
    const env = {
      SOURCES__FEATURES__API_KEY: 'key_0123456789',
      SOURCES__FEATURES__PASSWORD: 'pw_0123456789',
    }
    const providers = createProviders({
      env,
      projectDir: '/nonexistent',
      globalDir: '/nonexistent',
    })
    const config: RestApiConfig = {
      client: { baseUrl: base() },
      resources: [
        { name: 'issues', endpoint: { auth: { type: 'api_key', name: 'x-api-key' } } },
        {
          name: 'other',
          endpoint: { path: 'issues', auth: { type: 'http_basic', username: 'ann' } },
        },
      ],
    }
    const resources = restApiResources(config, { name: 'features', providers })
    await collect(byName(resources, 'issues'))
    await collect(byName(resources, 'other'))
    expect(server.requests[0]?.headers['x-api-key']).toBe('key_0123456789')
    const basic = Buffer.from('ann:pw_0123456789').toString('base64')
    expect(server.requests[1]?.headers.authorization).toBe(`Basic ${basic}`)
  })

  it('names the keys to set when a secret is missing, without requests', () => {
    const providers = createProviders({
      env: {},
      projectDir: '/nonexistent',
      globalDir: '/nonexistent',
    })
    expect(() =>
      restApiResources(
        { client: { baseUrl: base(), auth: { type: 'bearer' } }, resources: ['issues'] },
        { name: 'features', providers },
      ),
    ).toThrow(/SOURCES__FEATURES__TOKEN/)
    expect(server.requests).toHaveLength(0)
  })

  it('binds the resolve parameter form and includes parent fields', async () => {
    const resources = restApiResources({
      client: { baseUrl: base(), paginator: 'header_link' },
      resources: [
        'issues',
        {
          name: 'comments',
          endpoint: {
            path: 'issues/{issue_number}/comments',
            params: { issue_number: { type: 'resolve', resource: 'issues', field: 'number' } },
          },
          includeFromParent: ['title'],
        },
      ],
    })
    expect(await collect(byName(resources, 'comments'))).toEqual([
      { id: 20, body: 'x', _issues_title: 'b' },
    ])
    expect(server.seen(/comments$/).map((r) => r.path)).toEqual(
      ['/repos/acme/widgets/issues/1/comments', '/repos/acme/widgets/issues/2/comments'].sort(),
    )
  })

  it('requests children concurrently, within `concurrency`', async () => {
    const issues = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      number: i + 1,
      title: `t${i}`,
      updated_at: '2024-05-01T00:00:00Z',
    }))
    const slow = await startGithubLikeServer(
      { issues, comments: new Map() },
      { perPage: 5, commentDelayMs: 40 },
    )
    try {
      const resources = restApiResources({
        client: { baseUrl: `${slow.url}/repos/acme/widgets/`, paginator: 'header_link' },
        resources: [
          'issues',
          { name: 'c', endpoint: 'issues/{resources.issues.number}/comments', concurrency: 3 },
        ],
      })
      await collect(byName(resources, 'c'))
      expect(slow.seen(/comments$/)).toHaveLength(12)
      // the server saw requests overlap, never more than `concurrency` (no wall-clock bound:
      // timing belongs in bench/, and a loaded machine may overlap fewer)
      expect(slow.maxConcurrentComments).toBeGreaterThan(1)
      expect(slow.maxConcurrentComments).toBeLessThanOrEqual(3)
    } finally {
      await slow.close()
    }
  })

  it('fails with the field name when a parent record lacks it', async () => {
    const resources = restApiResources({
      client: { baseUrl: base() },
      resources: ['issues', { name: 'c', endpoint: 'issues/{resources.issues.nope}/comments' }],
    })
    await expect(collect(byName(resources, 'c'))).rejects.toThrow(ParentFieldMissingError)
    await expect(collect(byName(resources, 'c'))).rejects.toThrow(/needs field "nope".*number/)
  })

  it('sends POST bodies with literal braces and incremental placeholders', async () => {
    const [search] = restApiResources({
      client: { baseUrl: server.url },
      resources: [
        {
          name: 'search',
          endpoint: {
            path: 'search',
            method: 'POST',
            json: {
              query: 'query {{ issues(since: "{incremental.startValue}") {{ id }} }}',
              since: '{incremental.start_value}',
            },
            dataSelector: 'data',
            incremental: { cursorPath: 'id', initialValue: 5, convert: (v) => Number(v) * 10 },
          },
        },
      ],
    })
    const context = {
      incremental: {
        cursorPath: 'id',
        initialValue: 5,
        startValue: 5,
        lastValue: 5,
        endValue: undefined,
      },
      state: {},
    }
    const items: unknown[] = []
    for await (const chunk of (search as AnyResource).chunks(context)) items.push(...chunk.items)
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      query: 'query { issues(since: "50") { id } }',
      since: 50,
    })
  })

  it('maps a parameter of type incremental and runs processing steps', async () => {
    const [issues] = restApiResources({
      client: { baseUrl: base() },
      resources: [
        {
          name: 'issues',
          endpoint: {
            params: {
              since: {
                type: 'incremental',
                cursorPath: 'updated_at',
                initialValue: '2024-05-02T00:00:00Z',
              },
            },
          },
          processingSteps: [
            { filter: (i) => i.number > 1 },
            { map: (i) => ({ ...i, seen: true }) },
          ],
        },
      ],
    })
    expect((issues as AnyResource).incremental?.config).toMatchObject({ cursorPath: 'updated_at' })
    const context = {
      incremental: {
        cursorPath: 'updated_at',
        initialValue: undefined,
        startValue: '2024-05-02T00:00:00Z',
        lastValue: undefined,
        endValue: undefined,
      },
      state: {},
    }
    const items: unknown[] = []
    for await (const chunk of (issues as AnyResource).chunks(context)) items.push(...chunk.items)
    expect(server.requests[0]?.query['since']).toBe('2024-05-02T00:00:00Z')
    expect(items).toEqual([
      { id: 2, number: 2, title: 'b', updated_at: '2024-05-02T00:00:00Z', seen: true },
    ])
  })

  it('binds static path parameters (not sent as query parameters)', async () => {
    const [comments] = restApiResources({
      client: { baseUrl: base() },
      resources: [
        { name: 'comments', endpoint: { path: 'issues/{n}/comments', params: { n: 2 } } },
      ],
    })
    expect(await collect(comments as AnyResource)).toEqual([{ id: 20, body: 'x' }])
    expect(server.requests[0]?.path).toBe('/repos/acme/widgets/issues/2/comments')
    expect(server.requests[0]?.query).toEqual({})
  })
})
