import { describe, expect, it } from 'vitest'
import { ReadOnlySqlError, readOnlyQuery } from './read-only-sql.js'

describe('readOnlyQuery', () => {
  it.each([
    ['select * from items', 'select * from items'],
    ['  SELECT 1 as n;  ', 'SELECT 1 as n'],
    ['with t as (select 1 as n) select n from t', 'with t as (select 1 as n) select n from t'],
    [`select 'delete; drop' as x`, `select 'delete; drop' as x`],
    ['select "insert" from items -- update later', 'select "insert" from items -- update later'],
    ['select count(*) from _dlt_loads /* load */', 'select count(*) from _dlt_loads /* load */'],
    ['select $$set$$ as s', 'select $$set$$ as s'],
    ['select * from items where id = $1', 'select * from items where id = $1'],
  ])('runs %s as a capped subquery', (sql, body) => {
    expect(readOnlyQuery(sql, 10)).toBe(`select * from (\n${body}\n) as dlt_ts_show_query limit 10`)
  })

  it.each([
    ['', /empty/],
    ['delete from items', /must start with SELECT or WITH, not DELETE/],
    ['drop table items', /not DROP/],
    ['select 1; drop table items', /Only one statement/],
    ['with d as (delete from items returning *) select * from d', /DELETE is not allowed/],
    ['select * into other from items', /INTO is not allowed/],
    ["select setval('s', 1)", /setval\(\) changes/],
    ['select pg_terminate_backend (42)', /pg_terminate_backend\(\) changes/],
    ["select 'unterminated", /unterminated ' quote/],
    ['select 1 /* open', /unterminated \/\* comment/],
    ['pragma database_list', /not PRAGMA/],
  ])('refuses %j', (sql, message) => {
    expect(() => readOnlyQuery(sql, 10)).toThrow(ReadOnlySqlError)
    expect(() => readOnlyQuery(sql, 10)).toThrow(message)
  })
})
