/**
 * @module The contract of a `dlt-ts init` source template.
 */
import type { InitDestination } from '../destination-template.js'

/** What a source contributes to a scaffold. */
export interface SourceTemplate {
  /** The pipeline script (TypeScript, run with tsx). */
  pipelineScript(options: {
    readonly destination: InitDestination
    readonly command: string
  }): string
  /** Packages besides dlt-ts and the destination's peers. */
  readonly dependencies: Readonly<Record<string, string>>
  /** `.dlt/config.toml` lines of the source. */
  readonly config: string
  /** `.dlt/secrets.toml` lines of the source: the keys to fill. */
  readonly secrets: string
  /** What to do before the first run. */
  readonly note: string
}

/** The `dlt.pipeline(...)` call and the run shared by every template. */
export function runPipelineCode(
  pipelineName: string,
  destination: InitDestination,
  sourceExpression: string,
): string {
  return `const pipeline = dlt.pipeline({
  pipelineName: '${pipelineName}',
  destination: '${destination}',
  datasetName: '${pipelineName.replace(/_pipeline$/, '')}_data',
})

const info = await pipeline.run(${sourceExpression})
console.log(info.toString())
`
}
