/**
 * A small PokeAPI-like API on 127.0.0.1 (port 0) for loading configs copied from Python dlt
 * projects: a bearer token on every request except `/berry` (an API key there), `pokemon` in pages
 * linked from the body (`next`), one detail per pokemon (404 for a missing one), berries by
 * offset/limit with a total, and moves by page number filtered by `since`. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Pokemon {
  id: number
  name: string
  base_experience: number
  updated_at: string
}

export interface Move {
  id: number
  name: string
  updated_at: string
}

/** The data the API serves; change it between runs. */
export interface PokemonLikeData {
  pokemon: Pokemon[]
  /** Names listed but without a detail page (404). */
  missing: string[]
  berries: { id: number; name: string; firmness: string }[]
  moves: Move[]
}

/** A request the server received. */
export interface SeenRequest {
  readonly path: string
  readonly query: Record<string, string>
  readonly headers: IncomingMessage['headers']
}

export interface PokemonLikeServer {
  readonly url: string
  readonly data: PokemonLikeData
  readonly requests: SeenRequest[]
  seen(pattern: RegExp): SeenRequest[]
  close(): Promise<void>
}

/** Starts the server; `token` is the bearer token, `apiKey` the `X-API-Key` of `/berry`. */
export async function startPokemonLikeServer(
  data: PokemonLikeData,
  credentials: { readonly token: string; readonly apiKey: string },
): Promise<PokemonLikeServer> {
  const requests: SeenRequest[] = []
  let base = ''
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base)
    requests.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    })
    const allowed = url.pathname.startsWith('/api/v2/berry')
      ? req.headers['x-api-key'] === credentials.apiKey
      : req.headers.authorization === `Bearer ${credentials.token}`
    if (!allowed) send(res, 401, { detail: 'Unauthorized' })
    else route(url, res, data)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    data,
    requests,
    seen: (pattern) => requests.filter((r) => pattern.test(r.path)),
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function route(url: URL, res: ServerResponse, data: PokemonLikeData): void {
  const detail = /^\/api\/v2\/pokemon\/([^/]+)$/.exec(url.pathname)
  if (url.pathname === '/api/v2/pokemon') listPokemon(url, res, data)
  else if (detail) {
    const found = data.pokemon.find((p) => p.name === detail[1])
    if (found) send(res, 200, found)
    else send(res, 404, { detail: 'Not found.' })
  } else if (url.pathname === '/api/v2/berry') {
    const offset = Number(url.searchParams.get('start') ?? 0)
    const limit = Number(url.searchParams.get('count') ?? 20)
    send(res, 200, {
      total: data.berries.length,
      items: data.berries.slice(offset, offset + limit),
    })
  } else if (url.pathname === '/api/v2/move') listMoves(url, res, data)
  else send(res, 404, { detail: 'Not found.' })
}

function listPokemon(url: URL, res: ServerResponse, data: PokemonLikeData): void {
  const offset = Number(url.searchParams.get('offset') ?? 0)
  const limit = Number(url.searchParams.get('limit') ?? 20)
  const names = [...data.pokemon.map((p) => p.name), ...data.missing]
  const page = names.slice(offset, offset + limit)
  let next: string | null = null
  if (offset + limit < names.length) {
    const nextUrl = new URL(url)
    nextUrl.searchParams.set('offset', String(offset + limit))
    next = nextUrl.href
  }
  send(res, 200, {
    count: names.length,
    next,
    previous: null,
    results: page.map((name) => ({ name, url: `${url.origin}/api/v2/pokemon/${name}/` })),
  })
}

function listMoves(url: URL, res: ServerResponse, data: PokemonLikeData): void {
  const since = url.searchParams.get('since')
  const page = Number(url.searchParams.get('page') ?? 1)
  const perPage = 2
  const matching = data.moves.filter((m) => !since || m.updated_at >= since)
  send(res, 200, {
    data: { moves: matching.slice((page - 1) * perPage, page * perPage) },
    total_pages: Math.max(1, Math.ceil(matching.length / perPage)),
  })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
