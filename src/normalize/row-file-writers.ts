/**
 * @module The loader files of one normalize run: one rotating JSON-lines writer per table, created
 * on the table's first row, each file named `{table}.{file_id}.0.jsonl`.
 */
import { formatJobFileName } from '../storage/job-file-name.js'
import { BufferedLineWriter, type FileRotation } from '../storage/writers/buffered-line-writer.js'
import { createNameMap } from '../util/own-property.js'
import type { EmittedRow } from './emitted-row.js'

/** Where and how the row files are written. */
export interface RowFileWritersConfig {
  /** The package's jobs folder. */
  readonly directory: string
  /** When a loader file is complete. @default 100_000 rows */
  readonly rotation?: FileRotation
}

/** Per-table writers of normalized rows. */
export class RowFileWriters {
  readonly #config: RowFileWritersConfig
  readonly #writers = new Map<string, BufferedLineWriter>()
  readonly #files: string[] = []

  constructor(config: RowFileWritersConfig) {
    this.#config = config
  }

  /** Writes `row` into `table`'s files (the normalizer's `emit`). */
  readonly emit = (table: string, row: EmittedRow): void => {
    let writer = this.#writers.get(table)
    if (!writer) {
      const { directory, rotation } = this.#config
      writer = new BufferedLineWriter({
        directory,
        fileName: () => formatJobFileName(table, 'jsonl'),
        ...rotation,
      })
      this.#writers.set(table, writer)
    }
    writer.writeEncoded(row)
  }

  /** Flushes and closes every file; returns the paths written. Safe to call twice. */
  close(): string[] {
    for (const writer of this.#writers.values()) {
      for (const file of writer.close()) if (!this.#files.includes(file)) this.#files.push(file)
    }
    return [...this.#files]
  }

  /** Rows written per table. */
  rowCounts(): Record<string, number> {
    const counts = createNameMap<number>()
    for (const [table, writer] of this.#writers) counts[table] = writer.lineCount
    return counts
  }
}
