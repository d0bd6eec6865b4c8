import { describe, expect, it } from 'vitest'
import {
  type CoerceContext,
  ColumnInference,
  checkNullValue,
  coerceNonNullValue,
  DataTypeError,
  NullValueError,
} from './coerce-row.js'
import type { SchemaSettings, TableColumns } from './schema-types.js'

const settings: SchemaSettings = {
  detections: ['iso_timestamp'],
  default_hints: {
    not_null: ['_dlt_id', 're:^_dlt_parent'],
    unique: ['_dlt_id'],
    row_key: ['_dlt_id'],
  },
  preferred_types: { 're:_at$': 'timestamp', payload: 'json' },
}
const context: CoerceContext = {
  inference: new ColumnInference(settings),
  shortenFragments: (...fragments) => fragments.join('__'),
}

describe('coerceNonNullValue', () => {
  it.each<
    [string, TableColumns, string, unknown, { name: string; column: unknown; value: unknown }]
  >([
    [
      'infers a new column',
      {},
      'title',
      'x',
      { name: 'title', column: { name: 'title', data_type: 'text', nullable: true }, value: 'x' },
    ],
    [
      'detects ISO timestamps',
      {},
      'when',
      '2024-01-25T11:21:28Z',
      {
        name: 'when',
        column: { name: 'when', data_type: 'timestamp', nullable: true },
        value: '2024-01-25T11:21:28+00:00',
      },
    ],
    [
      'uses preferred types',
      {},
      'seen_at',
      1700000000,
      {
        name: 'seen_at',
        column: { name: 'seen_at', data_type: 'timestamp', nullable: true },
        value: '2023-11-14T22:13:20+00:00',
      },
    ],
    [
      'applies default hints',
      {},
      '_dlt_id',
      'abc',
      {
        name: '_dlt_id',
        column: {
          name: '_dlt_id',
          data_type: 'text',
          nullable: false,
          unique: true,
          row_key: true,
        },
        value: 'abc',
      },
    ],
    [
      'coerces into an existing column',
      { unit: { name: 'unit', data_type: 'text', nullable: true } },
      'unit',
      3,
      { name: 'unit', column: undefined, value: '3' },
    ],
    [
      'makes a double variant for a fraction in a bigint column',
      { value: { name: 'value', data_type: 'bigint', nullable: true } },
      'value',
      12.75,
      {
        name: 'value__v_double',
        column: { name: 'value__v_double', data_type: 'double', nullable: true, variant: true },
        value: 12.75,
      },
    ],
    [
      'makes a text variant for text in a bigint column (preferred types do not apply to variants)',
      { value: { name: 'value', data_type: 'bigint', nullable: true } },
      'value',
      'n/a',
      {
        name: 'value__v_text',
        column: { name: 'value__v_text', data_type: 'text', nullable: true, variant: true },
        value: 'n/a',
      },
    ],
    [
      'reuses an existing variant column',
      {
        value: { name: 'value', data_type: 'bigint', nullable: true },
        value__v_text: { name: 'value__v_text', data_type: 'text', nullable: true, variant: true },
      },
      'value',
      'n/a',
      { name: 'value__v_text', column: undefined, value: 'n/a' },
    ],
    [
      'keeps a legacy complex variant for json values',
      {
        value: { name: 'value', data_type: 'bigint', nullable: true },
        value__v_complex: {
          name: 'value__v_complex',
          data_type: 'json',
          nullable: true,
          variant: true,
        },
      },
      'value',
      { a: 1 },
      { name: 'value__v_complex', column: undefined, value: { a: 1 } },
    ],
    [
      'completes an incomplete column and keeps its hints',
      { id: { name: 'id', primary_key: true, nullable: false } },
      'id',
      7,
      {
        name: 'id',
        column: { name: 'id', data_type: 'bigint', nullable: false, primary_key: true },
        value: 7,
      },
    ],
    [
      'coerces into an incomplete column’s preferred type',
      { payload: { name: 'payload', description: 'raw' } },
      'payload',
      [1, 2],
      {
        name: 'payload',
        column: { name: 'payload', data_type: 'json', nullable: true, description: 'raw' },
        value: [1, 2],
      },
    ],
    [
      'writes naive timestamps for timezone: false',
      { at: { name: 'at', timezone: false } },
      'at',
      '2024-01-25T11:21:28+01:00',
      {
        name: 'at',
        column: { name: 'at', data_type: 'timestamp', nullable: true, timezone: false },
        value: '2024-01-25T10:21:28',
      },
    ],
  ])('%s', (_, columns, name, value, expected) => {
    expect(coerceNonNullValue(context, 't', columns, name, value)).toEqual(expected)
  })

  it('keeps the column order of inferred hints, then the incomplete column’s', () => {
    const columns: TableColumns = { id: { name: 'id', primary_key: true, nullable: false } }
    const { column } = coerceNonNullValue(context, 't', columns, 'id', 1)
    expect(Object.keys(column!)).toEqual(['name', 'data_type', 'nullable', 'primary_key'])
  })

  it('fails with DataTypeError when even the variant does not take the value', () => {
    const columns: TableColumns = {
      flag: { name: 'flag', data_type: 'bigint', nullable: true },
      flag__v_text: { name: 'flag__v_text', data_type: 'bool', nullable: true, variant: true },
    }
    const call = () => coerceNonNullValue(context, 'events', columns, 'flag', 'maybe')
    expect(call).toThrow(DataTypeError)
    expect(call).toThrow(/table "events".*column "flag__v_text" of type bool/)
  })
})

describe('checkNullValue', () => {
  const columns: TableColumns = {
    id: { name: 'id', data_type: 'bigint', nullable: false },
    note: { name: 'note', data_type: 'text', nullable: true },
    hinted: { name: 'hinted', primary_key: true },
  }
  it.each([
    ['note', false],
    ['hinted', true],
    ['missing', true],
  ])('null for %s: null-only=%s', (name, nullOnly) => {
    expect(checkNullValue(context.inference, 't', columns, name)).toBe(nullOnly)
  })
  it('rejects nulls for not-null columns and not-null hints', () => {
    expect(() => checkNullValue(context.inference, 't', columns, 'id')).toThrow(NullValueError)
    expect(() => checkNullValue(context.inference, 't', columns, '_dlt_parent_id')).toThrow(
      /column "_dlt_parent_id" is not nullable/,
    )
  })
})
