/**
 * @module `dlt-ts init <source> <destination>`: scaffolds a project that runs as generated —
 * `rest_api`, `sql_database`, `filesystem`, or any other name for a plain generator source —
 * into the current folder (or `--dir`), refusing to overwrite files unless `--force`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import { InitTargetExistsError } from '../cli-errors.js'
import type { CliIo } from '../cli-io.js'
import { packageVersion } from '../package-version.js'
import { INIT_DESTINATIONS, type InitDestination } from './destination-template.js'
import { projectFiles, VERIFIED_SOURCES } from './project-files.js'

/** Adds `init` to `program`. */
export function registerInitCommand(program: Command, io: CliIo): void {
  program
    .command('init')
    .description(
      `Scaffold a project: a pipeline script, package.json and .dlt/ settings. <source> is one of ${VERIFIED_SOURCES.join(', ')} or a name of your own (a generator source).`,
    )
    .argument(
      '<source>',
      `${VERIFIED_SOURCES.join(', ')}, or a snake_case name of your own`,
      parseSourceName,
    )
    .argument('<destination>', INIT_DESTINATIONS.join(', '), parseDestination)
    .option('--dir <dir>', 'the project folder', '.')
    .option('--force', 'overwrite files that exist')
    .action(
      (source: string, destination: InitDestination, options: { dir: string; force?: boolean }) => {
        const dir = resolve(options.dir)
        const version = packageVersion()
        const scaffold = projectFiles(
          source,
          destination,
          version === 'unknown' ? '0.1.0' : version,
        )
        const clashes = Object.keys(scaffold.files).filter((file) => existsSync(join(dir, file)))
        if (clashes.length && !options.force) throw new InitTargetExistsError(dir, clashes)
        for (const [file, content] of Object.entries(scaffold.files)) {
          mkdirSync(dirname(join(dir, file)), { recursive: true })
          writeFileSync(join(dir, file), content)
        }
        io.out(`Created a ${source} pipeline loading into ${destination} in ${dir}:`)
        for (const file of Object.keys(scaffold.files)) io.out(`  ${file}`)
        io.out('Next:')
        for (const note of scaffold.notes) io.out(`  ${note}`)
        io.out(`  npm install && npm start    (runs ${scaffold.pipelineScript})`)
      },
    )
}

function parseSourceName(value: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(value)) {
    throw new InvalidArgumentError(
      `the source name must be snake_case (letters, digits, _; a letter first), e.g. ${VERIFIED_SOURCES.join(', ')} or my_source`,
    )
  }
  return value
}

function parseDestination(value: string): InitDestination {
  if (!(INIT_DESTINATIONS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`choose one of ${INIT_DESTINATIONS.join(', ')}`)
  }
  return value as InitDestination
}
