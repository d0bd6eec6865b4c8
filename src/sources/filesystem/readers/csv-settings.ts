/**
 * @module `readCsv`'s options, checked once: `CsvSettings` is what both CSV parsers read.
 */

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

/** `ReadCsvOptions` with the defaults applied and the encoding resolved. */
export interface CsvSettings {
  readonly delimiter: string
  readonly quote: string
  readonly escape: string
  readonly header: boolean | readonly string[]
  /** The `TextDecoder` label; undefined for UTF-8, which the parsers read as bytes. */
  readonly decoder: string | undefined
  readonly chunkSize: number
  readonly inferTypes: boolean
  readonly comment: string | undefined
}

/** Applies the defaults; throws a TypeError or RangeError naming a wrong option. */
export function checkCsvOptions(options: ReadCsvOptions): CsvSettings {
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
