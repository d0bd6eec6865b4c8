/**
 * @module `dlt-ts init <name> <destination>` for any name but the verified sources: a source of
 * one resource over a plain generator.
 */
import { runPipelineCode, type SourceTemplate } from './source-template.js'

/** The template for a source called `sourceName`. */
export function generatorTemplate(sourceName: string): SourceTemplate {
  return {
    dependencies: {},
    config: `[sources.${sourceName}]\n# how many players the generator yields\nplayer_count = 10\n`,
    secrets: `[sources.${sourceName}]\n# secrets of your source go here, e.g.\n# api_key = ""\n`,
    note: 'Replace the generator with your data.',
    pipelineScript: ({ destination, command }) => `/**
 * A dlt-ts pipeline made by \`${command}\`: a source with one resource over a generator.
 * Run it with \`npm start\`; then inspect it with \`npx dlt-ts pipeline ${sourceName}_pipeline info\`.
 */
import * as dlt from 'dlt-ts'

// [sources.${sourceName}] in .dlt/config.toml, or SOURCES__${sourceName.toUpperCase()}__PLAYER_COUNT
const settings = dlt.resolveConfig(
  dlt.defineConfig({ playerCount: dlt.config.integer({ default: 10 }) }),
  { sections: ['sources', '${sourceName}'], pipelineName: '${sourceName}_pipeline' },
)

// A resource is a function yielding items: objects become rows, nested lists become nested tables.
const players = dlt.resource(
  function* () {
    for (let id = 1; id <= settings.playerCount; id++) {
      yield { id, name: \`player \${id}\`, scores: [{ game: 'chess', points: id * 10 }] }
    }
  },
  { name: 'players', primaryKey: 'id', writeDisposition: 'merge' },
)

const source = dlt.source(() => [players], { name: '${sourceName}' })

${runPipelineCode(`${sourceName}_pipeline`, destination, 'source')}`,
  }
}
