/**
 * @module Streams a JSON-lines loader file as batches of rows, so that a load job holds at most
 * one batch in memory however large the file is.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

/** A row of a loader file. */
export type LoaderRow = Record<string, unknown>

/**
 * Yields the rows of the JSON-lines file at `path` in batches of up to `batchSize` (the last one
 * may be smaller; an empty file yields nothing). `skipRows` rows at the start are read but not
 * yielded (to resume a job).
 */
export async function* readJsonlBatches(
  path: string,
  batchSize: number,
  skipRows = 0,
): AsyncGenerator<LoaderRow[]> {
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  })
  let batch: LoaderRow[] = []
  let skipped = 0
  try {
    for await (const line of lines) {
      if (line.length === 0) continue
      if (skipped < skipRows) {
        skipped++
        continue
      }
      batch.push(JSON.parse(line) as LoaderRow)
      if (batch.length >= batchSize) {
        yield batch
        batch = []
      }
    }
    if (batch.length) yield batch
  } finally {
    lines.close()
  }
}
