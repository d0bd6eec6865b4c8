import { expect, it } from 'vitest'
import { RedisUnreachableError } from './distributed-errors.js'
import { pingRedis } from './ping-redis.js'

it('refuses a Redis that does not answer at once, password masked', async () => {
  const started = Date.now()
  const error = await pingRedis('redis://loader:hunter2@127.0.0.1:1').catch((e: unknown) => e)
  expect(error).toBeInstanceOf(RedisUnreachableError)
  expect((error as Error).message).toMatch(
    /^Redis at redis:\/\/loader:\*\*\*@127\.0\.0\.1:1 did not answer .*redis-server --daemonize yes/,
  )
  expect((error as Error).message).not.toContain('hunter2')
  expect(Date.now() - started).toBeLessThan(3_000)
})
