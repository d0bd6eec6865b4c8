/**
 * @module The files of a project made by `dlt-ts init <source> <destination>`: package.json,
 * the pipeline script, `.dlt/config.toml`, `.dlt/secrets.toml` (the keys to fill), .gitignore and
 * a tsconfig.json for editors.
 */
import { destinationTemplate, type InitDestination } from './destination-template.js'
import { filesystemTemplate } from './templates/filesystem-template.js'
import { generatorTemplate } from './templates/generator-template.js'
import { restApiTemplate } from './templates/rest-api-template.js'
import type { SourceTemplate } from './templates/source-template.js'
import { sqlDatabaseTemplate } from './templates/sql-database-template.js'

/** The sources with a template of their own; any other name gets a generator source. */
export const VERIFIED_SOURCES = ['rest_api', 'sql_database', 'filesystem'] as const

/** A scaffold: file paths (relative, `/`-separated) and contents, and what to do next. */
export interface Scaffold {
  readonly files: Readonly<Record<string, string>>
  readonly pipelineScript: string
  readonly notes: readonly string[]
}

/** The scaffold of `source` loading into `destination`, depending on dlt-ts `version`. */
export function projectFiles(
  source: string,
  destination: InitDestination,
  version: string,
): Scaffold {
  const template = sourceTemplate(source)
  const dest = destinationTemplate(destination, `${source}_pipeline`)
  const pipelineScript = `${source}_pipeline.ts`
  const command = `dlt-ts init ${source} ${destination}`
  const packageJson = {
    name: `${source.replace(/_/g, '-')}-pipeline`,
    private: true,
    type: 'module',
    scripts: { start: `tsx ${pipelineScript}` },
    dependencies: {
      'dlt-ts': `^${version}`,
      ...template.dependencies,
      ...dest.dependencies,
    },
    devDependencies: { tsx: '^4.19.0', typescript: '^5.6.0', '@types/node': '^20.0.0' },
  }
  const tsconfig = {
    compilerOptions: {
      target: 'es2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
  }
  return {
    pipelineScript,
    notes: [template.note, dest.note],
    files: {
      'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
      'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
      [pipelineScript]: template.pipelineScript({ destination, command }),
      '.dlt/config.toml': toml(
        `# dlt-ts configuration: dlt's sections and keys; environment variables win over it\n` +
          '# (SOURCES__<SOURCE>__<KEY>, DESTINATION__<NAME>__<KEY>).\n',
        template.config,
        dest.config,
      ),
      '.dlt/secrets.toml': toml(
        '# Secrets: never commit this file (.gitignore lists it). Fill in the keys below.\n',
        template.secrets,
        dest.secrets,
      ),
      '.gitignore': [
        'node_modules/',
        '.dlt/secrets.toml',
        '*.duckdb',
        '*.duckdb.wal',
        '_storage/',
        '',
      ].join('\n'),
    },
  }
}

function sourceTemplate(source: string): SourceTemplate {
  switch (source) {
    case 'rest_api':
      return restApiTemplate
    case 'sql_database':
      return sqlDatabaseTemplate
    case 'filesystem':
      return filesystemTemplate
    default:
      return generatorTemplate(source)
  }
}

function toml(header: string, ...sections: string[]): string {
  return [header, ...sections.filter((section) => section)].join('\n')
}
