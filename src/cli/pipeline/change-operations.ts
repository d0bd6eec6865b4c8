/**
 * @module The operations of `dlt-ts pipeline <name>` that change the pipeline or its dataset:
 * `drop <resource…>`, `drop-pending-packages` and `sync`.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import type { Pipeline } from '../../index.js'
import * as dlt from '../../index.js'
import { PipelineNotFoundError, SchemaNotFoundError } from '../cli-errors.js'
import type { CliIo } from '../cli-io.js'
import { confirmOrThrow } from '../confirm.js'
import { dropResources, planDrop } from './drop-resources.js'
import { assertDatasetReachable, DESTINATION_NAMES, resolvePipelinesDir } from './open-pipeline.js'
import type { DeclareOperation, PipelineGroupOptions } from './pipeline-operation.js'

/** Adds the operations that change things. */
export function registerChangeOperations(operation: DeclareOperation, io: CliIo): void {
  registerDrop(operation, io)
  registerDropPendingPackages(operation, io)
  registerSync(operation, io)
}

function registerDrop(operation: DeclareOperation, io: CliIo): void {
  const drop = operation(
    'drop',
    "drop resources' tables (nested too) at the destination and from the schema, and wipe their state",
    '<resource...> [options]',
  )
  drop.command
    .argument('<resource...>', 'the resources to drop')
    .option(
      '--schema <name>',
      "the schema (source) of the resources (default: the pipeline's default)",
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .action(
      async (
        _name: string,
        resources: string[],
        options: { schema?: string; yes?: boolean },
        cmd: Command,
      ) => {
        const pipeline = drop.open(cmd)
        assertDatasetReachable(pipeline)
        const schemaName =
          options.schema ?? pipeline.state.default_schema_name ?? pipeline.pipelineName
        const schema = pipeline.schemas[schemaName]
        if (!schema) {
          throw new SchemaNotFoundError(
            pipeline.pipelineName,
            schemaName,
            Object.keys(pipeline.schemas),
          )
        }
        const tables = planDrop(pipeline, schema, resources)
        io.out(
          `About to drop tables ${tables.join(', ')} from dataset ${pipeline.datasetName} ` +
            `(${pipeline.state.destination_name}) and wipe the state of ${resources.join(', ')}`,
        )
        await confirmOrThrow(io, options.yes, 'Drop them?', 'Dropping resources')
        const loadInfo = await dropResources(pipeline, schema, resources)
        io.out(
          `Dropped ${tables.join(', ')} (load id ${loadInfo.loadPackages.at(-1)?.loadId ?? 'none'})`,
        )
      },
    )
}

function registerDropPendingPackages(operation: DeclareOperation, io: CliIo): void {
  const dropPending = operation(
    'drop-pending-packages',
    'discard the packages that were extracted or normalized but not loaded',
  )
  dropPending.command
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (_name: string, options: { yes?: boolean }, cmd: Command) => {
      const pipeline = dropPending.open(cmd)
      const pending = pipeline.pendingPackages()
      const ids = [...new Set([...pending.extracted, ...pending.normalized])]
      if (!ids.length) {
        io.out('No pending packages found')
        return
      }
      io.out(`Pending packages: ${ids.join(', ')}`)
      await confirmOrThrow(io, options.yes, 'Delete them?', 'Dropping pending packages')
      io.out(`Dropped ${pipeline.dropPendingPackages().join(', ')}`)
    })
}

function registerSync(operation: DeclareOperation, io: CliIo): void {
  const sync = operation(
    'sync',
    'take the state and schemas from the destination when it holds a newer state',
  )
  sync.command
    .option(
      '--destination <name>',
      'for a pipeline not found locally: its destination (duckdb, postgres, filesystem, mysql, sqlite)',
    )
    .option('--dataset-name <name>', 'for a pipeline not found locally: its dataset')
    .action(
      async (
        name: string,
        options: { destination?: string; datasetName?: string },
        cmd: Command,
      ) => {
        const pipeline = openForSync(cmd, name, options, () => sync.open(cmd))
        assertDatasetReachable(pipeline)
        const restored = await pipeline.sync()
        if (!restored && !existsSync(join(pipeline.workingDir, 'state.json'))) {
          // nothing to restore from: leave no empty working directory behind
          await pipeline.drop()
          throw new PipelineNotFoundError(name, pipeline.pipelinesDir, [], {
            destination: options.destination ?? '',
            datasetName: pipeline.datasetName,
          })
        }
        io.out(
          restored
            ? `Restored state and schemas of ${pipeline.pipelineName} from dataset ${pipeline.datasetName}`
            : `The working directory of ${pipeline.pipelineName} is up to date with dataset ${pipeline.datasetName}`,
        )
      },
    )
}

/**
 * The pipeline to sync: the local one, or — with `--destination` and `--dataset-name`, when
 * there is none — a new one that the sync fills from the destination (dlt does the same).
 */
function openForSync(
  cmd: Command,
  name: string,
  options: { destination?: string; datasetName?: string },
  open: () => Pipeline,
): Pipeline {
  const pipelinesDir = resolvePipelinesDir(cmd.optsWithGlobals<PipelineGroupOptions>().pipelinesDir)
  if (
    existsSync(join(pipelinesDir, name, 'state.json')) ||
    !options.destination ||
    !options.datasetName
  ) {
    return open()
  }
  if (!(DESTINATION_NAMES as readonly string[]).includes(options.destination)) {
    cmd.error(
      `error: --destination must be one of ${DESTINATION_NAMES.join(', ')}; got ${options.destination}`,
      { exitCode: 2, code: 'commander.invalidArgument' },
    )
  }
  return dlt.pipeline({
    pipelineName: name,
    pipelinesDir,
    datasetName: options.datasetName,
    destination: options.destination as (typeof DESTINATION_NAMES)[number],
  })
}
