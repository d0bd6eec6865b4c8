import { describe, expect, it } from 'vitest'
import {
  isTerminalError,
  isTransientError,
  TerminalError,
  TransientError,
} from '../errors/dlt-error.js'
import { PipelineStepFailed } from './pipeline-errors.js'

describe('PipelineStepFailed', () => {
  it.each([
    { cause: new TransientError('connection reset'), transient: true, terminal: false },
    { cause: new TerminalError('bad data'), transient: false, terminal: true },
    { cause: new Error('a bug'), transient: false, terminal: false },
  ])('is as transient as its cause: $cause.message', ({ cause, transient, terminal }) => {
    const failed = new PipelineStepFailed('p', 'load', '1.2', cause)
    expect(isTransientError(failed)).toBe(transient)
    expect(isTerminalError(failed)).toBe(terminal)
    expect(failed.cause).toBe(cause)
  })
})
