import { describe, expectTypeOf, it } from 'vitest'
import {
  type ConnectionStringCredentials,
  config,
  createConfigAccessors,
  defineConfig,
  type ExplicitValues,
  type ResolvedConfig,
  resolveConfig,
  secret,
} from '../../../src/config/index.js'

const spec = defineConfig({
  accessToken: secret.string(),
  perPage: config.integer({ default: 100 }),
  since: config.string({ optional: true }),
  labels: config.array<string>({ default: [] }),
  options: config.object<{ verbose: boolean }>({ optional: true }),
  credentials: secret.connectionString({ drivername: 'postgresql' }),
  backup: secret.connectionString({ optional: true }),
})

describe('config types', () => {
  it('infers the resolved shape from the spec', () => {
    expectTypeOf<ResolvedConfig<typeof spec>>().toEqualTypeOf<{
      readonly accessToken: string
      readonly perPage: number
      readonly since: string | undefined
      readonly labels: string[]
      readonly options: { verbose: boolean } | undefined
      readonly credentials: ConnectionStringCredentials
      readonly backup: ConnectionStringCredentials | undefined
    }>()
  })

  it('types explicit values, credentials accepting strings and parts', () => {
    expectTypeOf<ExplicitValues<typeof spec>['perPage']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<{ credentials: 'postgresql://u@h/d' }>().toMatchTypeOf<
      ExplicitValues<typeof spec>
    >()
    expectTypeOf<{ credentials: { host: string } }>().toMatchTypeOf<ExplicitValues<typeof spec>>()
    expectTypeOf<{ perPage: string }>().not.toMatchTypeOf<ExplicitValues<typeof spec>>()
  })

  it('types accessor results from defaults and field specs', () => {
    const { config: cfg } = createConfigAccessors({ providers: [] })
    const workers = () => cfg.get('normalize.workers', 1)
    const flag = () => cfg.get('x', config.boolean({ optional: true }))
    const name = () => cfg.get<string>('x')
    expectTypeOf<ReturnType<typeof workers>>().toEqualTypeOf<number>()
    expectTypeOf<ReturnType<typeof flag>>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<ReturnType<typeof name>>().toEqualTypeOf<string>()
    expectTypeOf(resolveConfig).returns.toBeObject()
  })
})
