import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  assertPathSegment,
  decodePathSegment,
  encodePathSegment,
  isSafePathSegment,
  pathSegmentProblem,
  resolveInside,
} from './path-segment.js'

describe('pathSegmentProblem', () => {
  it.each([
    ['issues'],
    ['issues__labels'],
    ['a.b'],
    ['...'],
    ['.hidden'],
    ['50%off'],
    ['ünïcödé ▶ child'],
    ['with space'],
  ])('accepts %j', (value) => {
    expect(pathSegmentProblem(value)).toBeUndefined()
    expect(isSafePathSegment(value)).toBe(true)
  })

  it.each([
    ['', /empty/],
    ['.', /"\." or "\.\."/],
    ['..', /"\." or "\.\."/],
    ['../../x', /"\/"/],
    ['a/b', /"\/"/],
    ['/tmp/x', /"\/"/],
    ['a\\b', /"\\"/],
    ['C:\\x', /"\\"/],
    ['a\0b', /control character/],
    ['line\nbreak', /control character/],
    ['del\u007f', /control character/],
  ])('refuses %j', (value, problem) => {
    expect(pathSegmentProblem(value)).toMatch(problem)
    expect(isSafePathSegment(value)).toBe(false)
  })

  it('refuses what is not a string', () => {
    expect(pathSegmentProblem(42 as unknown as string)).toMatch(/not a string/)
    expect(isSafePathSegment(undefined)).toBe(false)
  })
})

describe('assertPathSegment', () => {
  it('passes a safe segment', () => {
    expect(() => assertPathSegment('github', 'The source name')).not.toThrow()
  })

  it('throws a TypeError naming the value, the problem and the rule', () => {
    expect(() => assertPathSegment('a\0b', 'The `x` option', 'folder name')).toThrow(
      new TypeError(
        'The `x` option "a\\u0000b" cannot be a folder name: it contains the control character ' +
          'U+0000 (NUL) (a name that becomes a file or folder may use any characters except "/", ' +
          '"\\" and control characters (such as NUL or a line break), and may not be empty, "." or "..")',
      ),
    )
  })
})

describe('encodePathSegment / decodePathSegment', () => {
  it.each([
    ['issues', 'issues'],
    ['a.b', 'a.b'],
    ['../../x', '..%2F..%2Fx'],
    ['..', '%2E%2E'],
    ['.', '%2E'],
    ['a/b', 'a%2Fb'],
    ['a\\b', 'a%5Cb'],
    ['a\0b', 'a%00b'],
    ['/tmp/x', '%2Ftmp%2Fx'],
    ['50%off', '50%25off'],
    ['%2F', '%252F'],
    ['tab\there', 'tab%09here'],
    ['ünïcödé▶x', 'ünïcödé▶x'],
  ])('encodes %j as %j, a safe segment that decodes back', (value, encoded) => {
    expect(encodePathSegment(value)).toBe(encoded)
    expect(isSafePathSegment(encoded)).toBe(true)
    expect(decodePathSegment(encoded)).toBe(value)
  })

  it('leaves a % that starts no escape as it is when decoding', () => {
    expect(decodePathSegment('100%')).toBe('100%')
    expect(decodePathSegment('50%of')).toBe('50%of')
  })

  it('cannot encode the empty string', () => {
    expect(() => encodePathSegment('')).toThrow(RangeError)
  })
})

describe('resolveInside', () => {
  const root = join('/', 'data', 'root')

  it.each([
    [['a'], join(root, 'a')],
    [['a', 'b.json'], join(root, 'a', 'b.json')],
    [['a/b', 'c'], join(root, 'a', 'b', 'c')],
    [['a', '..', 'b'], join(root, 'b')],
    [[], root],
    [[''], root],
  ])('resolves %j inside the root (or to the root itself)', (segments, expected) => {
    expect(resolveInside(root, ...segments)).toBe(expected)
  })

  it.each([[['..']], [['../x']], [['a', '..', '..', 'x']], [['/tmp/x']], [['..', 'root2']]])(
    'refuses %j, which is not below the root',
    (segments) => {
      expect(() => resolveInside(root, ...segments)).toThrow(RangeError)
    },
  )

  it('refuses NUL, which no file name may contain', () => {
    expect(() => resolveInside(root, 'a\0b')).toThrow(/NUL/)
  })

  it('names the root and the path in its message', () => {
    expect(() => resolveInside(root, '../../x')).toThrow(
      `Path "../../x" leaves the folder "${root}"`,
    )
  })
})
