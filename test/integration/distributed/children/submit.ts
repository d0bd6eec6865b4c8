/**
 * A submitting process for the loader-kill test: `submit.ts <dir> <sharedDir> <prefix>` runs
 * `shop` on the workers into the `distributed` pipeline of `dir` (killed by `DLT_TS_CRASH_AT` at
 * a named point).
 */
import { distributedRun } from '../../../../src/distributed/index.js'
import { shop, shopPipeline } from './shop-source.js'

const [dir, sharedDir, prefix] = process.argv.slice(2)
await distributedRun({
  pipeline: shopPipeline(dir!, 'distributed'),
  source: shop,
  sharedDir: sharedDir!,
  prefix: prefix!,
})
