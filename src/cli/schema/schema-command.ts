/**
 * @module `dlt-ts schema <file> --format json|yaml`: reads a stored schema (JSON, or YAML as dlt
 * exports it), validates it and prints it in the asked format (dlt's `dlt schema`).
 */
import { readFileSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { type Command, Option } from 'commander'
import { SchemaFileError } from '../cli-errors.js'
import type { CliIo } from '../cli-io.js'
import { parseYaml } from '../yaml/parse-yaml.js'
import { formatSchema, SCHEMA_FORMATS, type SchemaFormat } from './format-schema.js'
import { validateStoredSchema } from './validate-stored-schema.js'

/** Adds `schema` to `program`. */
export function registerSchemaCommand(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description(
      'Validate a stored schema file (.json, .yaml or .yml) and print it as YAML, JSON or TypeScript row types (ts).',
    )
    .argument('<file>', 'the schema file; its extension says how to read it')
    .addOption(
      new Option('--format <format>', 'output format').choices(SCHEMA_FORMATS).default('yaml'),
    )
    .action((file: string, options: { format: SchemaFormat }) => {
      io.out(formatSchema(readSchemaFile(file), options.format))
    })
}

/** Reads and validates the schema file `file`. */
export function readSchemaFile(file: string) {
  const path = resolve(file)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new SchemaFileError(path, [`it cannot be read (${(error as Error).message})`], {
      cause: error,
    })
  }
  let value: unknown
  const isYaml = ['.yaml', '.yml'].includes(extname(path).toLowerCase())
  try {
    value = isYaml ? parseYaml(text) : JSON.parse(text)
  } catch (error) {
    throw new SchemaFileError(
      path,
      [`it is not valid ${isYaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`],
      {
        cause: error,
      },
    )
  }
  const { schema, problems } = validateStoredSchema(value)
  if (!schema) throw new SchemaFileError(path, problems)
  return schema
}
