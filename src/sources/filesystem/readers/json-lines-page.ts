/**
 * @module `JsonLinesPage`: rows a reader serialized itself, collected into `JsonLines` pages of a
 * fixed number of rows. Extract copies such a page into the package without parsing it when
 * nothing on the resource needs the items (see `extract/json-lines.ts`); otherwise it parses the
 * page as if the rows had been yielded as objects.
 */
import { JsonLines } from '../../../extract/json-lines.js'

/** Collects JSON lines of one file; `take()` returns them as a page. */
export class JsonLinesPage {
  readonly #source: string
  #lines: string[] = []
  #firstLine = 1

  /** @param source names the file in errors (its `file_url`) */
  constructor(source: string) {
    this.#source = source
  }

  get size(): number {
    return this.#lines.length
  }

  /** Adds one line (a JSON object, without newline) read from `line` of the file. */
  add(json: string, line: number): void {
    if (this.#lines.length === 0) this.#firstLine = line
    this.#lines.push(json)
  }

  /** The collected lines as a page, or `undefined` when there are none; starts a new page. */
  take(): JsonLines | undefined {
    if (this.#lines.length === 0) return undefined
    this.#lines.push('')
    const page = new JsonLines(Buffer.from(this.#lines.join('\n')), this.#source, this.#firstLine)
    this.#lines = []
    return page
  }
}
