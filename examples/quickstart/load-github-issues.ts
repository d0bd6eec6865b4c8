/**
 * Loads 500 GitHub-issue-like records shipped in the repo (examples/data/github_issues.jsonl) into
 * a local DuckDB file, then reads the nested tables back with SQL.
 *
 * Run it with `npm run example` (builds the package first, so `import * as dlt from 'dlt-ts'`
 * resolves to this repo's `dist/`).
 */
import { fileURLToPath } from 'node:url'
import * as dlt from 'dlt-ts'

const pipeline = dlt.pipeline({
  pipelineName: 'github_quickstart',
  destination: dlt.destinations.duckdb({ credentials: 'github_quickstart.duckdb' }),
  datasetName: 'github_data',
  pipelinesDir: '.dlt-ts/pipelines',
})

// a JSON lines file as a resource; its lines reach normalize unparsed (the fastest way in)
const issues = dlt.readJsonl(
  fileURLToPath(new URL('../data/github_issues.jsonl', import.meta.url)),
  { name: 'issues', writeDisposition: 'merge', primaryKey: 'id' },
)
const info = await pipeline.run(issues)
console.log(info.toString())

const dataset = pipeline.dataset()
console.log('\nTables:', (await dataset.tables()).join(', '))
const labels = await dataset.query(`
  select l.name as label, count(*) as issues
  from github_data.issues i join github_data.issues__labels l on l._dlt_parent_id = i._dlt_id
  group by 1 order by 2 desc`)
console.log('\nIssues per label:')
for (const row of labels) console.log(`  ${String(row['label']).padEnd(18)} ${row['issues']}`)
