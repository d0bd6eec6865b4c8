import { describe, expect, it } from 'vitest'
import { Schema } from './schema.js'
import { schemaToTypeScript } from './schema-to-typescript.js'

describe('schemaToTypeScript', () => {
  it('writes an interface per data table, typed as the dataset reads them, and Tables', () => {
    const schema = new Schema('github')
    schema.updateTable({
      name: 'issues',
      columns: {
        id: { name: 'id', data_type: 'bigint', nullable: false },
        score: { name: 'score', data_type: 'double' },
        open: { name: 'open', data_type: 'bool' },
        amount: { name: 'amount', data_type: 'decimal' },
        created: { name: 'created', data_type: 'timestamp' },
        blob: { name: 'blob', data_type: 'binary' },
        meta: { name: 'meta', data_type: 'json' },
        'odd name': { name: 'odd name', data_type: 'text' },
      },
    })
    schema.updateTable({
      name: 'issues__labels',
      parent: 'issues',
      columns: { value: { name: 'value', data_type: 'text' } },
    })
    schema.updateTable({ name: '2024_stats', columns: { n: { name: 'n', data_type: 'bigint' } } })
    const text = schemaToTypeScript(schema.toStored())
    expect(text).toContain(
      [
        'export interface Issues {',
        '  id: number | string',
        '  score: number | null',
        '  open: boolean | null',
        '  amount: string | null',
        '  created: Date | null',
        '  blob: Uint8Array | null',
        '  meta: unknown',
        '  "odd name": string | null',
        '}',
      ].join('\n'),
    )
    expect(text).toContain('/** Table `issues__labels` (nested in `issues`). */')
    expect(text).toContain('export interface IssuesLabels {\n  value: string | null\n}')
    expect(text).toContain('export interface T2024Stats {')
    expect(text).toContain(
      'export interface Tables {\n  issues: Issues\n  issues__labels: IssuesLabels\n  "2024_stats": T2024Stats\n}',
    )
    expect(text).not.toMatch(/_dlt_version|DltLoads/)
  })
})
