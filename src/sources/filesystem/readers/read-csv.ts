/**
 * @module `readCsv`: dlt's `read_csv` reader as a transformer. Parses each file it gets from the
 * `filesystem` resource with `csv-parse` (RFC 4180 quoting, any delimiter, quote and escape
 * character, a header row or given names, a BOM, any encoding `TextDecoder` knows), streaming,
 * and yields the rows in pages of `chunkSize`. Values are typed as pandas would read them
 * (dlt reads CSV with pandas): numbers and `true`/`false` become numbers and booleans, empty
 * fields are missing (`NULL`); `inferTypes: false` keeps every value as text. gzip files are
 * decompressed (by name or content).
 *
 * Rows are serialized here as JSON lines (`JSON.stringify` of each row), so extract copies them
 * into the package without another pass; a column whose values have a decimal point is hinted `double` (dlt's pandas gives
 * it a float dtype), so `10.00` followed by `12.50` stays one column.
 */
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { isDltError, toError } from '../../../errors/dlt-error.js'
import type { JsonLines } from '../../../extract/json-lines.js'
import { mark } from '../../../extract/mark.js'
import { type Resource, transformer } from '../../../extract/resource.js'
import type { FileItemDict } from '../file-item.js'
import { FileReadError } from '../filesystem-source-errors.js'
import { JsonLinesPage } from './json-lines-page.js'
import { filesOf } from './reader-files.js'

/** Options of `readCsv`. */
export interface ReadCsvOptions {
  /** The field separator (one or more characters). @default ',' */
  readonly delimiter?: string
  /** The quote character; `''` for none. @default '"' */
  readonly quote?: string
  /** The character escaping a quote inside quotes. @default '"' (a doubled quote, RFC 4180) */
  readonly escape?: string
  /**
   * `true`: the first row names the columns (duplicates get `.1`, `.2`, as pandas); `false`: no
   * header, columns are named `0`, `1`, … (as pandas); a list: these names, no header row.
   * @default true
   */
  readonly header?: boolean | readonly string[]
  /**
   * The files' text encoding: any label `TextDecoder` knows (`utf-8`, `latin1`,
   * `windows-1252`, `utf-16le`, `shift_jis`, …). A UTF-8 or UTF-16 byte order mark is dropped.
   * @default 'utf-8'
   */
  readonly encoding?: string
  /** Rows per page yielded (dlt's `chunksize`). @default 10000 */
  readonly chunkSize?: number
  /** Numbers and booleans as such; `false` keeps every non-empty value as text. @default true */
  readonly inferTypes?: boolean
  /** Lines starting with this are skipped; none by default. */
  readonly comment?: string
  /** The transformer's name (its table unless renamed with `withName`). @default 'read_csv' */
  readonly name?: string
}

const READER = 'read_csv'
/** JSON numbers, plus forms pandas reads as numbers (`+1`, `.5`, `1.`). */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/
const LEADING_ZERO = /^[-+]?0\d/
const DECIMAL = /[.eE]/
const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
}

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
  const settings = checkOptions(options)
  return transformer<FileItemDict | FileItemDict[], Record<string, unknown>>(
    async function* (input: FileItemDict | FileItemDict[]) {
      for (const file of filesOf(input, READER)) yield* readFile(file, settings)
    } as never,
    { name: options.name ?? READER, concurrency: 2 },
  )
}

interface CsvSettings {
  readonly delimiter: string
  readonly quote: string
  readonly escape: string
  readonly header: boolean | readonly string[]
  readonly decoder: string | undefined
  readonly chunkSize: number
  readonly inferTypes: boolean
  readonly comment: string | undefined
}

