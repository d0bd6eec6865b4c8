/**
 * @module Tests of the `snake_case` naming convention against what dlt 1.26 produced
 * (`test/fixtures/dlt-1.26/naming_snake_case.json`), plus paths, shortening and `direct`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DirectNaming } from './direct.js'
import { createNamingConvention } from './index.js'
import { computeTag, pyStrip, SnakeCaseNaming, shortenIdentifier } from './snake-case.js'

interface Fixture {
  identifier: [string, string][]
  path: [string, string][]
  shorten: [string, Record<string, string>][]
}

const fixture = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../../test/fixtures/dlt-1.26/naming_snake_case.json'),
    'utf8',
  ),
) as Fixture

const shortenCases = fixture.shorten.flatMap(([input, byLength]) =>
  Object.entries(byLength).map(([maxLength, expected]) => [input, Number(maxLength), expected]),
) as [string, number, string][]

describe('snake_case: dlt 1.26 vectors', () => {
  const naming = new SnakeCaseNaming()

  it('has cases in every section', () => {
    expect(fixture.identifier.length).toBeGreaterThan(0)
    expect(fixture.path.length).toBeGreaterThan(0)
    expect(shortenCases.length).toBe(fixture.shorten.length * 3)
  })

  it.each(fixture.identifier)('normalizeIdentifier(%j) = %j', (input, expected) => {
    expect(naming.normalizeIdentifier(input)).toBe(expected)
    // The memoized result is the same.
    expect(naming.normalizeIdentifier(input)).toBe(expected)
  })

  it.each(fixture.path)('normalizePath(%j) = %j', (input, expected) => {
    expect(naming.normalizePath(input)).toBe(expected)
  })

  it.each(shortenCases)('%j with maxLength %i = %j', (input, maxLength, expected) => {
    const short = new SnakeCaseNaming(maxLength)
    expect(short.normalizeIdentifier(input)).toBe(expected)
    expect(short.normalizePath(input)).toBe(expected)
  })
})

describe('snake_case: paths', () => {
  const naming = new SnakeCaseNaming()

  it('makePath joins with __ and leaves out blank fragments', () => {
    expect(naming.makePath('a', 'b', 'c')).toBe('a__b__c')
    expect(naming.makePath('a', '', ' ', '\t', 'b')).toBe('a__b')
    expect(naming.makePath('a')).toBe('a')
    expect(naming.makePath()).toBe('')
    // Fragments are neither normalized nor stripped.
    expect(naming.makePath('A b', 'C')).toBe('A b__C')
  })

  it('breakPath splits on __ and leaves out blank fragments', () => {
    expect(naming.breakPath('a__b__c')).toEqual(['a', 'b', 'c'])
    expect(naming.breakPath('a____b__ __c')).toEqual(['a', 'b', 'c'])
    expect(naming.breakPath('__a__')).toEqual(['a'])
    expect(naming.breakPath('a___b')).toEqual(['a', '_b'])
    expect(naming.breakPath('')).toEqual([])
  })

  it('breakPath undoes makePath', () => {
    const fragments = ['issues', 'labels', 'user_id']
    expect(naming.breakPath(naming.makePath(...fragments))).toEqual(fragments)
  })

  it('normalizePath of a blank path is empty', () => {
    expect(naming.normalizePath('')).toBe('')
    expect(naming.normalizePath(' \t ')).toBe('')
  })

  // dlt's normalize_path gives '' here (break_path drops every fragment), an empty column or
  // table name that fails at the destination; dlt-ts normalizes the whole path as one identifier
  // instead, as dlt does with use_break_path_on_normalize off.
  it.each([
    ['__', 'xx'],
    ['____', 'xxxx'],
    ['__ __', 'xxxxx'],
    [' __ ', 'xx'],
    ['______', 'xxxxxx'],
    // these keep a fragment, as in dlt
    ['_', 'x'],
    ['___', 'x'],
    ['_____', 'x'],
    ['a__', 'a'],
    ['__proto__', 'proto'],
  ])('normalizePath(%j) = %j, never empty', (input, expected) => {
    expect(naming.normalizePath(input)).toBe(expected)
    expect(new SnakeCaseNaming(63).normalizePath(input)).toBe(expected)
  })

  it('shortenFragments joins (no fragments: empty)', () => {
    expect(naming.shortenFragments('issues', 'labels')).toBe('issues__labels')
    expect(naming.shortenFragments('', ' ', 'a', 'b')).toBe('a__b')
    expect(naming.shortenFragments()).toBe('')
  })
})

// Expected values below were computed with CPython 3.11 running dlt 1.26's algorithm.
describe('snake_case: Python semantics', () => {
  const naming = new SnakeCaseNaming()

  it.each([
    ['\x1cname\x85', 'name'],
    ['\ufeffname', '_name'],
    ['a\u3000b', 'a_b'],
    ['٣abc', '_٣abc'],
    ['a٣B', 'a٣b'],
    ['𝟎Ab', '_𝟎_ab'],
    ['x𝟏𝟐', 'x𝟏𝟐'],
    ['HTTP2Server', 'http2_server'],
    ['A_', 'ax'],
    ['ÄÖÜ', 'x'],
    ['a-_-b', 'a_b'],
    ['Ab__Cd', 'ab_cd'],
  ])('normalizeIdentifier(%j) = %j', (input, expected) => {
    expect(naming.normalizeIdentifier(input)).toBe(expected)
  })

  it('strips whitespace as Python does', () => {
    expect(pyStrip(' \t\x1c\x1f\x85\xa0a b\u2028\u3000')).toBe('a b')
    expect(pyStrip('\ufeffa')).toBe('\ufeffa')
  })

  it('refuses blank identifiers', () => {
    expect(() => naming.normalizeIdentifier('')).toThrow(/empty identifier/)
    expect(() => naming.normalizeIdentifier(' \n ')).toThrow(/empty identifier/)
  })
})

describe('snake_case: shortening', () => {
  it('computes the tag from a shake-128 digest of the original identifier', () => {
    // base64 'FOS44A==' and '5+zzzA=='
    expect(
      computeTag('a_very_long_identifier_name_that_exceeds_the_limit_of_the_destination'),
    ).toBe('fos44a')
    expect(computeTag('exactly_ten')).toBe('5bzzza')
  })

  it('shortens paths with a tag of the whole original path', () => {
    const path = `Users__${'VeryLongChildName'.repeat(4)}__Zip`
    expect(new SnakeCaseNaming(10).normalizePath(path)).toBe('usp3bqtwip')
    expect(new SnakeCaseNaming(20).normalizePath(path)).toBe('users__p3bqtwme__zip')
    expect(new SnakeCaseNaming(63).normalizePath(path)).toBe(
      'users__very_long_child_name_vp3bqtwme_very_long_child_name__zip',
    )
  })

  it('counts code points, not UTF-16 units', () => {
    const path = `parent__${'𝟎'.repeat(30)}`
    expect(new SnakeCaseNaming(10).normalizePath(path)).toBe('paerdobq𝟎𝟎')
    expect(new SnakeCaseNaming(20).normalizePath(path)).toBe(`parent_erdobq${'𝟎'.repeat(7)}`)
    expect(new SnakeCaseNaming(63).normalizePath(path)).toBe(`parent___${'𝟎'.repeat(30)}`)
  })

  it('shortens fragments with a tag of the joined path', () => {
    const long = 'very_long_nested_column_name_of_the_third_level_that_overflows'
    expect(new SnakeCaseNaming(10).shortenFragments('issues', 'labels')).toBe('isqqpsbqls')
    expect(new SnakeCaseNaming(20).shortenFragments('issues', 'assignees', long)).toBe(
      'issues_tbpdmgerflows',
    )
    expect(new SnakeCaseNaming(63).shortenFragments('issues', 'assignees', long)).toBe(
      'issues__assignees__very_long_tbpdmge_third_level_that_overflows',
    )
  })

  it('keeps the odd character in the head and needs room for the tag', () => {
    expect(shortenIdentifier('a'.repeat(12), 'a'.repeat(12), 6)).toBe('auxhvq')
    expect(shortenIdentifier('abcdefghijk', 'x', 9)).toMatch(/^ab.{6}k$/)
    expect(shortenIdentifier('abcdef', 'abcdef', 0)).toBe('abcdef')
    expect(() => shortenIdentifier('abcdefgh', 'abcdefgh', 5)).toThrow(/tag/)
  })
})

describe('createNamingConvention', () => {
  it('creates snake_case by short name and by dlt module path', () => {
    const naming = createNamingConvention('snake_case', 63)
    expect(naming).toBeInstanceOf(SnakeCaseNaming)
    expect(naming.name).toBe('snake_case')
    expect(naming.maxLength).toBe(63)
    const full = createNamingConvention('dlt.common.normalizers.naming.snake_case')
    expect(full).toBeInstanceOf(SnakeCaseNaming)
    expect(full.maxLength).toBeUndefined()
  })

  it('creates direct', () => {
    expect(createNamingConvention('direct')).toBeInstanceOf(DirectNaming)
    expect(createNamingConvention('dlt.common.normalizers.naming.direct').name).toBe('direct')
  })

  it('refuses unknown conventions', () => {
    expect(() => createNamingConvention('sql_cs_v1')).toThrow(TypeError)
    expect(() => createNamingConvention('kebab')).toThrow(/kebab/)
  })
})

describe('direct', () => {
  const naming = new DirectNaming()

  it('keeps identifiers but for new lines, quotes and the separator', () => {
    expect(naming.normalizeIdentifier('  Mixed Case ü  ')).toBe('Mixed Case ü')
    expect(naming.normalizeIdentifier('a\nb\r"c\'d▶e')).toBe('a_b__c_d_e')
  })

  it('joins paths with ▶', () => {
    expect(naming.makePath('a', ' ', 'b')).toBe('a▶b')
    expect(naming.breakPath('a▶▶b')).toEqual(['a', 'b'])
    expect(naming.normalizePath('A b▶C\n')).toBe('A b▶C')
  })

  it('gives a path of separators only a name', () => {
    expect(naming.normalizePath('▶▶')).toBe('__')
    expect(naming.normalizePath('__proto__')).toBe('__proto__')
  })
})
