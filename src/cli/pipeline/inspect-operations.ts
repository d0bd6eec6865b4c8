/**
 * @module The read-only operations of `dlt-ts pipeline <name>`: `info`, `trace`,
 * `load-package [loadId]`, `failed-jobs` and `schema`.
 */
import { type Command, Option } from 'commander'
import { LoadPackageNotFoundError } from '../cli-errors.js'
import type { CliIo } from '../cli-io.js'
import { formatSchema, SCHEMA_FORMATS, type SchemaFormat } from '../schema/format-schema.js'
import { failedJobs } from './failed-jobs.js'
import { formatInfo } from './format-info.js'
import { formatPackage } from './format-package.js'
import { formatTrace } from './format-trace.js'
import type { DeclareOperation } from './pipeline-operation.js'
import { listPackages } from './working-dir-packages.js'

/** Adds the read-only operations. */
export function registerInspectOperations(operation: DeclareOperation, io: CliIo): void {
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

  const schema = operation(
    'schema',
    "the pipeline's default schema, as YAML, JSON or TypeScript row types (ts)",
  )
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
}
