import { describe, expect, it } from 'vitest'
import { parseLinkHeader } from './link-header.js'

describe('parseLinkHeader', () => {
  it('keys links by relation, with their parameters', () => {
    const links = parseLinkHeader(
      '<https://api.test/items?page=2&per_page=10>; rel="next", <https://api.test/items?page=9>; rel="last"; title="End"',
    )
    expect(links['next']?.url).toBe('https://api.test/items?page=2&per_page=10')
    expect(links['last']).toEqual({
      url: 'https://api.test/items?page=9',
      rel: 'last',
      title: 'End',
    })
  })

  it('lists a link under each of several relations, unquoted or not', () => {
    const links = parseLinkHeader('</p/3>; rel=next, </p/3>; rel="last prev"')
    expect(Object.keys(links)).toEqual(['next', 'last', 'prev'])
  })

  it('returns nothing for a missing or empty header', () => {
    expect(parseLinkHeader(null)).toEqual({})
    expect(parseLinkHeader('')).toEqual({})
  })
})
