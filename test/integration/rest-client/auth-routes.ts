/**
 * Routes that check credentials: bearer, API key (header, query, cookie), HTTP basic, and an OAuth 2
 * client-credentials token endpoint whose tokens really expire and can be revoked early.
 */
import type { RouteContext, Routes } from './test-server.js'

export const BEARER_TOKEN = 'secret-bearer-token'
export const API_KEY = 'key-abc-123456'
export const BASIC_USER = 'ann'
export const BASIC_PASSWORD = 'pässwörd-42'
export const CLIENT_ID = 'client-1'
export const CLIENT_SECRET = 'client-secret-xyz'

export const authRoutes: Routes = {
  'GET /auth/bearer': (context) =>
    answer(context, context.req.headers.authorization === `Bearer ${BEARER_TOKEN}`),
  'GET /auth/api-key-header': (context) =>
    answer(context, context.req.headers['x-api-key'] === API_KEY),
  'GET /auth/api-key-query': (context) => answer(context, context.query['api_key'] === API_KEY),
  'GET /auth/api-key-cookie': (context) =>
    answer(
      context,
      (context.req.headers.cookie ?? '').split('; ').includes(`session_key=${API_KEY}`),
    ),
  'GET /auth/basic': (context) => {
    const expected = Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`, 'utf8').toString('base64')
    answer(context, context.req.headers.authorization === `Basic ${expected}`)
  },
  /** Client credentials grant; tokens live `expires_in` seconds (query parameter, default 3600). */
  'POST /oauth/token': ({ body, query, server, send }) => {
    const form = new URLSearchParams(body)
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_id') !== CLIENT_ID ||
      form.get('client_secret') !== CLIENT_SECRET
    )
      return send(401, { error: 'invalid_client', client_secret: form.get('client_secret') })
    const lifetime = Number(query['expires_in'] ?? 3600)
    const token = `token-${server.count('oauth:issued')}-${form.get('scope') ?? 'none'}`
    server.tokens.set(token, Date.now() + lifetime * 1000)
    send(200, { access_token: token, token_type: 'bearer', expires_in: lifetime })
  },
  /** Revokes every token issued so far. */
  'POST /oauth/revoke-all': ({ server, send }) => {
    server.tokens.clear()
    send(200, { revoked: true })
  },
  /** A protected, paginated resource: 3 pages with a relative next URL. */
  'GET /oauth/items': (context) => {
    const token = (context.req.headers.authorization ?? '').replace(/^Bearer /, '')
    const expiry = context.server.tokens.get(token)
    if (expiry === undefined || Date.now() >= expiry) {
      context.server.count('oauth:rejected')
      return context.send(401, { error: 'invalid_token' })
    }
    const page = Number(context.query['page'] ?? 1)
    const next = page < 3 ? `/oauth/items?page=${page + 1}` : null
    context.send(200, { data: [{ page, token }], next })
  },
}

function answer({ send }: RouteContext, allowed: boolean): void {
  if (allowed) send(200, { data: [{ ok: true }] })
  else send(401, { error: 'unauthorized' })
}
