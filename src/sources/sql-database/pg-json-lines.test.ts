import { describe, expect, it } from 'vitest'
import { copyJsonLinesSql, jsonLinePages } from './pg-json-lines.js'
import type { SqlTableSchema } from './sql-table-schema.js'

const table: SqlTableSchema = {
  schema: 's',
  name: 't',
  columns: [
    { name: 'id', dbType: 'bigint', columnType: 'bigint', nullable: false },
    { name: 'amount', dbType: 'numeric', columnType: 'numeric(10,2)', nullable: true },
    { name: 'raw', dbType: 'bytea', columnType: 'bytea', nullable: true },
    { name: 'name', dbType: 'text', columnType: 'text', nullable: true },
  ],
  primaryKey: ['id'],
}

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part)
}

async function pages(size: number, ...parts: string[]): Promise<string[]> {
  const out: string[] = []
  for await (const page of jsonLinePages(chunks(...parts), size, 's.t')) {
    out.push(page.bytes.toString())
  }
  return out
}

describe('copyJsonLinesSql', () => {
  it('casts the columns JSON would round and wraps the select in row_to_json', () => {
    const sql = copyJsonLinesSql(
      { columns: ['id', 'amount', 'raw', 'name'], from: '"s"."t"', where: [], orderBy: [] },
      table,
    )
    expect(sql).toContain('"amount"::text AS "amount"')
    expect(sql).toContain(`'0x' || encode("raw", 'hex') AS "raw"`)
    expect(sql).toContain('THEN to_json("id") ELSE to_json("id"::text) END AS "id"')
    expect(sql).toMatch(
      /^COPY \(SELECT row_to_json\(t\) FROM \(SELECT .* FROM "s"\."t"\) AS t\) TO STDOUT/,
    )
  })

  it('runs SQL text as it is, without a trailing semicolon', () => {
    expect(copyJsonLinesSql('SELECT 1 AS a; ', table)).toContain('FROM (SELECT 1 AS a) AS t')
  })
})

describe('jsonLinePages', () => {
  it('cuts pages of exactly chunkSize lines wherever the data chunks end', async () => {
    expect(await pages(2, '{"a":1}\n{"a"', ':2}\n{"a":3}\n{"a":4}\n{"a":5}\n')).toEqual([
      '{"a":1}\n{"a":2}\n',
      '{"a":3}\n{"a":4}\n',
      '{"a":5}\n',
    ])
    expect(await pages(1, '{"a":1}\n{"a":2}\n')).toEqual(['{"a":1}\n', '{"a":2}\n'])
    expect(await pages(5, '')).toEqual([])
  })

  it('hands a large page on in parts of whole lines, joined from the data chunks', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `{"id":${i},"name":"row ${'x'.repeat(i % 50)}"}\n`,
    )
    const text = rows.join('')
    // chunks cut anywhere, 1,000 bytes each
    const cut: string[] = []
    for (let at = 0; at < text.length; at += 1000) cut.push(text.slice(at, at + 1000))
    const result = []
    for await (const page of jsonLinePages(chunks(...cut), 2500, 's.t')) result.push(page)
    expect(result.map((page) => page.copyableLineCount())).toEqual([2500, 500])
    expect(result.map((page) => page.bytes.toString()).join('')).toBe(text)
    expect(result[0]!.parts.length).toBeGreaterThan(1)
    for (const page of result) {
      for (const part of page.parts) expect(part[part.length - 1]).toBe(0x0a)
    }
  })
})
