import { describe, expect, it } from 'vitest'
import type { TableHints } from './hints.js'
import { tableSchemaFromHints } from './hints.js'
import { createNamingConvention } from './naming/index.js'
import type { WriteDispositionHint } from './write-disposition.js'
import { parseWriteDisposition, timestampToIso } from './write-disposition.js'

const naming = createNamingConvention('snake_case')
const table = (hints: TableHints) => tableSchemaFromHints('dim', hints, naming)
const scd2 = (options: Record<string, unknown> = {}) =>
  ({ disposition: 'merge', strategy: 'scd2', ...options }) as WriteDispositionHint

describe('parseWriteDisposition', () => {
  it('accepts insert-only, which needs a primary key as upsert does', () => {
    const hint = { disposition: 'merge', strategy: 'insert-only' } as const
    expect(table({ writeDisposition: hint, primaryKey: 'id' })['x-merge-strategy']).toBe(
      'insert-only',
    )
    expect(() => table({ writeDisposition: hint })).toThrow(/"insert-only".*`primaryKey`/)
  })

  it.each([
    [{ disposition: 'merge', strategy: 'scd2', validity: ['a', 'b'] }, /`validity`.*"scd2"/],
    [{ disposition: 'merge', strategy: 'upsert', deduplicated: true }, /`deduplicated`.*"upsert"/],
    [
      { disposition: 'merge', boundaryTimestamp: '2024-01-01' },
      /`boundaryTimestamp`.*"delete-insert"/,
    ],
    [{ disposition: 'append', strategy: 'scd2' }, /`strategy`.*'merge'/],
    [{ disposition: 'replace', deduplicated: true }, /`deduplicated`.*allows `disposition`/],
    [
      { disposition: 'merge', strategy: 'scd3' },
      /strategy.*delete-insert, upsert, scd2, insert-only.*"scd3"/,
    ],
  ])('refuses %j, naming the option and the allowed ones', (hint, message) => {
    expect(() => parseWriteDisposition(hint as TableHints['writeDisposition'])).toThrow(message)
  })

  it('points snake_case option names to their camelCase spelling', () => {
    expect(() => parseWriteDisposition(scd2({ validity_column_names: ['a', 'b'] }))).toThrow(
      /`validity_column_names` \(did you mean `validityColumnNames`\?\)/,
    )
  })

  it('turns deduplicated into x-stage-data-deduplicated', () => {
    const t = table({ writeDisposition: { disposition: 'merge', deduplicated: true } })
    expect(t['x-stage-data-deduplicated']).toBe(true)
  })

  it('gives scd2 tables dlt’s default columns and hints', () => {
    const t = table({ writeDisposition: scd2() })
    expect(t.columns['_dlt_valid_from']).toEqual({
      name: '_dlt_valid_from',
      data_type: 'timestamp',
      nullable: true,
      'x-valid-from': true,
    })
    expect(t.columns['_dlt_valid_to']).toEqual({
      name: '_dlt_valid_to',
      data_type: 'timestamp',
      nullable: true,
      'x-valid-to': true,
      'x-active-record-timestamp': null,
    })
    expect(t.columns['_dlt_id']).toEqual({
      name: '_dlt_id',
      nullable: false,
      'x-row-version': true,
      unique: false,
      row_key: false,
    })
    expect('x-boundary-timestamp' in t).toBe(false)
  })

  it('stores the scd2 options as dlt’s hints', () => {
    const t = table({
      writeDisposition: scd2({
        validityColumnNames: ['ValidFrom', 'ValidTo'],
        activeRecordTimestamp: '9999-12-31',
        boundaryTimestamp: new Date('2024-08-21T12:15:00Z'),
        rowVersionColumnName: 'row_hash',
      }),
    })
    expect(t.columns['valid_from']?.['x-valid-from']).toBe(true)
    expect(t.columns['valid_to']?.['x-active-record-timestamp']).toBe('9999-12-31')
    expect(t['x-boundary-timestamp']).toBe('2024-08-21T12:15:00.000Z')
    expect(t.columns['row_hash']).toMatchObject({ 'x-row-version': true, nullable: false })
    expect(t.columns['_dlt_id']).toBeUndefined()
    expect(table({ writeDisposition: scd2({ boundaryTimestamp: null }) })).toHaveProperty(
      'x-boundary-timestamp',
      null,
    )
  })

  it.each([
    [{ activeRecordTimestamp: 'i_am_not_a_timestamp' }, /activeRecordTimestamp.*could not parse/],
    [{ boundaryTimestamp: '1' }, /boundaryTimestamp.*could not parse/],
    [{ validityColumnNames: ['from'] }, /validityColumnNames.*two different column names/],
    [{ rowVersionColumnName: '' }, /rowVersionColumnName/],
    [{ retireAbsentRows: 'no' }, /retireAbsentRows.*boolean/],
  ])('refuses scd2 option %j', (options, message) => {
    expect(() => table({ writeDisposition: scd2(options) })).toThrow(message)
  })

  it('needs a merge key for retireAbsentRows: false', () => {
    const writeDisposition = scd2({ retireAbsentRows: false })
    expect(() => table({ writeDisposition })).toThrow(/`retireAbsentRows: false`.*`mergeKey`/)
    expect(table({ writeDisposition, mergeKey: 'nk' }).columns['nk']?.merge_key).toBe(true)
  })
})

describe('timestampToIso', () => {
  it.each([
    ['9999-12-31', '9999-12-31T00:00:00.000Z'],
    ['9999-12-31T00:00:00', '9999-12-31T00:00:00.000Z'],
    ['9999-12-31T00:00:00+01:00', '9999-12-30T23:00:00.000Z'],
    ['2024-08-21 12:15:00Z', '2024-08-21T12:15:00.000Z'],
    [1755778500, '2025-08-21T12:15:00.000Z'],
    ['not a date', undefined],
  ])('%j is %j, as dlt reads it', (value, iso) => {
    expect(timestampToIso(value)).toBe(iso)
  })
})
