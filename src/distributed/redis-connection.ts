/**
 * @module The Redis a distributed run coordinates through: a `redis://` URL (default `REDIS_URL`,
 * else `redis://127.0.0.1:6379`) turned into BullMQ's connection options, and a printable form of
 * it with the password masked.
 */

/** BullMQ's (ioredis') connection options. */
export interface RedisConnectionOptions {
  readonly host: string
  readonly port: number
  readonly username?: string
  readonly password?: string
  readonly db?: number
  readonly tls?: Record<string, never>
  /** BullMQ's workers need blocking commands that never give up. */
  readonly maxRetriesPerRequest: null
}

/** The Redis URL to use: the given one, `REDIS_URL`, or the local default. */
export function redisUrl(url?: string): string {
  return url ?? process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'
}

/** Connection options for `url` (`redis://[user:password@]host[:port][/db]`, `rediss://` for TLS). */
export function redisConnection(url?: string): RedisConnectionOptions {
  const parsed = new URL(redisUrl(url))
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(
      `The Redis URL ${maskRedisUrl(url)} must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)`,
    )
  }
  const db = parsed.pathname.replace(/^\//, '')
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  }
}

/** `url` with its password replaced by `***`, for messages and logs. */
export function maskRedisUrl(url?: string): string {
  const value = redisUrl(url)
  try {
    const parsed = new URL(value)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '<an unparsable Redis URL>'
  }
}
