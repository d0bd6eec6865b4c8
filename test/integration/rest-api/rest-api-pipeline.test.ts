/**
 * The REST API source end to end: a GitHub-like local API (Link-header pages, `since`, comments per
 * issue, a bearer token from the environment) loaded into DuckDB twice; the second run asks only
 * for what changed.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RestApiConfig, restApiSource } from '../../../src/sources/rest-api/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'
import { type GithubLikeServer, startGithubLikeServer } from './github-like-server.js'

const TOKEN = 'ghp_test_token_1234'
let server: GithubLikeServer
let temp: TempPipelineDir
const savedToken = process.env['SOURCES__GITHUB__TOKEN']

beforeAll(async () => {
  server = await startGithubLikeServer(
    {
      issues: [
        { id: 101, number: 1, title: 'crash', updated_at: '2024-02-01T00:00:00Z' },
        { id: 102, number: 2, title: 'slow', updated_at: '2024-02-02T00:00:00Z' },
        { id: 103, number: 3, title: 'typo', updated_at: '2024-02-03T00:00:00Z' },
      ],
      comments: new Map([
        [1, [{ id: 1001, body: 'me too' }]],
        [
          2,
          [
            { id: 2001, body: 'profiled' },
            { id: 2002, body: 'fixed?' },
          ],
        ],
      ]),
    },
    { token: TOKEN },
  )
  process.env['SOURCES__GITHUB__TOKEN'] = TOKEN
})
afterAll(async () => {
  if (savedToken === undefined) delete process.env['SOURCES__GITHUB__TOKEN']
  else process.env['SOURCES__GITHUB__TOKEN'] = savedToken
  await server.close()
})
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

const githubConfig = (baseUrl: string): RestApiConfig => ({
  client: { baseUrl: `${baseUrl}/repos/acme/widgets/`, auth: { type: 'bearer' } },
  resourceDefaults: {
    primaryKey: 'id',
    writeDisposition: 'merge',
    endpoint: { params: { per_page: 2 } },
  },
  resources: [
    {
      name: 'issues',
      endpoint: {
        path: 'issues',
        paginator: 'header_link',
        incremental: {
          startParam: 'since',
          cursorPath: 'updated_at',
          initialValue: '2024-01-01T00:00:00Z',
        },
      },
    },
    {
      name: 'issue_comments',
      endpoint: { path: 'issues/{resources.issues.number}/comments' },
      includeFromParent: ['id'],
    },
  ],
})

describe('restApiSource into DuckDB', () => {
  it('loads parents and children, then only what changed', async () => {
    const pipeline = temp.pipeline('github_issues')
    const first = await pipeline.run(restApiSource(githubConfig(server.url), { name: 'github' }))
    expect(first.rowCounts['issues']).toBe(3)
    expect(first.rowCounts['issue_comments']).toBe(3)
    const issueRequests = server.seen(/\/issues$/)
    expect(issueRequests.map((r) => r.query['page'] ?? '1')).toEqual(['1', '2'])
    expect(issueRequests[0]?.query).toMatchObject({ since: '2024-01-01T00:00:00Z', per_page: '2' })
    expect(
      server
        .seen(/\/comments$/)
        .map((r) => r.path.split('/')[5])
        .sort(),
    ).toEqual(['1', '2', '3'])
    expect(
      await pipeline.dataset().query('select id, _issues_id from issue_comments order by id'),
    ).toEqual([
      { id: 1001, _issues_id: 101 },
      { id: 2001, _issues_id: 102 },
      { id: 2002, _issues_id: 102 },
    ])

    // the API changes: issue 2 is edited and commented on, issue 4 is new
    server.data.issues[1] = {
      ...server.data.issues[1]!,
      title: 'slow export',
      updated_at: '2024-03-01T00:00:00Z',
    }
    server.data.issues.push({
      id: 104,
      number: 4,
      title: 'docs',
      updated_at: '2024-03-02T00:00:00Z',
    })
    server.data.comments.set(2, [...(server.data.comments.get(2) ?? []), { id: 2003, body: 'yes' }])
    server.data.comments.set(4, [{ id: 4001, body: 'where?' }])
    server.requests.length = 0

    const second = await pipeline.run(restApiSource(githubConfig(server.url), { name: 'github' }))
    expect(server.seen(/\/issues$/)[0]?.query['since']).toBe('2024-02-03T00:00:00Z')
    // issue 3 comes back at the boundary and is de-duplicated: its comments are not asked for
    expect(
      server
        .seen(/\/comments$/)
        .map((r) => r.path.split('/')[5])
        .sort(),
    ).toEqual(['2', '4'])
    expect(second.rowCounts['issues']).toBe(2)
    expect(
      await pipeline.dataset().query('select number, title from issues order by number'),
    ).toEqual([
      { number: 1, title: 'crash' },
      { number: 2, title: 'slow export' },
      { number: 3, title: 'typo' },
      { number: 4, title: 'docs' },
    ])
    const comments = await pipeline.dataset().query('select id from issue_comments order by id')
    expect(comments.map((r) => r['id'])).toEqual([1001, 2001, 2002, 2003, 4001])
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true)
  })
})
