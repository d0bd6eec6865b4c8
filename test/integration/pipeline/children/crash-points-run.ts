/**
 * Child process for the crash-point test: runs batch `<batch>` of the crash-points source; with
 * `DLT_TS_CRASH_AT=<n>` set, it kills itself at the n-th crash point.
 * usage: node --import tsx crash-points-run.ts <dir> <batch>
 */
import { crashPointsPipeline, crashPointsSource } from './crash-points-source.js'

const [dir = '.', batch = '1'] = process.argv.slice(2)
await crashPointsPipeline(dir).run(crashPointsSource(Number(batch)))
