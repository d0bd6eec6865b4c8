/**
 * Whether the tests' Redis (`REDIS_URL`, else 127.0.0.1:6379) answers a PING within a second;
 * the distributed tests skip, saying so, when it does not.
 */
import { Redis } from 'ioredis'
import { redisConnection } from '../../../src/distributed/redis-connection.js'

export async function redisAvailable(): Promise<boolean> {
  const client = new Redis({
    ...redisConnection(),
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}
