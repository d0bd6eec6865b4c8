import { describe, expect, it } from 'vitest'
import {
  ConfigValueError,
  createProviders,
  resolveRuntimeSettings,
} from '../../../src/config/index.js'
import { RESTClient } from '../../../src/sources/rest-client/index.js'
import { thrown, useConfigFixtures } from './config-fixture.js'

const setup = useConfigFixtures()

const WRITER_DEFAULTS = {
  bufferMaxItems: 5000,
  fileMaxItems: undefined,
  fileMaxBytes: undefined,
  disableCompression: false,
}

describe('resolveRuntimeSettings', () => {
  it("has dlt's defaults (and the documented differences)", () => {
    const f = setup()
    expect(resolveRuntimeSettings({ providers: f.providers() })).toEqual({
      extract: { workers: 5, maxParallelItems: 20, dataWriter: WRITER_DEFAULTS },
      normalize: { workers: undefined, dataWriter: WRITER_DEFAULTS },
      load: {
        workers: 20,
        raiseOnFailedJobs: true,
        raiseOnMaxRetries: 5,
        truncateStagingDataset: false,
        deleteCompletedJobs: true,
      },
      runtime: {
        logLevel: 'WARNING',
        requestTimeout: 60,
        requestMaxAttempts: 5,
        requestBackoffFactor: 1,
        requestMaxRetryDelay: 300,
        httpShowErrorBody: true,
        httpMaxErrorBodyLength: 8192,
      },
      pipeline: {},
    })
  })

  const cases: readonly [
    string,
    Record<string, string>,
    (s: ReturnType<typeof resolveRuntimeSettings>) => unknown,
    unknown,
  ][] = [
    ['NORMALIZE__WORKERS', { NORMALIZE__WORKERS: '3' }, (s) => s.normalize.workers, 3],
    ['EXTRACT__WORKERS', { EXTRACT__WORKERS: '2' }, (s) => s.extract.workers, 2],
    ['LOAD__WORKERS', { LOAD__WORKERS: '4' }, (s) => s.load.workers, 4],
    ['PROGRESS', { PROGRESS: 'bar' }, (s) => s.pipeline.progress, 'bar'],
    [
      'RUNTIME__REQUEST_MAX_ATTEMPTS',
      { RUNTIME__REQUEST_MAX_ATTEMPTS: '9' },
      (s) => s.runtime.requestMaxAttempts,
      9,
    ],
    [
      'RUNTIME__REQUEST_BACKOFF_FACTOR',
      { RUNTIME__REQUEST_BACKOFF_FACTOR: '0.5' },
      (s) => s.runtime.requestBackoffFactor,
      0.5,
    ],
    [
      'RUNTIME__REQUEST_TIMEOUT',
      { RUNTIME__REQUEST_TIMEOUT: '15' },
      (s) => s.runtime.requestTimeout,
      15,
    ],
    [
      'DATA_WRITER__BUFFER_MAX_ITEMS',
      { DATA_WRITER__BUFFER_MAX_ITEMS: '10' },
      (s) => s.normalize.dataWriter.bufferMaxItems,
      10,
    ],
    [
      'NORMALIZE__DATA_WRITER__FILE_MAX_ITEMS wins over DATA_WRITER__…',
      { NORMALIZE__DATA_WRITER__FILE_MAX_ITEMS: '7', DATA_WRITER__FILE_MAX_ITEMS: '8' },
      (s) => [s.normalize.dataWriter.fileMaxItems, s.extract.dataWriter.fileMaxItems],
      [7, 8],
    ],
    ['a bare WORKERS is not read', { WORKERS: '9' }, (s) => s.normalize.workers, undefined],
    [
      '<PIPELINE>__LOAD__WORKERS',
      { GH__LOAD__WORKERS: '2', LOAD__WORKERS: '3' },
      (s) => s.load.workers,
      2,
    ],
  ]
  for (const [name, env, pick, want] of cases) {
    it(name, () => {
      const f = setup()
      expect(
        pick(resolveRuntimeSettings({ pipelineName: 'gh', providers: f.providers(env) })),
      ).toEqual(want)
    })
  }

  it('reads TOML sections and takes code overrides first', () => {
    const f = setup({
      config: '[normalize]\nworkers = 2\n[extract.data_writer]\nbuffer_max_items = 100\n',
    })
    const settings = resolveRuntimeSettings({
      providers: f.providers(),
      explicit: { load: { workers: 1 } },
    })
    expect([
      settings.normalize.workers,
      settings.extract.dataWriter.bufferMaxItems,
      settings.load.workers,
    ]).toEqual([2, 100, 1])
  })

  it('refuses a value of the wrong type', () => {
    const f = setup()
    const error = thrown(() =>
      resolveRuntimeSettings({ providers: f.providers({ LOAD__WORKERS: 'lots' }) }),
    )
    expect(error).toBeInstanceOf(ConfigValueError)
    expect(error.message).toContain('"load.workers" from Environment Variables (LOAD__WORKERS)')
  })
})

describe('runtime settings feed the REST client', () => {
  it('limits attempts by runtime.request_max_attempts', async () => {
    const runtime = resolveRuntimeSettings({
      providers: createProviders({ env: { RUNTIME__REQUEST_MAX_ATTEMPTS: '2' } }),
    }).runtime
    const client = new RESTClient({
      baseUrl: 'http://127.0.0.1:1',
      ...runtime,
      requestBackoffFactor: 0.001,
    })
    await expect(client.get('/x')).rejects.toThrow(/after 2 attempts/)
  })
})
