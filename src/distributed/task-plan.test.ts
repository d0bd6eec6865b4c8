import { describe, expect, it } from 'vitest'
import { resource, transformer } from '../extract/resource.js'
import { source } from '../extract/source.js'
import { partitioned } from './partitioned.js'
import { planTasks } from './task-plan.js'

describe('planTasks', () => {
  const issues = resource(() => [{ id: 1 }], { name: 'issues' })
  const comments = transformer(async (issue: { id: number }) => [{ issue: issue.id }], {
    name: 'comments',
    dataFrom: issues,
  })
  const users = resource(() => [{ id: 2 }], { name: 'users' })
  const tracker = source(() => [issues, comments, users], { name: 'tracker' })

  it('makes a task per root resource, with the transformers reading from it', async () => {
    expect(await planTasks(tracker)).toEqual([
      { key: 't000', resources: ['issues', 'comments'] },
      { key: 't001', resources: ['users'] },
    ])
  })

  it('plans only selected resources; a transformer alone goes with its unselected parent', async () => {
    expect(await planTasks(tracker.withResources('comments', 'users'))).toEqual([
      { key: 't000', resources: ['comments'] },
      { key: 't001', resources: ['users'] },
    ])
  })

  it('makes a task per partition of a partitioned resource, each writing the one table', async () => {
    const years = source(
      () =>
        partitioned('orders', [2024, 2025], (year) =>
          resource(() => [{ year }], { name: 'orders', primaryKey: 'year' }),
        ),
      { name: 'years' },
    )
    expect(await planTasks(years)).toEqual([
      { key: 't000', resources: ['orders_0'] },
      { key: 't001', resources: ['orders_1'] },
    ])
    expect(years.selectedResources.map((r) => r.hints.tableName)).toEqual(['orders', 'orders'])
    expect(years.selectedResources.map((r) => r.hints.primaryKey)).toEqual(['year', 'year'])
  })

  it('makes a task per partition a resource lists, its transformers in each', async () => {
    const pages = resource(() => [{ id: 0 }], {
      name: 'pages',
      partitions: {
        list: async () => [{ from: 1 }, { from: 2 }],
        extract: ({ from }) => [{ id: from }],
      },
    })
    const details = transformer(async (page: { id: number }) => [{ page: page.id }], {
      name: 'details',
      dataFrom: pages,
    })
    const paged = source(() => [pages, details, users], { name: 'paged' })
    expect(await planTasks(paged)).toEqual([
      {
        key: 't000',
        resources: ['pages', 'details'],
        partition: { resource: 'pages', value: { from: 1 } },
      },
      {
        key: 't001',
        resources: ['pages', 'details'],
        partition: { resource: 'pages', value: { from: 2 } },
      },
      { key: 't002', resources: ['users'] },
    ])
  })

  it('runs a resource listing no partitions whole, in one task', async () => {
    const none = resource((): { id: number }[] => [], {
      name: 'none',
      partitions: { list: () => [], extract: () => [] },
    })
    expect(await planTasks(source(() => [none], { name: 'empty' }))).toEqual([
      { key: 't000', resources: ['none'] },
    ])
  })
})
