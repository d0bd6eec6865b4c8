import { describe, expect, it } from 'vitest'
import { mergeResourceDefaults } from './merge-resource-defaults.js'
import type { EndpointResourceBase, EndpointResourceConfig } from './rest-api-config.js'

const defaults: EndpointResourceBase = {
  primaryKey: 'id',
  writeDisposition: 'merge',
  columns: { id: { dataType: 'bigint' }, body: { dataType: 'text', nullable: true } },
  endpoint: {
    params: { per_page: 100, state: 'open' },
    json: { filter: { a: 1 }, size: 10 },
    paginator: 'header_link',
    headers: { accept: 'application/json' },
  },
}

describe('mergeResourceDefaults', () => {
  it.each<[string, string | EndpointResourceConfig, Record<string, unknown>]>([
    [
      'a string is name and path',
      'issues',
      { name: 'issues', primaryKey: 'id', endpoint: { path: 'issues', paginator: 'header_link' } },
    ],
    [
      'an endpoint string is the path',
      { name: 'open_issues', endpoint: 'issues' },
      { name: 'open_issues', endpoint: { path: 'issues' } },
    ],
    [
      'the path defaults to the name',
      { name: 'users', endpoint: { method: 'POST' } },
      { endpoint: { path: 'users', method: 'POST' } },
    ],
    [
      'params and json merge one level deep',
      { name: 'x', endpoint: { params: { state: 'all' }, json: { filter: { b: 2 } } } },
      {
        endpoint: {
          params: { per_page: 100, state: 'all' },
          json: { filter: { b: 2 }, size: 10 },
        },
      },
    ],
    [
      'other endpoint keys are replaced',
      { name: 'x', endpoint: { paginator: { type: 'offset', limit: 5 }, headers: { x: '1' } } },
      { endpoint: { paginator: { type: 'offset', limit: 5 }, headers: { x: '1' } } },
    ],
    [
      'resource hints are replaced',
      { name: 'x', primaryKey: ['a', 'b'], writeDisposition: 'append' },
      { primaryKey: ['a', 'b'], writeDisposition: 'append' },
    ],
    [
      'columns merge per column',
      { name: 'x', columns: { body: { nullable: false }, extra: { dataType: 'bool' } } },
      {
        columns: {
          id: { dataType: 'bigint' },
          body: { dataType: 'text', nullable: false },
          extra: { dataType: 'bool' },
        },
      },
    ],
    [
      'null removes a default',
      { name: 'x', primaryKey: null, endpoint: { paginator: null, params: { state: null } } },
      {
        endpoint: { path: 'x', params: { per_page: 100 }, headers: { accept: 'application/json' } },
      },
    ],
  ])('%s', (_title, resource, expected) => {
    const merged = mergeResourceDefaults(resource, defaults)
    expect(merged).toMatchObject(expected)
    if (_title === 'null removes a default') {
      expect(merged).not.toHaveProperty('primaryKey')
      expect(merged.endpoint).not.toHaveProperty('paginator')
    }
  })

  it('works without defaults and changes neither argument', () => {
    const resource = { name: 'x', endpoint: { params: { a: 1 } } }
    const snapshot = JSON.stringify([resource, defaults])
    expect(mergeResourceDefaults(resource, undefined)).toEqual({
      name: 'x',
      endpoint: { path: 'x', params: { a: 1 } },
    })
    mergeResourceDefaults(resource, defaults)
    expect(JSON.stringify([resource, defaults])).toBe(snapshot)
  })
})
