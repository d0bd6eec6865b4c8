/**
 * @module The pipeline browser's server: `node:http` on 127.0.0.1, serving the page (`/`) and
 * its JSON endpoints (`/api/…`, see show-api.ts). Only requests addressed to the loopback host
 * are answered (a page of another site cannot reach it through DNS rebinding), and the SQL box
 * takes only JSON posts (an HTML form of another site cannot send one).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Pipeline } from '../../index.js'
import { ShowPortInUseError } from '../cli-errors.js'
import { ReadOnlySqlError } from './read-only-sql.js'
import {
  loads,
  overview,
  packages,
  recentLoads,
  runQuery,
  schemas,
  tableRows,
  UnknownTableError,
} from './show-api.js'
import { showPage } from './show-page.js'

/** A running browser server. */
export interface ShowServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/** Options of `startShowServer`. */
export interface ShowServerOptions {
  /** The port; 0 picks a free one. @default 0 */
  readonly port?: number
}

const HOST = '127.0.0.1'
const MAX_BODY = 1_000_000

/** Starts the browser of `pipeline` on 127.0.0.1. */
export async function startShowServer(
  pipeline: Pipeline,
  options: ShowServerOptions = {},
): Promise<ShowServer> {
  const server = createServer((request, response) => {
    handle(pipeline, request, response).catch((error: unknown) => {
      sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ShowPortInUseError(options.port ?? 0, { cause: error })
          : error,
      )
    })
    server.listen(options.port ?? 0, HOST, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function handle(pipeline: Pipeline, request: IncomingMessage, response: ServerResponse) {
  const port = (request.socket.localPort ?? 0).toString()
  const host = request.headers.host ?? ''
  if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
    return sendJson(response, 403, {
      error: `Host ${host} is not served: open http://${HOST}:${port}/`,
    })
  }
  const url = new URL(request.url ?? '/', `http://${HOST}:${port}`)
  const route = `${request.method} ${url.pathname}`
  if (route === 'GET /') {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
    })
    return void response.end(showPage(pipeline.pipelineName))
  }
  if (route === 'GET /api/overview') return sendJson(response, 200, overview(pipeline))
  if (route === 'GET /api/schemas') return sendJson(response, 200, schemas(pipeline))
  if (route === 'GET /api/packages') return sendJson(response, 200, packages(pipeline))
  if (route === 'GET /api/loads') return sendJson(response, 200, await loads(pipeline))
  if (route === 'GET /api/recent-loads') return sendJson(response, 200, await recentLoads(pipeline))
  if (route === 'GET /api/rows') {
    const table = url.searchParams.get('table') ?? ''
    const offset = Number(url.searchParams.get('offset') ?? 0) || 0
    const limit = Number(url.searchParams.get('limit') ?? 50) || 50
    try {
      return sendJson(response, 200, await tableRows(pipeline, table, offset, limit))
    } catch (error) {
      if (error instanceof UnknownTableError)
        return sendJson(response, 404, { error: error.message })
      throw error
    }
  }
  if (route === 'POST /api/query') {
    if (!String(request.headers['content-type']).startsWith('application/json')) {
      return sendJson(response, 415, { error: 'Send the query as JSON: {"sql": "select …"}' })
    }
    const body = JSON.parse(await readBody(request)) as { sql?: unknown }
    try {
      return sendJson(response, 200, await runQuery(pipeline, String(body.sql ?? '')))
    } catch (error) {
      // the database's own error (a syntax error, an unknown table) is the user's to fix too
      const status = error instanceof ReadOnlySqlError ? 403 : 400
      return sendJson(response, status, {
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }
  sendJson(response, 404, { error: `No such page: ${request.method} ${url.pathname}` })
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.end()
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body, jsonValue))
}

/** Values JSON cannot hold as they are: bigints as strings, bytes as hex. */
function jsonValue(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key]
  if (typeof original === 'bigint') return original.toString()
  if (original instanceof Uint8Array) {
    const hex = Buffer.from(original.subarray(0, 64)).toString('hex')
    return `\\x${hex}${original.length > 64 ? '…' : ''}`
  }
  return value
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('The request body is too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
