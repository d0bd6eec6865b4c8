/**
 * @module A quick check that Redis answers before a run is submitted or a worker starts: BullMQ's
 * connections retry forever (as its workers need), so an unreachable Redis would otherwise hang.
 */
import { RedisUnreachableError } from './distributed-errors.js'
import { maskRedisUrl, redisConnection } from './redis-connection.js'

/** Resolves when Redis at `url` answers PING; throws `RedisUnreachableError` otherwise. */
export async function pingRedis(url: string | undefined, timeoutMs = 3_000): Promise<void> {
  const { Redis } = await import('ioredis')
  const client = new Redis({
    ...redisConnection(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  // reported by connect() below; without a listener ioredis would also print it
  client.on('error', () => {})
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    throw new RedisUnreachableError(maskRedisUrl(url), error as Error)
  } finally {
    client.disconnect()
  }
}
