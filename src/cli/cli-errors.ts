/**
 * @module Errors of the `dlt-ts` command. Each says what was not found or not allowed and what to
 * do; the command prints the message (no stack trace) and exits with `EXIT_CODES.failed`.
 */
import { TerminalError } from '../index.js'

/** `dlt-ts pipeline <name> …` names a pipeline that has no working directory. */
export class PipelineNotFoundError extends TerminalError {
  override name = 'PipelineNotFoundError'
  readonly pipelineName: string
  readonly pipelinesDir: string

  constructor(
    pipelineName: string,
    pipelinesDir: string,
    existing: readonly string[],
    destination?: { readonly destination: string; readonly datasetName: string },
  ) {
    const found = existing.length
      ? `Pipelines there: ${existing.join(', ')}.`
      : 'There are no pipelines there.'
    super(
      destination
        ? `Pipeline "${pipelineName}" not found in ${pipelinesDir} nor in dataset ` +
            `${destination.datasetName} of destination ${destination.destination}: check the ` +
            'names, and run the command where the pipeline runs (its .dlt configuration).'
        : `Pipeline "${pipelineName}" not found in ${pipelinesDir}: ${found} Pass --pipelines-dir ` +
            '<dir> if it keeps its working directory elsewhere; to restore one from its destination ' +
            'run `dlt-ts pipeline <name> sync --destination <name> --dataset-name <name>`.',
    )
    this.pipelineName = pipelineName
    this.pipelinesDir = pipelinesDir
  }
}

/** A load package asked for by load id is in none of the pipeline's package folders. */
export class LoadPackageNotFoundError extends TerminalError {
  override name = 'LoadPackageNotFoundError'
  readonly pipelineName: string
  readonly loadId: string

  constructor(pipelineName: string, loadId: string, existing: readonly string[]) {
    super(
      `Load package ${loadId} not found in pipeline "${pipelineName}": ` +
        (existing.length
          ? `its packages are ${existing.join(', ')}.`
          : 'it has no load packages (loaded packages are kept in load/loaded).'),
    )
    this.pipelineName = pipelineName
    this.loadId = loadId
  }
}

/** A schema file that cannot be read or is not a valid dlt stored schema. */
export class SchemaFileError extends TerminalError {
  override name = 'SchemaFileError'
  readonly path: string
  readonly problems: readonly string[]

  constructor(path: string, problems: readonly string[], options?: ErrorOptions) {
    super(`Schema file ${path} is not a valid dlt schema: ${problems.join('; ')}`, options)
    this.path = path
    this.problems = problems
  }
}

/** A destructive command was not confirmed (no `--yes` and no terminal to ask on). */
export class NotConfirmedError extends TerminalError {
  override name = 'NotConfirmedError'

  constructor(what: string) {
    super(`${what} was not confirmed: nothing changed. Pass --yes to do it without asking.`)
  }
}

/** `dlt-ts init` would overwrite files of an existing project. */
export class InitTargetExistsError extends TerminalError {
  override name = 'InitTargetExistsError'
  readonly files: readonly string[]

  constructor(dir: string, files: readonly string[]) {
    super(
      `dlt-ts init would overwrite ${files.join(', ')} in ${dir}: ` +
        'run it in an empty folder, or pass --force to overwrite them.',
    )
    this.files = files
  }
}

/** `dlt-ts pipeline <name> drop` names resources the pipeline's schema does not have. */
export class ResourceNotFoundError extends TerminalError {
  override name = 'ResourceNotFoundError'
  readonly pipelineName: string
  readonly resources: readonly string[]

  constructor(
    pipelineName: string,
    schemaName: string,
    resources: readonly string[],
    existing: readonly string[],
  ) {
    super(
      `Pipeline "${pipelineName}" has no resource ${resources.map((r) => `"${r}"`).join(', ')} ` +
        `in schema "${schemaName}": ` +
        (existing.length ? `its resources are ${existing.join(', ')}.` : 'it has no resources.') +
        ' Pass --schema <name> to drop from another schema.',
    )
    this.pipelineName = pipelineName
    this.resources = resources
  }
}

/** The pipeline's destination cannot be opened by name (a custom destination made in code). */
export class DestinationNotOpenableError extends TerminalError {
  override name = 'DestinationNotOpenableError'
  readonly pipelineName: string
  readonly destinationName: string

  constructor(pipelineName: string, destinationName: string) {
    super(
      `Pipeline "${pipelineName}" loads into destination "${destinationName}", which dlt-ts can ` +
        'only open from your code: its dataset cannot be read here. The commands that use only ' +
        'the working directory (info, trace, load-package, failed-jobs, schema, ' +
        'drop-pending-packages) still work.',
    )
    this.pipelineName = pipelineName
    this.destinationName = destinationName
  }
}

/** `dlt-ts pipeline <name> show --port <port>` names a port that is taken. */
export class ShowPortInUseError extends TerminalError {
  override name = 'ShowPortInUseError'
  readonly port: number

  constructor(port: number, options?: ErrorOptions) {
    super(
      `Port ${port} on 127.0.0.1 is in use (another show, or another server): pass another ` +
        '--port, or --port 0 for a free one.',
      options,
    )
    this.port = port
  }
}

/** `dlt-ts pipeline <name> drop --schema <schema>` names a schema the pipeline does not have. */
export class SchemaNotFoundError extends TerminalError {
  override name = 'SchemaNotFoundError'
  readonly pipelineName: string
  readonly schemaName: string

  constructor(pipelineName: string, schemaName: string, existing: readonly string[]) {
    super(
      `Pipeline "${pipelineName}" has no schema "${schemaName}": ` +
        (existing.length ? `its schemas are ${existing.join(', ')}.` : 'it has no schema yet.'),
    )
    this.pipelineName = pipelineName
    this.schemaName = schemaName
  }
}
