/**
 * The tests' Redis (`REDIS_URL`, else 127.0.0.1:6379): whether it answers a PING within a second
 * (the distributed tests skip, saying so, when it does not), and removing the queues a test file
 * used.
 */
import { Redis } from 'ioredis'
import { redisConnection } from '../../../src/distributed/redis-connection.js'

/** True when Redis answers. */
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

/** Removes every key of the queues under the given prefixes (what a test file left in Redis). */
export async function removeQueues(...prefixes: string[]): Promise<void> {
  const client = new Redis(redisConnection())
  try {
    for (const prefix of prefixes) {
      const keys = await client.keys(`${prefix}:*`)
      if (keys.length) await client.del(...keys)
    }
  } finally {
    client.disconnect()
  }
}
