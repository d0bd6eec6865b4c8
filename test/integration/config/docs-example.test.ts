/**
 * The example of docs/configuration.md ("Declaring the values a source needs"), run with an
 * injected environment instead of a shell variable. Keep the two in step.
 */
import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { config, defineConfig, resolveConfig, secret } from '../../../src/config/index.js'
import { useConfigFixtures } from './config-fixture.js'

const setup = useConfigFixtures()

const githubConfig = defineConfig(
  {
    accessToken: secret.string({ description: 'a token that can read the repository' }),
    repo: config.string({ default: 'dlt-hub/dlt' }),
    perPage: config.integer({ default: 100 }),
    labels: config.array<string>({ default: [] }),
    since: config.string({ optional: true }),
  },
  { name: 'GithubSource' },
)

describe('docs/configuration.md example', () => {
  it('prints what the page says', () => {
    const f = setup()
    const github = resolveConfig(githubConfig, {
      sections: ['sources', 'github'],
      pipelineName: 'github_issues',
      explicit: { perPage: 50 },
      providers: f.providers({ SOURCES__GITHUB__ACCESS_TOKEN: 'ghp_example_token' }),
    })
    const printed = inspect(github)
    expect(printed).toBe(
      "{\n  accessToken: 'gh****en',\n  repo: 'dlt-hub/dlt',\n  perPage: 50,\n  labels: [],\n  since: undefined\n}",
    )
    expect(github.accessToken.length).toBe(17)
    const page = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8')
    expect(page).toContain(printed.replace(/\n\s*/g, ' '))
  })
})
