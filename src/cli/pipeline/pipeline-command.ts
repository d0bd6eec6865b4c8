/**
 * @module `dlt-ts pipeline`: list pipelines, and inspect or operate one by name —
 * `info | trace | load-package [loadId] | failed-jobs | drop <resource…> |
 * drop-pending-packages | sync | schema | show` (dlt's `dlt pipeline` operations).
 */

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type Command, Option } from 'commander'
import type { Pipeline } from '../../index.js'
import * as dlt from '../../index.js'
import { LoadPackageNotFoundError, PipelineNotFoundError } from '../cli-errors.js'
import type { CliIo } from '../cli-io.js'
import { pipelineOperationUsage } from '../command-usage.js'
import { confirmOrThrow } from '../confirm.js'
import { formatSchema, SCHEMA_FORMATS, type SchemaFormat } from '../schema/format-schema.js'
import { registerShowCommand } from '../show/show-command.js'
import { dropResources, planDrop } from './drop-resources.js'
import { failedJobs } from './failed-jobs.js'
import { formatInfo } from './format-info.js'
import { formatPackage } from './format-package.js'
import { formatTrace } from './format-trace.js'
import {
  DESTINATION_NAMES,
  listPipelines,
  openPipeline,
  resolvePipelinesDir,
} from './open-pipeline.js'
import { listPackages } from './working-dir-packages.js'

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

/** Options every `pipeline` operation accepts (declared on the `pipeline` command). */
interface PipelineGroupOptions {
  readonly pipelinesDir?: string
  readonly list?: boolean
}