function checkOptions(options: ReadCsvOptions): CsvSettings {
  const {
    delimiter = ',',
    quote = '"',
    escape: escapeChar = '"',
    header = true,
    encoding = 'utf-8',
    chunkSize = 10_000,
    inferTypes = true,
    comment,
  } = options
  if (typeof delimiter !== 'string' || delimiter === '') {
    throw new TypeError('readCsv: `delimiter` must be a non-empty string')
  }
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError('readCsv: `chunkSize` must be an integer >= 1')
  }
  if (typeof header !== 'boolean' && !Array.isArray(header)) {
    throw new TypeError('readCsv: `header` must be true, false or a list of column names')
  }
  let label: string
  try {
    label = new TextDecoder(encoding).encoding
  } catch {
    // TextDecoder throws a RangeError for a label it does not know: say which option it was
    throw new RangeError(
      `readCsv: unknown \`encoding\` "${encoding}"; use a WHATWG label such as utf-8, latin1, windows-1252 or utf-16le`,
    )
  }
  return {
    delimiter,
    quote,
    escape: escapeChar,
    header,
    decoder: label === 'utf-8' ? undefined : label,
    chunkSize,
    inferTypes,
    comment,
  }
}

type Yielded = JsonLines | ReturnType<typeof mark.withHints<Record<string, unknown>>>

async function* readFile(file: FileItemDict, settings: CsvSettings): AsyncGenerator<Yielded> {
  const url = file.file_url
  let row = 0
  try {
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
      const decimals = new Set<number>()
      const page = new JsonLinesPage(url)
      for await (const record of parser as AsyncIterable<string[]>) {
        if (names === undefined) {
          if (settings.header === true) {
            names = dedupe(record)
            continue
          }
          names = record.map((_, index) => String(index))
        }
        row++
        if (record.length > names.length) {
          throw new FileReadError(
            READER,
            url,
            `${record.length} fields where the header has ${names.length}`,
            { row },
          )
        }
        // one object per row, serialized natively: much faster than concatenating JSON text
        const item: Record<string, unknown> = {}
        let newDecimal = false
        for (let i = 0; i < record.length; i++) {
          const text = record[i]!
          if (text === '') continue
          let value: unknown = text
          if (settings.inferTypes) {
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
        if (newDecimal) {
          // a column with a decimal point is a double from here on: hint it, in this row's table
          const done = page.take()
          if (done) yield done
          yield mark.withHints(item, { columns: doubleColumns(names, decimals) })
          continue
        }
        const line = JSON.stringify(item)
        page.add(line, row)
        if (page.size >= settings.chunkSize) yield page.take()!
      }
      const rest = page.take()
      if (rest) yield rest
    } finally {
      // stopped early (a limit, an error): release the file
      source.destroy()
      stream.destroy()
    }
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
        row: typeof records === 'number' ? records + 1 - header : row + 1,
      },
      { cause },
    )
  }
}

/**
 * True for text pandas reads as a number and a JS number holds exactly: not `007` (a code, kept
 * as text) and not an integer beyond 2^53 (it would lose digits).
 */
function isNumberText(text: string): boolean {
  // most text fails on its first character, before any regular expression runs
  const first = text.charCodeAt(0)
  if (!((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46)) return false
  if (!NUMBER.test(text) || LEADING_ZERO.test(text)) return false
  const number = Number(text)
  return Number.isFinite(number) && (DECIMAL.test(text) || Number.isSafeInteger(number))
}

/** Column names made unique as pandas does: `a`, `a.1`, `a.2`; empty names `Unnamed: <i>`. */
function dedupe(names: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return names.map((raw, index) => {
    const name = raw === '' ? `Unnamed: ${index}` : raw
    const count = seen.get(name) ?? 0
    seen.set(name, count + 1)
    return count === 0 ? name : `${name}.${count}`
  })
}

function doubleColumns(
  names: readonly string[],
  decimals: ReadonlySet<number>,
): Record<string, { dataType: 'double' }> {
  const columns: Record<string, { dataType: 'double' }> = {}
  for (const index of decimals) columns[names[index]!] = { dataType: 'double' }
  return columns
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
