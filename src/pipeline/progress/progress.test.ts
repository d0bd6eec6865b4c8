import { describe, expect, it } from 'vitest'
import { createLogger, parseLogLevel } from '../../util/logger.js'
import { BarProgress } from './bar-progress.js'
import { LogProgress } from './log-progress.js'
import { createProgress, NO_PROGRESS, parseProgressSetting } from './progress.js'

describe('parseProgressSetting (the `progress` config key)', () => {
  it.each([
    ['log', 'log'],
    ['LOG', 'log'],
    ['true', 'log'],
    ['bar', 'bar'],
    ['tqdm', 'bar'],
    ['enlighten', 'bar'],
    ['alive_progress', 'bar'],
    ['false', false],
    ['none', false],
    ['', false],
  ] as const)('%j is %j', (text, setting) => {
    expect(parseProgressSetting(text)).toBe(setting)
  })

  it('names the key and the values it takes', () => {
    expect(() => parseProgressSetting('fancy')).toThrow(
      /config key "progress" must be "log", "bar" or "false".*got "fancy"/,
    )
  })
})

describe('createProgress', () => {
  const tty = { write: () => true, isTTY: true, columns: 100 }
  const pipe = { write: () => true }
  it.each([
    { setting: false as const, stream: tty, kind: 'none' },
    { setting: true as const, stream: pipe, kind: LogProgress },
    { setting: { mode: 'log' as const, stream: tty }, kind: LogProgress },
    { setting: { mode: 'bar' as const, stream: tty }, kind: BarProgress },
    // where the output is not a terminal, bars become lines
    { setting: { mode: 'bar' as const, stream: pipe }, kind: LogProgress },
  ])('$setting', ({ setting, kind }) => {
    const progress = createProgress(setting, 'p')
    if (kind === 'none') expect(progress).toBe(NO_PROGRESS)
    else expect(progress).toBeInstanceOf(kind)
    progress.close()
  })
})

describe('runtime.log_level', () => {
  it.each([
    ['DEBUG', ['debug', 'info', 'warning', 'error']],
    ['info', ['info', 'warning', 'error']],
    ['WARNING', ['warning', 'error']],
    ['warn', ['warning', 'error']],
    ['ERROR', ['error']],
    ['CRITICAL', []],
  ] as const)('%s writes %j', (level, written) => {
    const lines: string[] = []
    const logger = createLogger(parseLogLevel(level), 'p', (text) => lines.push(text))
    logger.debug('debug')
    logger.info('info')
    logger.warning('warning')
    logger.error('error')
    expect(lines).toEqual(written.map((message) => `p: ${message}\n`))
  })

  it('names the key of an unknown level', () => {
    expect(() => parseLogLevel('LOUD')).toThrow(
      /config key "runtime.log_level" must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got "LOUD"/,
    )
  })
})
