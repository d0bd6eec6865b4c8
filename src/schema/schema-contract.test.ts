import { describe, expect, it } from 'vitest'
import { isTerminalError } from '../errors/dlt-error.js'
import { Schema } from './schema.js'
import {
  applySchemaContract,
  expandSchemaContract,
  isNewTable,
  resolveContractForTable,
  SchemaContractError,
} from './schema-contract.js'
import type { ColumnSchema, SchemaContract } from './schema-types.js'

function schemaWith(contract?: SchemaContract, rootContract?: SchemaContract): Schema {
  const schema = new Schema('s')
  if (contract !== undefined) schema.settings.schema_contract = contract
  schema.tables['items'] = {
    name: 'items',
    columns: { id: { name: 'id', data_type: 'bigint', nullable: true } },
    write_disposition: 'append',
    ...(rootContract === undefined ? {} : { schema_contract: rootContract }),
  }
  schema.tables['items__tags'] = {
    name: 'items__tags',
    columns: { value: { name: 'value', data_type: 'text', nullable: true } },
    parent: 'items',
  }
  return schema
}

const col = (name: string, extra: Partial<ColumnSchema> = {}): ColumnSchema => ({
  name,
  data_type: 'text',
  nullable: true,
  ...extra,
})

describe('expandSchemaContract', () => {
  it.each<[SchemaContract | undefined, object]>([
    [undefined, { tables: 'evolve', columns: 'evolve', data_type: 'evolve' }],
    ['freeze', { tables: 'freeze', columns: 'freeze', data_type: 'freeze' }],
    [{ columns: 'discard_row' }, { tables: 'evolve', columns: 'discard_row', data_type: 'evolve' }],
  ])('%j', (contract, expected) => {
    expect(expandSchemaContract(contract)).toEqual(expected)
  })
})

describe('resolveContractForTable', () => {
  it('takes the schema settings when the root table has none', () => {
    expect(resolveContractForTable(schemaWith('freeze'), 'items').tables).toBe('freeze')
  })
  it('lets the root table override the schema, and nested tables follow their root', () => {
    const schema = schemaWith('freeze', { columns: 'discard_value' })
    expect(resolveContractForTable(schema, 'items')).toEqual({
      tables: 'evolve',
      columns: 'discard_value',
      data_type: 'evolve',
    })
    expect(resolveContractForTable(schema, 'items__tags').columns).toBe('discard_value')
  })
  it('uses the schema settings for unknown tables and evolves dlt tables', () => {
    expect(resolveContractForTable(schemaWith('freeze'), 'other').columns).toBe('freeze')
    expect(resolveContractForTable(schemaWith('freeze'), '_dlt_loads').columns).toBe('evolve')
  })
})

describe('applySchemaContract', () => {
  it.each<[string, SchemaContract, string, Record<string, ColumnSchema>, object]>([
    [
      'evolve keeps everything',
      'evolve',
      'items',
      { a: col('a') },
      { columns: { a: col('a') }, filters: [] },
    ],
    [
      'discard_value drops new columns',
      { columns: 'discard_value' },
      'items',
      { a: col('a'), _dlt_id: col('_dlt_id') },
      {
        columns: { _dlt_id: col('_dlt_id') },
        filters: [{ entity: 'columns', name: 'a', mode: 'discard_value' }],
      },
    ],
    [
      'data_type governs variants only',
      { data_type: 'discard_row' },
      'items',
      { a: col('a'), id__v_text: col('id__v_text', { variant: true }) },
      {
        columns: { a: col('a') },
        filters: [{ entity: 'columns', name: 'id__v_text', mode: 'discard_row' }],
      },
    ],
    [
      'a new table may add any column, but is refused by discard_row on tables',
      { tables: 'discard_row', columns: 'freeze' },
      'new_table',
      { a: col('a') },
      {
        columns: undefined,
        filters: [{ entity: 'tables', name: 'new_table', mode: 'discard_row' }],
      },
    ],
    [
      'columns of a new table evolve even when columns are frozen',
      { columns: 'freeze' },
      'new_table',
      { a: col('a') },
      { columns: { a: col('a') }, filters: [] },
    ],
  ])('%s', (_, contract, table, columns, expected) => {
    const schema = schemaWith()
    expect(applySchemaContract(schema, expandSchemaContract(contract), table, columns)).toEqual(
      expected,
    )
  })

  it('fails on freeze, naming table, column and contract', () => {
    const schema = schemaWith()
    const frozen = expandSchemaContract('freeze')
    let error: unknown
    try {
      applySchemaContract(schema, frozen, 'items', { color: col('color') }, { color: 'red' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SchemaContractError)
    expect(isTerminalError(error)).toBe(true)
    const contractError = error as SchemaContractError
    expect(contractError).toMatchObject({ table: 'items', column: 'color', contract: 'columns' })
    expect(contractError.dataItem).toEqual({ color: 'red' })
    expect(contractError.message).toMatch(
      /new column "color".*table "items".*"columns" is frozen.*evolve/,
    )
    expect(() => applySchemaContract(schema, frozen, 'fresh', { a: col('a') })).toThrow(
      /new table "fresh" cannot be created/,
    )
  })

  it('treats a table with only incomplete columns as new, and honours evolve-columns-once', () => {
    const schema = schemaWith()
    schema.tables['hinted'] = { name: 'hinted', columns: { id: { name: 'id', primary_key: true } } }
    expect(isNewTable(schema, 'hinted')).toBe(true)
    expect(isNewTable(schema, 'items')).toBe(false)
    schema.tables['items']!['x-normalizer'] = { 'evolve-columns-once': true }
    const result = applySchemaContract(
      schema,
      expandSchemaContract({ columns: 'freeze' }),
      'items',
      {
        a: col('a'),
      },
    )
    expect(result.columns).toEqual({ a: col('a') })
  })
})
