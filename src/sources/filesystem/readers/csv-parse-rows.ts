/**
 * @module The general path of `readCsv`: `csv-parse` (any delimiter, quote and escape, comments,
 * any encoding `TextDecoder` knows), one object per row serialized with `JSON.stringify`. It
 * reads the files the fast path (`CsvJsonLines`) does not, and the rest of a file the fast path
 * gave up on: it then reads the file again from its start and skips the rows already read.
 */
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { JsonLines } from '../../../extract/json-lines.js'
import { mark } from '../../../extract/mark.js'
import type { FileItemDict } from '../file-item.js'
import { FileReadError } from '../filesystem-source-errors.js'
import type { CsvSettings } from './csv-settings.js'
import { BOOLEANS, DECIMAL, dedupe, doubleColumns, isNumberText } from './csv-values.js'
import type { JsonLinesPage } from './json-lines-page.js'

/** What a file's read so far left for the next parser; `row` counts the rows read. */
export interface CsvFileState {
  row: number
  readonly page: JsonLinesPage
  readonly decimals: Set<number>
}

/** What the CSV parsers yield: pages of JSON lines, and single rows marked with hints. */
export type CsvYield = JsonLines | ReturnType<typeof mark.withHints<Record<string, unknown>>>

/** Reads `file` with csv-parse into `state.page`, skipping the first `state.row` rows. */
export async function* readWithCsvParse(
  file: FileItemDict,
  settings: CsvSettings,
  state: CsvFileState,
): AsyncGenerator<CsvYield> {
  const skip = state.row
  const stream = await file.open()
  const parser = parse({
    delimiter: settings.delimiter,
    quote: settings.quote === '' ? false : settings.quote,
    escape: settings.escape,
    bom: true,
    skip_empty_lines: true,
    relax_column_count_less: true,
    ...(settings.comment ? { comment: settings.comment } : {}),
  })
  const source = settings.decoder ? decodeText(stream, settings.decoder) : stream
  source.on('error', (error: Error) => parser.destroy(error))
  source.pipe(parser)
  try {
    let names: readonly string[] | undefined =
      settings.header === false || settings.header === true ? undefined : settings.header
    const { decimals, page } = state
    let read = 0
    for await (const record of parser as AsyncIterable<string[]>) {
      if (names === undefined) {
        if (settings.header === true) {
          names = dedupe(record)
          continue
        }
        names = record.map((_, index) => String(index))
      }
      if (++read <= skip) continue
      state.row = read
      if (record.length > names.length) {
        throw new FileReadError(
          'read_csv',
          file.file_url,
          `${record.length} fields where the header has ${names.length}`,
          { row: read },
        )
      }
      const { item, newDecimal } = toItem(record, names, settings.inferTypes, decimals)
      if (newDecimal) {
        // a column with a decimal point is a double from here on: hint it, in this row's table
        const done = page.take()
        if (done) yield done
        yield mark.withHints(item, { columns: doubleColumns(names, decimals) })
        continue
      }
      page.add(JSON.stringify(item), read)
      if (page.size >= settings.chunkSize) yield page.take()!
    }
    const rest = page.take()
    if (rest) yield rest
  } finally {
    // stopped early (a limit, an error): release the file
    source.destroy()
    stream.destroy()
  }
}

/** One row as an object; `newDecimal` when a column got its first decimal number. */
function toItem(
  record: readonly string[],
  names: readonly string[],
  inferTypes: boolean,
  decimals: Set<number>,
): { item: Record<string, unknown>; newDecimal: boolean } {
  const item: Record<string, unknown> = {}
  let newDecimal = false
  for (let i = 0; i < record.length; i++) {
    const text = record[i]!
    if (text === '') continue
    let value: unknown = text
    if (inferTypes) {
      const boolean = BOOLEANS[text]
      if (boolean !== undefined) value = boolean
      else if (isNumberText(text)) {
        value = Number(text)
        if (!decimals.has(i) && DECIMAL.test(text)) {
          decimals.add(i)
          newDecimal = true
        }
      }
    }
    item[names[i]!] = value
  }
  return { item, newDecimal }
}

/** Decodes a byte stream of `encoding` into text, streaming (characters split across chunks too). */
function decodeText(
  stream: NodeJS.ReadableStream & { on(event: 'error', fn: (e: Error) => void): unknown },
  encoding: string,
) {
  const decoder = new TextDecoder(encoding)
  async function* decode(): AsyncGenerator<string> {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      const text = decoder.decode(chunk, { stream: true })
      if (text) yield text
    }
    const tail = decoder.decode()
    if (tail) yield tail
  }
  return Readable.from(decode())
}
