#!/usr/bin/env node
/**
 * @module The `dlt-ts` command: inspect pipelines' working directories. Uses only the public API.
 *
 * ```
 * dlt-ts pipeline <name> info          state, schema tables and pending packages
 * dlt-ts pipeline <name> schema        the schema as JSON
 * dlt-ts pipeline <name> drop-pending  discard packages that were not loaded
 * options: --pipelines-dir <dir>
 * ```
 */
import { parseArgs } from 'node:util'
import * as dlt from '../index.js'

const USAGE = `usage: dlt-ts pipeline <name> <info|schema|drop-pending> [--pipelines-dir <dir>]`

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export function main(argv: string[], out: (line: string) => void = console.log): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'pipelines-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  const [group, name, command = 'info'] = positionals
  if (values.help || group !== 'pipeline' || !name) {
    out(USAGE)
    return values.help ? 0 : 2
  }
  const pipeline = dlt.pipeline({
    pipelineName: name,
    ...(values['pipelines-dir'] ? { pipelinesDir: values['pipelines-dir'] } : {}),
  })
  switch (command) {
    case 'info': {
      const state = pipeline.state
      const pending = pipeline.pendingPackages()
      out(`pipeline ${name} in ${pipeline.workingDir}`)
      out(`  dataset: ${state.dataset_name}, destination: ${state.destination_name}`)
      out(`  state version: ${state._state_version}`)
      for (const schema of Object.values(pipeline.schemas)) {
        out(`  schema ${schema.name} version ${schema.version}, tables:`)
        for (const table of Object.values(schema.tables)) {
          if (table.name.startsWith('_dlt_')) continue
          out(
            `    ${table.name} (${Object.keys(table.columns).length} columns, ${table.write_disposition ?? 'from parent'})`,
          )
        }
      }
      out(
        `  pending packages: ${pending.extracted.length} extracted, ${pending.normalized.length} normalized`,
      )
      return 0
    }
    case 'schema':
      out(JSON.stringify(pipeline.schema ?? null, null, 2))
      return 0
    case 'drop-pending': {
      const dropped = pipeline.dropPendingPackages()
      out(dropped.length ? `dropped ${dropped.join(', ')}` : 'no pending packages')
      return 0
    }
    default:
      out(USAGE)
      return 2
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/dlt-ts')) {
  process.exitCode = main(process.argv.slice(2))
}
