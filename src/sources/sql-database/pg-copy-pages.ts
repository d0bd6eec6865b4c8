/**
 * @module A `COPY … TO STDOUT` run through `pg` and read as pages of JSON lines: a `pg` submittable
 * that, as `pg-copy-streams` does, takes the connection's socket from `pg`'s parser while the COPY
 * runs and hands it back at the message that ends it (`CopyDone` or an error), so `pg` reads the
 * rest (`CommandComplete`, `ReadyForQuery`, an `ErrorResponse`) as usual. The socket is read only
 * while no finished page waits for the consumer: the server is held back by TCP, and memory holds
 * about one page. `pg-copy-out.ts` cuts the messages into pages.
 */
import type { Readable } from 'node:stream'
import { JsonLines } from '../../extract/json-lines.js'
import { CopyOutPages } from './pg-copy-out.js'

/** The part of `pg`'s connection a submittable sees. */
interface PgConnection {
  readonly stream: Readable
  query(text: string): void
}

/** `COPY (…) TO STDOUT` of JSON lines as an async iterable of pages; submit with `client.query`. */
export class PgCopyPages implements AsyncIterable<JsonLines> {
  readonly #sql: string
  readonly #source: string
  readonly #chunkSize: number
  readonly #cutter: CopyOutPages
  #connection: PgConnection | undefined
  #parserListener: ((chunk: Buffer) => void) | undefined
  readonly #onReadable = (): void => this.#read()
  #detached = false
  #ended = false
  #error: Error | undefined
  #firstLine = 1
  #waiter:
    | { resolve: (r: IteratorResult<JsonLines>) => void; reject: (e: Error) => void }
    | undefined

  /** `source` names the table in parse errors. */
  constructor(sql: string, chunkSize: number, source: string) {
    this.#sql = sql
    this.#source = source
    this.#chunkSize = chunkSize
    this.#cutter = new CopyOutPages(chunkSize)
  }

  /** Called by `pg` when the query's turn comes; an error returned fails the query. */
  submit(connection: PgConnection): Error | undefined {
    this.#connection = connection
    const stream = connection.stream
    const listeners = stream.listeners('data')
    if (listeners.length !== 1) {
      // pg-copy-streams makes the same assumption: pg's parser is the socket's one reader
      return new Error(
        `expected pg's parser as the one reader of the socket, found ${listeners.length}`,
      )
    }
    this.#parserListener = listeners[0] as (chunk: Buffer) => void
    stream.removeListener('data', this.#parserListener)
    stream.pause()
    stream.on('readable', this.#onReadable)
    connection.query(this.#sql)
    return undefined
  }

  /** Called by `pg` with the server's error or a lost connection. */
  handleError(error: Error): void {
    this.#error = error
    this.#settle()
  }

  /** Called by `pg` at `CommandComplete`. */
  handleCommandComplete(): void {}

  /** Called by `pg` when the server is ready again: the COPY is over. */
  handleReadyForQuery(): void {
    this.#ended = true
    this.#settle()
  }

  [Symbol.asyncIterator](): AsyncIterator<JsonLines> {
    return {
      next: () =>
        new Promise<IteratorResult<JsonLines>>((resolve, reject) => {
          this.#waiter = { resolve, reject }
          this.#settle()
          if (this.#waiter) this.#read()
        }),
    }
  }

  /** Reads the socket while no page waits (and the COPY is still ours). */
  #read(): void {
    const connection = this.#connection
    if (connection === undefined || this.#detached) return
    const stream = connection.stream
    while (this.#cutter.pages.length === 0) {
      const chunk = stream.read() as Buffer | null
      if (chunk === null) break
      const rest = this.#cutter.push(chunk)
      if (rest !== undefined) {
        this.#detach(rest)
        break
      }
    }
    this.#settle()
  }

  /** Gives the socket back to `pg`'s parser, starting with `rest`. */
  #detach(rest: Buffer): void {
    this.#detached = true
    const stream = this.#connection!.stream
    stream.removeListener('readable', this.#onReadable)
    stream.on('data', this.#parserListener!)
    this.#parserListener!(rest)
    // after the parser's own handling (which may pause the socket), let it flow again
    process.nextTick(() => stream.resume())
  }

  /** Answers a waiting `next()`: a page, then the error or the end. */
  #settle(): void {
    const waiter = this.#waiter
    if (waiter === undefined) return
    const page = this.#cutter.pages.shift()
    if (page !== undefined) {
      this.#waiter = undefined
      const lines = new JsonLines(page, this.#source, this.#firstLine)
      this.#firstLine += this.#chunkSize
      waiter.resolve({ value: lines, done: false })
    } else if (this.#error !== undefined) {
      this.#waiter = undefined
      waiter.reject(this.#error)
    } else if (this.#ended) {
      this.#waiter = undefined
      waiter.resolve({ value: undefined, done: true })
    }
  }
}
