/**
 * @module `readCsv`: dlt's `read_csv` reader as a transformer. Reads each file it gets from the
 * `filesystem` resource (RFC 4180 quoting, any delimiter, quote and escape character, a header
 * row or given names, a BOM, any encoding `TextDecoder` knows), streaming, and yields the rows in
 * pages of `chunkSize`. Values are typed as pandas would read them (dlt reads CSV with pandas):
 * numbers and `true`/`false` become numbers and booleans, empty fields are missing (`NULL`);
 * `inferTypes: false` keeps every value as text. gzip files are decompressed (by name or
 * content).
 *
 * Rows leave as JSON lines, which extract copies into the package without another pass. UTF-8
 * files in the common dialect go through `CsvJsonLines` (bytes to JSON bytes); other files, and
 * the rest of a file where that fast path gives up, through `csv-parse` — with the same rows. A
 * column whose values have a decimal point is hinted `double` (dlt's pandas gives it a float
 * dtype), so `10.00` followed by `12.50` stays one column.
 */
import { isDltError, toError } from '../../../errors/dlt-error.js'
import { mark } from '../../../extract/mark.js'
import { type Resource, transformer } from '../../../extract/resource.js'
import type { FileItemDict } from '../file-item.js'
import { FileReadError } from '../filesystem-source-errors.js'
import { CSV_STEP, CsvJsonLines } from './csv-json-lines.js'
import { type CsvFileState, type CsvYield, readWithCsvParse } from './csv-parse-rows.js'
import { type CsvSettings, checkCsvOptions, type ReadCsvOptions } from './csv-settings.js'
import { doubleColumns } from './csv-values.js'
import { JsonLinesPage } from './json-lines-page.js'
import { filesOf } from './reader-files.js'

export type { ReadCsvOptions } from './csv-settings.js'

const READER = 'read_csv'

/**
 * A transformer reading CSV files from the `filesystem` resource.
 *
 * ```ts
 * import { filesystem, readCsv } from 'dlt-ts/filesystem'
 *
 * const orders = filesystem({ bucketUrl: 'data/exports', fileGlob: '**\/*.csv.gz' })
 *   .pipe(readCsv({ delimiter: ';', encoding: 'latin1' }))
 *   .withName('orders')
 * await pipeline.run(orders)
 * ```
 */
export function readCsv(options: ReadCsvOptions = {}): Resource<Record<string, unknown>> {
  const settings = checkCsvOptions(options)
  return transformer<FileItemDict | FileItemDict[], Record<string, unknown>>(
    async function* (input: FileItemDict | FileItemDict[]) {
      for (const file of filesOf(input, READER)) yield* readFile(file, settings)
    } as never,
    { name: options.name ?? READER, concurrency: 2 },
  )
}

async function* readFile(file: FileItemDict, settings: CsvSettings): AsyncGenerator<CsvYield> {
  const url = file.file_url
  const state: CsvFileState = { row: 0, page: new JsonLinesPage(url), decimals: new Set() }
  try {
    const fast = fastPathBytes(settings)
    if (fast && (yield* readFast(file, settings, fast, state))) return
    yield* readWithCsvParse(file, settings, state)
  } catch (error) {
    if (isDltError(error)) throw error
    const cause = toError(error)
    // csv-parse's errors say where it stopped; records read so far include the header row
    const { lines, records } = cause as { lines?: unknown; records?: unknown }
    const header = settings.header === true ? 1 : 0
    throw new FileReadError(
      READER,
      url,
      cause.message.replace(/ on line \d+$/, ''),
      {
        line: typeof lines === 'number' ? lines : undefined,
        row: typeof records === 'number' ? records + 1 - header : state.row + 1,
      },
      { cause },
    )
  }
}

/** The delimiter and quote bytes when the fast path reads this dialect, else undefined. */
function fastPathBytes(settings: CsvSettings): { delimiter: number; quote: number } | undefined {
  const { delimiter, quote, decoder, comment } = settings
  if (decoder !== undefined || comment || delimiter.length !== 1 || quote.length > 1) return
  const delimiterByte = delimiter.charCodeAt(0)
  const quoteByte = quote === '' ? -1 : quote.charCodeAt(0)
  const plain = (byte: number) => byte < 0x80 && byte !== 0x0a && byte !== 0x0d
  if (!plain(delimiterByte) || !plain(quoteByte) || delimiterByte === quoteByte) return
  // an escape other than the quote itself (`\"`) is csv-parse's
  if (quoteByte !== -1 && settings.escape !== quote) return
  return { delimiter: delimiterByte, quote: quoteByte }
}

/**
 * Reads `file` with `CsvJsonLines`. Returns true when it read the whole file, false when it gave
 * up (`state.row` rows read, `csv-parse` reads the rest).
 */
async function* readFast(
  file: FileItemDict,
  settings: CsvSettings,
  bytes: { delimiter: number; quote: number },
  state: CsvFileState,
): AsyncGenerator<CsvYield, boolean> {
  const { page, decimals } = state
  const parser = new CsvJsonLines({ ...settings, ...bytes, page, decimals })
  const stream = await file.open()
  try {
    const chunks = stream[Symbol.asyncIterator]()
    for (;;) {
      const chunk = await chunks.next()
      if (!(chunk.done ? parser.end() : parser.push(chunk.value as Buffer))) return false
      for (let step = parser.next(); step !== CSV_STEP.more; step = parser.next()) {
        state.row = parser.rows
        if (step === CSV_STEP.unsupported) return false
        const done = step === CSV_STEP.done || step === CSV_STEP.hint ? page.take() : undefined
        if (step === CSV_STEP.page) yield page.take()!
        else if (done) yield done
        if (step === CSV_STEP.hint) {
          const columns = doubleColumns(parser.names!, decimals)
          yield mark.withHints(parser.hinted!, { columns })
        } else if (step === CSV_STEP.done) return true
      }
    }
  } finally {
    // stopped early (a limit, an error, the csv-parse path takes over): release the file
    stream.destroy()
  }
}
