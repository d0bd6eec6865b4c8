/**
 * `npm run bench:distributed`: a normalize-heavy source (BENCH_TASKS resources × BENCH_ITEMS
 * nested items, ~6 rows each, one table family) run by `distributedRun` on 1 and on 2 worker
 * processes (each normalizing on its own thread: NORMALIZE__WORKERS=1), against the same source
 * run in one process; each distributed figure is the best of BENCH_REPEAT (5) runs. Prints the wall time of each, the speed-up of 2 workers over 1 (whole run,
 * and the task phase alone: queued → last task done; the single loader's load comes after), and
 * the coordination overhead per task, measured on 20 one-row tasks with one worker: the time
 * between queuing and the last task's end not spent inside the tasks, per task. Needs Redis
 * (REDIS_URL or 127.0.0.1:6379). The last line is JSON.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { distributedRun, type TaskReport } from '../src/distributed/index.js'
import * as dlt from '../src/index.js'
import { heavy, tiny } from './distributed-source.js'

process.env['NORMALIZE__WORKERS'] = '1'
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-distributed-'))
const sharedDir = join(root, 'shared')
const prefix = `dlt-bench-${process.pid}`
const workerFile = new URL('./distributed-worker.ts', import.meta.url).pathname

function pipeline(name: string): dlt.Pipeline {
  return dlt.pipeline({
    pipelineName: name,
    destination: dlt.destinations.duckdb({ credentials: join(root, `${name}.duckdb`) }),
    pipelinesDir: join(root, 'pipelines'),
  })
}

function startWorkers(count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ChildProcess>((resolve, reject) => {
          const proc = spawn(process.execPath, ['--import', 'tsx', workerFile, sharedDir, prefix], {
            stdio: ['ignore', 'pipe', 'inherit'],
            env: { ...process.env, NORMALIZE__WORKERS: '1', RUNTIME__LOG_LEVEL: 'WARNING' },
          })
          proc.stdout?.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('ready')) resolve(proc)
          })
          proc.on('error', reject)
        }),
    ),
  )
}

async function rowsOf(target: dlt.Pipeline): Promise<number> {
  const [row] = await target
    .dataset()
    .query<{ n: bigint | number }>(
      'SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM events__labels) + (SELECT count(*) FROM events__labels__tags) AS n',
    )
  return Number(row?.n ?? 0)
}

/** The best of `repeat` runs of `source` on `workers` fresh worker processes. */
async function distributed(name: string, workers: number, source: typeof heavy, repeat: number) {
  const procs = await startWorkers(workers)
  try {
    const runs: Awaited<ReturnType<typeof once>>[] = []
    for (let i = 0; i < repeat; i++) runs.push(await once(`${name}_${i}`, source))
    const best = runs.reduce((a, b) => (a.ms <= b.ms ? a : b))
    // each figure its best: another process on the machine slows any single run
    return { ...best, taskPhaseMs: Math.min(...runs.map((run) => run.taskPhaseMs)) }
  } finally {
    for (const proc of procs) proc.kill('SIGKILL')
  }
}

async function once(name: string, source: typeof heavy) {
  const target = pipeline(name)
  const tasks: TaskReport[] = []
  const start = performance.now()
  await distributedRun({
    pipeline: target,
    source,
    sharedDir,
    prefix,
    onTaskDone: (task) => tasks.push(task),
  })
  const ms = performance.now() - start
  const queuedAt = Math.min(...tasks.map((task) => task.queuedAt))
  const taskPhaseMs = Math.max(...tasks.map((task) => task.finishedAt)) - queuedAt
  const inTasksMs = tasks.reduce((sum, task) => sum + task.finishedAt - task.startedAt, 0)
  return { target, ms, taskPhaseMs, inTasksMs, tasks: tasks.length }
}

const loadBefore = loadavg()[0] ?? 0
const REPEAT = Number(process.env['BENCH_REPEAT'] ?? 5)
const round = (ms: number) => Math.round(ms)
try {
  const single = pipeline('single')
  const start = performance.now()
  await single.run(heavy)
  const singleMs = performance.now() - start
  const rows = await rowsOf(single)
  console.log(`single process: ${rows} rows in ${round(singleMs)} ms`)

  const one = await distributed('one_worker', 1, heavy, REPEAT)
  console.log(
    `1 worker:  ${round(one.ms)} ms (tasks ${round(one.taskPhaseMs)} ms), ${await rowsOf(one.target)} rows`,
  )
  const two = await distributed('two_workers', 2, heavy, REPEAT)
  console.log(
    `2 workers: ${round(two.ms)} ms (tasks ${round(two.taskPhaseMs)} ms), ${await rowsOf(two.target)} rows`,
  )
  const speedup = one.ms / two.ms
  const taskSpeedup = one.taskPhaseMs / two.taskPhaseMs
  console.log(
    `speed-up 2 vs 1 workers: ${speedup.toFixed(2)}x whole run, ${taskSpeedup.toFixed(2)}x task phase`,
  )

  const small = await distributed('tiny', 1, tiny, REPEAT)
  const overheadPerTaskMs = (small.taskPhaseMs - small.inTasksMs) / small.tasks
  console.log(
    `coordination: ${small.tasks} one-row tasks on 1 worker, ${round(small.taskPhaseMs)} ms queued → done, ${round(small.inTasksMs)} ms inside the tasks: ${overheadPerTaskMs.toFixed(1)} ms per task (each task's own fixed cost, a pipeline and a package: ${(small.inTasksMs / small.tasks).toFixed(1)} ms)`,
  )
  console.log(
    JSON.stringify({
      benchmark: 'distributed',
      tasks: one.tasks,
      rows,
      singleProcessMs: round(singleMs),
      oneWorkerMs: round(one.ms),
      twoWorkersMs: round(two.ms),
      oneWorkerTaskPhaseMs: round(one.taskPhaseMs),
      twoWorkersTaskPhaseMs: round(two.taskPhaseMs),
      speedup: Number(speedup.toFixed(2)),
      taskPhaseSpeedup: Number(taskSpeedup.toFixed(2)),
      coordinationMsPerTask: Number(overheadPerTaskMs.toFixed(1)),
      fixedTaskCostMs: Number((small.inTasksMs / small.tasks).toFixed(1)),
      cores: availableParallelism(),
      loadAverageBefore: Number(loadBefore.toFixed(2)),
    }),
  )
} finally {
  rmSync(root, { recursive: true, force: true })
}
