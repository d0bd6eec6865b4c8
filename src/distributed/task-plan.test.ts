import { describe, expect, it } from 'vitest'
import { resource, transformer } from '../extract/resource.js'
import { source } from '../extract/source.js'
import { planTasks } from './task-plan.js'

describe('planTasks', () => {
  const issues = resource(() => [{ id: 1 }], { name: 'issues' })
  const comments = transformer(async (issue: { id: number }) => [{ issue: issue.id }], {
    name: 'comments',
    dataFrom: issues,
  })
  const users = resource(() => [{ id: 2 }], { name: 'users' })
  const tracker = source(() => [issues, comments, users], { name: 'tracker' })

  it('makes a task per root resource, with the transformers reading from it', () => {
    expect(planTasks(tracker)).toEqual([
      { key: 't000', resources: ['issues', 'comments'] },
      { key: 't001', resources: ['users'] },
    ])
  })

  it('plans only selected resources; a transformer alone goes with its unselected parent', () => {
    expect(planTasks(tracker.withResources('comments', 'users'))).toEqual([
      { key: 't000', resources: ['comments'] },
      { key: 't001', resources: ['users'] },
    ])
  })
})
