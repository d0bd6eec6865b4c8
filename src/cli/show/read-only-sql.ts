/**
 * @module The SQL box of `dlt-ts pipeline <name> show` runs reads only. A query must be one
 * `SELECT` or `WITH … SELECT` statement, without keywords that write (`INSERT`, `UPDATE`,
 * `DELETE`, `INTO`, `COPY`, `CREATE`, `ATTACH`, `SET`, …) or functions with side effects
 * (`setval`, `set_config`, `pg_terminate_backend`, …) outside string literals and quoted names;
 * it then runs wrapped as a subquery (`select * from (<query>) … limit n`), so the database
 * itself refuses anything but a query (PostgreSQL rejects data-modifying `WITH` in a subquery,
 * DuckDB has none) and the rows are capped.
 */
import { TerminalError } from '../../index.js'

/** A statement the SQL box refuses; the message says what is allowed. */
export class ReadOnlySqlError extends TerminalError {
  override name = 'ReadOnlySqlError'
}

const WRITE_KEYWORDS = new Set([
  'insert',
  'update',
  'delete',
  'merge',
  'upsert',
  'into',
  'copy',
  'create',
  'drop',
  'alter',
  'truncate',
  'attach',
  'detach',
  'install',
  'load',
  'pragma',
  'call',
  'export',
  'import',
  'grant',
  'revoke',
  'vacuum',
  'checkpoint',
  'set',
  'reset',
  'begin',
  'commit',
  'rollback',
  'lock',
  'execute',
  'prepare',
  'listen',
  'notify',
])

const SIDE_EFFECT_FUNCTIONS = new Set([
  'setval',
  'nextval',
  'set_config',
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_reload_conf',
  'pg_rotate_logfile',
  'lo_import',
  'lo_export',
  'lo_unlink',
  'lo_create',
  'dblink',
  'dblink_exec',
  'pg_advisory_lock',
  'pg_advisory_xact_lock',
  'pg_sleep',
])

/**
 * Checks that `sql` is a single read; returns it wrapped as a subquery returning at most
 * `maxRows` rows.
 * @throws ReadOnlySqlError naming what is not allowed.
 */
export function readOnlyQuery(sql: string, maxRows: number): string {
  const code = maskLiterals(sql)
  const body = code.trim().replace(/;\s*$/, '')
  if (!body)
    throw new ReadOnlySqlError('The query is empty: write a SELECT or WITH … SELECT query.')
  if (body.includes(';')) {
    throw new ReadOnlySqlError(
      'Only one statement can run at a time: remove the ";" between statements.',
    )
  }
  const words = body.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? []
  if (words[0] !== 'select' && words[0] !== 'with') {
    throw new ReadOnlySqlError(
      `Only reads can run here: the query must start with SELECT or WITH, not ${words[0]?.toUpperCase() ?? body.slice(0, 10)}.`,
    )
  }
  const write = words.find((word) => WRITE_KEYWORDS.has(word))
  if (write) {
    throw new ReadOnlySqlError(
      `Only reads can run here: ${write.toUpperCase()} is not allowed (quote a column with that name: "${write}").`,
    )
  }
  const call = /\b([a-z_][a-z0-9_$]*)\s*\(/g
  for (let match = call.exec(body.toLowerCase()); match; match = call.exec(body.toLowerCase())) {
    if (SIDE_EFFECT_FUNCTIONS.has(match[1]!)) {
      throw new ReadOnlySqlError(
        `Only reads can run here: ${match[1]}() changes the database or the server.`,
      )
    }
  }
  const query = sql.trim().replace(/;\s*$/, '')
  return `select * from (\n${query}\n) as dlt_ts_show_query limit ${maxRows}`
}

/** `sql` with comments removed and string literals and quoted names blanked (same length). */
function maskLiterals(sql: string): string {
  let out = ''
  for (let i = 0; i < sql.length; ) {
    const two = sql.slice(i, i + 2)
    if (two === '--') {
      const end = sql.indexOf('\n', i)
      const stop = end < 0 ? sql.length : end
      out += ' '.repeat(stop - i)
      i = stop
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2)
      if (end < 0) throw new ReadOnlySqlError('The query has an unterminated /* comment.')
      out += ' '.repeat(end + 2 - i)
      i = end + 2
    } else if (sql[i] === "'" || sql[i] === '"') {
      const quote = sql[i]!
      let j = i + 1
      for (; j < sql.length; j++) {
        if (sql[j] === quote) {
          if (sql[j + 1] === quote) j++
          else break
        }
      }
      if (j >= sql.length)
        throw new ReadOnlySqlError(`The query has an unterminated ${quote} quote.`)
      out += quote === '"' ? `"${'x'.repeat(j - i - 1)}"` : `'${' '.repeat(j - i - 1)}'`
      i = j + 1
    } else if (sql[i] === '$' && /^\$[a-zA-Z_]*\$/.test(sql.slice(i))) {
      // PostgreSQL dollar-quoted strings: $$…$$ or $tag$…$tag$
      const tag = /^\$[a-zA-Z_]*\$/.exec(sql.slice(i))![0]
      const end = sql.indexOf(tag, i + tag.length)
      if (end < 0) throw new ReadOnlySqlError(`The query has an unterminated ${tag} string.`)
      out += ' '.repeat(end + tag.length - i)
      i = end + tag.length
    } else {
      out += sql[i]
      i++
    }
  }
  return out
}
