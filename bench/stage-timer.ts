/**
 * @module What the benchmark sides share: wall seconds since a start, the process's peak RSS, and
 * a pipeline's extract, normalize and load run one after another with each stage's seconds and the
 * peak RSS when extract and normalize ended.
 */

/** Seconds since `start` (a `performance.now()`), to the millisecond. */
export const since = (start: number): number => Math.round(performance.now() - start) / 1000

/** The process's peak RSS so far, in MB. */
export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024)

/** The part of a pipeline `timeStages` drives (the built package's or the sources'). */
export interface StagedPipeline {
  extract(data: never): Promise<{ readonly itemCounts: Record<string, number> }>
  normalize(): Promise<{ readonly rowCounts: Record<string, number> }>
  load(): Promise<unknown>
}

/** Extracts `data`, normalizes and loads it, timing each stage. */
export async function timeStages<P extends StagedPipeline>(
  pipeline: P,
  data: Parameters<P['extract']>[0],
) {
  let start = performance.now()
  const extracted = await pipeline.extract(data)
  const extract = since(start)
  const extractPeakRssMb = peakRssMb()
  start = performance.now()
  const normalized = await pipeline.normalize()
  const normalize = since(start)
  const normalizePeakRssMb = peakRssMb()
  start = performance.now()
  await pipeline.load()
  const load = since(start)
  return {
    extracted,
    normalized,
    stages: { extract, normalize, load, extractPeakRssMb, normalizePeakRssMb },
  }
}
