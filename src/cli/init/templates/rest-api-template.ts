/**
 * @module `dlt-ts init rest_api <destination>`: a declarative REST API source (dlt's `rest_api`
 * template, reading the PokeAPI by default); the base URL comes from `.dlt/config.toml`.
 */
import { runPipelineCode, type SourceTemplate } from './source-template.js'

export const restApiTemplate: SourceTemplate = {
  dependencies: {},
  config: '[sources.rest_api]\nbase_url = "https://pokeapi.co/api/v2/"\n',
  secrets:
    '[sources.rest_api]\n# for an API that needs a token: set it here and uncomment `auth` in the pipeline script\n# token = ""\n',
  note: 'Point [sources.rest_api] base_url at your API and list its endpoints in the script.',
  pipelineScript: ({ destination, command }) => `/**
 * A dlt-ts pipeline made by \`${command}\`: a declarative REST API source.
 * Run it with \`npm start\`; then browse it with \`npx dlt-ts pipeline rest_api_pipeline show\`.
 * The config format: node_modules/dlt-ts/docs/rest-api.md
 */
import * as dlt from 'dlt-ts'
import { restApiSource } from 'dlt-ts/rest-api'

// [sources.rest_api] base_url in .dlt/config.toml, or SOURCES__REST_API__BASE_URL
const settings = dlt.resolveConfig(dlt.defineConfig({ baseUrl: dlt.config.string() }), {
  sections: ['sources', 'rest_api'],
  pipelineName: 'rest_api_pipeline',
})

const source = restApiSource(
  {
    client: {
      baseUrl: settings.baseUrl,
      // auth: { type: 'bearer' }, // the token from [sources.rest_api] token in .dlt/secrets.toml
    },
    resourceDefaults: {
      primaryKey: 'name',
      writeDisposition: 'merge',
      endpoint: { params: { limit: 100 } },
    },
    // each name is an endpoint path; its list of items is found and its pages are followed
    resources: ['pokemon', 'berry', 'location'],
  },
  { name: 'rest_api' },
)

${runPipelineCode('rest_api_pipeline', destination, 'source')}`,
}
