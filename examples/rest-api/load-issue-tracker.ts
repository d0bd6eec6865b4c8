/**
 * The declarative REST API source against a local issue tracker: the API is described in
 * `issues.rest-api.json` (issues with Link-header pages and an incremental `since`, comments per
 * issue), the bearer token comes from the environment, and the second run loads only what changed.
 *
 * Run it with `npx tsx examples/rest-api/load-issue-tracker.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as dlt from '../../src/index.js'
import { readRestApiConfigFile, restApiSource } from '../../src/sources/rest-api/index.js'
import { startLocalIssueTracker } from './local-issue-tracker.js'

const token = 'tracker_token_0123456789'
// What `export SOURCES__TRACKER__TOKEN=...` or `[sources.tracker] token` in secrets.toml would do.
process.env['SOURCES__TRACKER__TOKEN'] = token
const tracker = await startLocalIssueTracker(token)
const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-rest-api-'))
try {
  const fromFile = await readRestApiConfigFile(new URL('./issues.rest-api.json', import.meta.url))
  // The file names a fixed host; point it at the tracker we just started.
  const config = { ...fromFile, client: { ...fromFile.client, baseUrl: `${tracker.url}/` } }
  const pipeline = dlt.pipeline({
    pipelineName: 'issue_tracker',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'tracker.duckdb') }),
    pipelinesDir: join(dir, 'pipelines'),
  })
  const first = await pipeline.run(restApiSource(config, { name: 'tracker' }))
  console.log(
    `first run: ${first.rowCounts['issues']} issues, ${first.rowCounts['issue_comments']} comments`,
  )

  // The tracker changes: issue 2 gets a new title and a comment, issue 4 is opened.
  tracker.issues[1] = {
    ...tracker.issues[1]!,
    title: 'Slow CSV export',
    updated_at: '2024-06-03T08:00:00Z',
  }
  tracker.issues.push({
    id: 504,
    number: 4,
    title: 'Dark mode',
    updated_at: '2024-06-03T12:00:00Z',
  })
  tracker.comments.set(2, [...(tracker.comments.get(2) ?? []), { id: 9003, body: 'Fixed in 1.2' }])
  tracker.log.length = 0

  const second = await pipeline.run(restApiSource(config, { name: 'tracker' }))
  console.log(`second run loaded ${second.rowCounts['issues']} issue(s); requests:`)
  for (const line of tracker.log) console.log(`  ${line}`)
  console.table(await pipeline.dataset().query('select number, title from issues order by number'))
  console.table(
    await pipeline
      .dataset()
      .query('select id, _issues_number, body from issue_comments order by id'),
  )
} finally {
  await tracker.close()
  rmSync(dir, { recursive: true, force: true })
}
