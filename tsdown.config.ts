import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli/main.ts',
    'rest-client': 'src/sources/rest-client/index.ts',
    'rest-api': 'src/sources/rest-api/index.ts',
    filesystem: 'src/sources/filesystem/index.ts',
    'sql-database': 'src/sources/sql-database/index.ts',
    distributed: 'src/distributed/index.ts',
    // started by `normalize-worker-pool.ts` as `./normalize-worker.mjs` next to its chunk
    'normalize-worker': 'src/normalize/normalize-worker.ts',
  },
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node20',
  clean: true,
})