/** Adds `pipeline` and its operations to `program`. */
export function registerPipelineCommand(program: Command, io: CliIo): void {
  const group = program
    .command('pipeline')
    .description('List pipelines, or inspect and operate the pipeline <name>.')
    .usage('--list | <name> <operation> [options]')
    .option('-l, --list', 'list the pipelines in the pipelines folder, most recently run first')
    .option(
      '--pipelines-dir <dir>',
      'the pipelines folder (default: ~/.dlt/pipelines, or $DLT_DATA_DIR/pipelines)',
    )
    .allowExcessArguments()
    .action((options: PipelineGroupOptions, command: Command) => {
      if (command.args.length) {
        command.error(`error: unknown pipeline operation '${command.args[0]}'`, {
          exitCode: 2,
          code: 'commander.unknownCommand',
        })
      }
      if (!options.list) command.help({ error: true })
      const dir = resolvePipelinesDir(options.pipelinesDir)
      const pipelines = listPipelines(dir)
      io.out(
        pipelines.length
          ? `${pipelines.length} pipeline(s) found in ${dir}`
          : `No pipelines found in ${dir}`,
      )
      for (const { name, lastRunAt } of pipelines) {
        io.out(`${name} (last run: ${lastRunAt.toISOString()})`)
      }
    })

  /** Declares an operation on the pipeline `<name>`; `run` gets the opened pipeline. */
  const operation = (
    name: string,
    description: string,
    usage = '[options]',
  ): { command: Command; open: (command: Command) => Pipeline } => {
    const command = pipelineOperationUsage(
      group.command(name).description(description).argument('<name>', 'the pipeline'),
      usage,
    )
    const open = (cmd: Command) => {
      const options = cmd.optsWithGlobals<PipelineGroupOptions>()
      return openPipeline(cmd.processedArgs[0] as string, resolvePipelinesDir(options.pipelinesDir))
    }
    return { command, open }
  }

  const info = operation('info', 'destination, dataset, state, schema tables, packages, last run')
  info.command.action((_name: string, _options: unknown, cmd: Command) => {
    for (const line of formatInfo(info.open(cmd))) io.out(line)
  })

  const trace = operation(
    'trace',
    'the steps of the last run: timings, packages, row counts, errors',
  )
  trace.command.action((_name: string, _options: unknown, cmd: Command) => {
    const last = trace.open(cmd).lastTrace
    if (!last) io.out('This pipeline has no trace of a last run.')
    else for (const line of formatTrace(last)) io.out(line)
  })

  const loadPackage = operation(
    'load-package',
    'one load package (the newest if no load id is given): stage, tables, jobs',
    '[loadId] [options]',
  )
  loadPackage.command
    .argument('[loadId]', 'the load id of the package')
    .action((_name: string, loadId: string | undefined, _options: unknown, cmd: Command) => {
      const pipeline = loadPackage.open(cmd)
      const packages = listPackages(pipeline.workingDir)
      const pkg = loadId ? packages.find((p) => p.loadId === loadId) : packages.at(-1)
      if (!pkg) {
        throw new LoadPackageNotFoundError(
          pipeline.pipelineName,
          loadId ?? '(newest)',
          packages.map((p) => p.loadId),
        )
      }
      for (const line of formatPackage(pkg)) io.out(line)
    })

  const failed = operation('failed-jobs', 'the jobs the last run failed on, with their errors')
  failed.command.action((_name: string, _options: unknown, cmd: Command) => {
    const pipeline = failed.open(cmd)
    const jobs = failedJobs(pipeline.lastTrace)
    if (!jobs.length) io.out('No failed jobs found')
    const pending = new Set(pipeline.pendingPackages().normalized)
    for (const job of jobs) {
      io.out(
        `JOB: ${job.fileName ?? '(no file)'} table ${job.table ?? '(unknown)'}, load id ` +
          `${job.loadId ?? '(unknown)'}, step ${job.step}, failed at ${job.failedAt}` +
          (job.loadId && pending.has(job.loadId) ? ' (package still pending)' : ''),
      )
      io.out(job.message)
    }
  })

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
        const schemaName =
          options.schema ?? pipeline.state.default_schema_name ?? pipeline.pipelineName
        const schema = pipeline.schemas[schemaName]
        if (!schema) {
          cmd.error(
            `error: pipeline "${pipeline.pipelineName}" has no schema "${schemaName}"; its schemas are ` +
              `${Object.keys(pipeline.schemas).join(', ') || 'none'}`,
            { exitCode: 1, code: 'dlt-ts.schemaNotFound' },
          )
        }
        const tables = planDrop(pipeline, schema!, resources)
        io.out(
          `About to drop tables ${tables.join(', ')} from dataset ${pipeline.datasetName} ` +
            `(${pipeline.state.destination_name}) and wipe the state of ${resources.join(', ')}`,
        )
        await confirmOrThrow(io, options.yes, 'Drop them?', 'Dropping resources')
        const loadInfo = await dropResources(pipeline, schema!, resources)
        io.out(
          `Dropped ${tables.join(', ')} (load id ${loadInfo.loadPackages.at(-1)?.loadId ?? 'none'})`,
        )
      },
    )

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

  const sync = operation(
    'sync',
    'take the state and schemas from the destination when it holds a newer state',
  )
  sync.command
    .option(
      '--destination <name>',
      'for a pipeline not found locally: its destination (duckdb, postgres, filesystem)',
    )
    .option('--dataset-name <name>', 'for a pipeline not found locally: its dataset')
    .action(
      async (
        name: string,
        options: { destination?: string; datasetName?: string },
        cmd: Command,
      ) => {
        const pipeline = openForSync(cmd, name, options, () => sync.open(cmd))
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

  const schema = operation('schema', "the pipeline's default schema, as YAML or JSON")
  schema.command
    .addOption(
      new Option('--format <format>', 'output format').choices(SCHEMA_FORMATS).default('yaml'),
    )
    .action((_name: string, options: { format: SchemaFormat }, cmd: Command) => {
      const pipeline = schema.open(cmd)
      const stored = pipeline.schema
      if (!stored) {
        io.out(`Pipeline ${pipeline.pipelineName} does not have a default schema`)
        return
      }
      io.out(formatSchema(stored, options.format))
    })

  const show = operation('show', 'browse the pipeline in a local web page')
  registerShowCommand(show.command, show.open, io)
}
