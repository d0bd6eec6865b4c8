/**
 * @module `dlt-ts init filesystem <destination>`: CSV files of a folder or bucket through
 * `dlt-ts/filesystem`; the bucket URL goes to `.dlt/config.toml`, bucket keys to secrets.
 */
import { runPipelineCode, type SourceTemplate } from './source-template.js'

export const filesystemTemplate: SourceTemplate = {
  dependencies: {},
  config:
    '[sources.filesystem]\n# a local folder, file:// URL or s3://bucket/path\nbucket_url = "data"\nfile_glob = "**/*.csv"\n',
  secrets:
    '[sources.filesystem.credentials]\n# for an s3:// bucket\n# aws_access_key_id = ""\n# aws_secret_access_key = ""\n# region_name = ""\n# endpoint_url = ""\n',
  note: 'Put CSV files in data/ (or point [sources.filesystem] bucket_url at your bucket).',
  pipelineScript: ({ destination, command }) => `/**
 * A dlt-ts pipeline made by \`${command}\`: loads the CSV files of a folder or bucket;
 * only new or changed files are read on the next runs.
 * Run it with \`npm start\`; then inspect it with \`npx dlt-ts pipeline filesystem_pipeline info\`.
 */
import * as dlt from 'dlt-ts'
import { filesystem, readCsv } from 'dlt-ts/filesystem'

// [sources.filesystem] bucket_url and file_glob in .dlt/config.toml
const settings = dlt.resolveConfig(
  dlt.defineConfig({ bucketUrl: dlt.config.string(), fileGlob: dlt.config.string({ default: '**/*.csv' }) }),
  { sections: ['sources', 'filesystem'], pipelineName: 'filesystem_pipeline' },
)

const files = filesystem({
  bucketUrl: settings.bucketUrl,
  fileGlob: settings.fileGlob,
  incremental: dlt.incremental({ cursorPath: 'modification_date' }),
})

${runPipelineCode('filesystem_pipeline', destination, "files.pipe(readCsv()).withName('records')")}`,
}
