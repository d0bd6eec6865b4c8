/**
 * @module The pipeline browser's script (plain ES2020, inlined in the page by show-page.ts).
 * Every view is built with DOM calls and `textContent`; nothing from the data becomes HTML.
 */
export const SHOW_PAGE_SCRIPT = `
'use strict'
const view = document.getElementById('view')
const PAGE_SIZE = 20

async function api(path, init) {
  const response = await fetch(path, init)
  const body = await response.json()
  if (!response.ok) throw new Error(body.error || response.statusText)
  return body
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'onclick') node.addEventListener('click', value)
    else node.setAttribute(key, value)
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue
    node.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return node
}

function cell(value) {
  if (value === null || value === undefined) return el('span', { class: 'null' }, 'null')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function grid(columns, rows, attrs) {
  return el('table', attrs,
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', {}, c)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, columns.map((c) => el('td', {}, cell(row[c])))))))
}

function duration(ms) {
  return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(2) + ' s'
}

function counts(rowCounts) {
  return Object.entries(rowCounts).map(([t, n]) => t + ': ' + n).join(', ')
}

async function showOverview() {
  const o = await api('/api/overview')
  const parts = [el('h2', {}, 'Overview'), el('dl', { id: 'overview' },
    el('dt', {}, 'destination'), el('dd', {}, o.destination || 'none yet'),
    el('dt', {}, 'dataset'), el('dd', {}, o.datasetName),
    el('dt', {}, 'working directory'), el('dd', {}, o.workingDir),
    el('dt', {}, 'state version'), el('dd', {}, String(o.stateVersion)),
    el('dt', {}, 'last load id'), el('dd', {}, o.lastLoadId || '–'),
    el('dt', {}, 'schemas'), el('dd', {}, o.schemaNames.join(', ') || '–'),
    el('dt', {}, 'pending packages'),
    el('dd', {}, o.pending.extracted.length + ' extracted, ' + o.pending.normalized.length + ' normalized'))]
  const t = o.lastTrace
  parts.push(el('h2', {}, 'Last run'))
  if (!t) parts.push(el('p', { class: 'muted' }, 'No trace of a last run.'))
  else {
    parts.push(el('p', {}, 'started ' + t.startedAt + ', ' + (t.error ? 'FAILED' : 'completed') + ' in ' + duration(t.durationMs)))
    parts.push(grid(['step', 'status', 'duration', 'load ids', 'rows per table'], t.steps.map((s) => ({
      step: s.step, status: s.error ? 'failed' : 'completed', duration: duration(s.durationMs),
      'load ids': s.loadIds.join(', '), 'rows per table': counts(s.rowCounts),
    })), { id: 'steps' }))
    if (t.error) parts.push(el('p', { class: 'error' }, t.error))
  }
  parts.push(el('h2', {}, 'Last loads'))
  try {
    const loads = await api('/api/recent-loads')
    parts.push(loads.length ? grid(['load id', 'schema', 'status', 'inserted at', 'rows per table'], loads.map((l) => ({
      'load id': l.load_id, schema: l.schema_name, status: l.status, 'inserted at': l.inserted_at, 'rows per table': counts(l.rowCounts),
    })), { id: 'recent-loads' }) : el('p', { class: 'muted' }, 'Nothing loaded yet.'))
  } catch (error) {
    parts.push(el('p', { class: 'error' }, error.message))
  }
  return parts
}

async function showSchema() {
  const schemas = await api('/api/schemas')
  const parts = []
  for (const schema of schemas) {
    parts.push(el('h2', {}, 'Schema ' + schema.name + ' (version ' + schema.version + ')'))
    const byName = new Map(schema.tables.map((t) => [t.name, t]))
    const tree = (table) => el('li', {},
      el('a', { href: '#/schema/' + encodeURIComponent(table.name), 'data-table': table.name }, table.name),
      table.parent ? null : el('span', { class: 'badge' }, table.writeDisposition || 'append'),
      table.children.length ? el('ul', { class: 'tree' }, table.children.map((c) => tree(byName.get(c)))) : null)
    const roots = schema.tables.filter((t) => !t.parent)
    parts.push(el('ul', { class: 'tree' }, roots.filter((t) => !t.isDlt).map(tree)))
    parts.push(el('p', { class: 'muted' }, 'dlt tables: ', roots.filter((t) => t.isDlt).map((t, i) =>
      [i ? ', ' : '', el('a', { href: '#/schema/' + encodeURIComponent(t.name) }, t.name)])))
  }
  return parts
}

async function showTable(name) {
  const schemas = await api('/api/schemas')
  const table = schemas.flatMap((s) => s.tables).find((t) => t.name === name)
  if (!table) throw new Error('Table ' + name + ' is not in the schema')
  return [
    el('h2', {}, 'Table ' + table.name),
    el('p', {}, table.parent ? 'nested in ' : '', table.parent ? el('a', { href: '#/schema/' + encodeURIComponent(table.parent) }, table.parent) : '',
      table.parent ? '' : 'write disposition ' + (table.writeDisposition || 'append') + (table.resource ? ', resource ' + table.resource : ''),
      ' · ', el('a', { href: '#/data/' + encodeURIComponent(table.name) + '/0' }, 'browse rows')),
    table.description ? el('p', { class: 'muted' }, table.description) : null,
    grid(['column', 'type', 'nullable', 'hints'], table.columns.map((c) => ({
      column: c.name, type: c.dataType, nullable: String(c.nullable),
      hints: Object.entries(c.hints).map(([k, v]) => v === true ? k : k + '=' + JSON.stringify(v)).join(', '),
    })), { id: 'columns' }),
    table.children.length ? el('p', {}, 'nested tables: ', table.children.map((c, i) => [i ? ', ' : '', el('a', { href: '#/schema/' + encodeURIComponent(c) }, c)])) : null,
  ]
}

async function showData(name, offset) {
  if (!name) {
    const schemas = await api('/api/schemas')
    return [el('h2', {}, 'Data'), el('ul', { id: 'tables' }, schemas.flatMap((s) => s.tables).map((t) =>
      el('li', {}, el('a', { href: '#/data/' + encodeURIComponent(t.name) + '/0', 'data-table': t.name }, t.name))))]
  }
  const page = await api('/api/rows?table=' + encodeURIComponent(name) + '&offset=' + offset + '&limit=' + PAGE_SIZE)
  const last = Math.min(page.offset + page.rows.length, page.total)
  const go = (to) => () => { location.hash = '#/data/' + encodeURIComponent(name) + '/' + to }
  const columns = page.rows.length ? Object.keys(page.rows[0]) : page.columns
  const pager = el('div', {},
    el('button', page.offset > 0 ? { onclick: go(Math.max(page.offset - PAGE_SIZE, 0)) } : { disabled: '' }, 'Previous'),
    el('button', last < page.total ? { onclick: go(page.offset + PAGE_SIZE) } : { disabled: '' }, 'Next'),
    el('span', { id: 'page-info' }, 'rows ' + (page.total ? page.offset + 1 : 0) + '–' + last + ' of ' + page.total))
  return [el('h2', {}, 'Table ' + name), pager, grid(columns, page.rows, { id: 'rows' })]
}

let lastSql = ''
async function showSql() {
  const box = el('textarea', { id: 'sql', spellcheck: 'false' })
  box.value = lastSql || 'select * from _dlt_loads'
  const result = el('div', { id: 'result' })
  const run = async () => {
    lastSql = box.value
    result.replaceChildren(el('p', { class: 'muted' }, 'running…'))
    try {
      const r = await api('/api/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: box.value }) })
      result.replaceChildren(
        el('p', { class: 'muted' }, r.rows.length + ' row(s)' + (r.truncated ? ' (first ' + r.rows.length + ' shown)' : '')),
        grid(r.columns, r.rows, { id: 'query-rows' }))
    } catch (error) {
      result.replaceChildren(el('p', { class: 'error' }, error.message))
    }
  }
  return [el('h2', {}, 'SQL (read-only: SELECT or WITH queries)'), box, el('div', {}, el('button', { onclick: run }, 'Run query')), result]
}

async function showLoads() {
  const loads = await api('/api/loads')
  return [el('h2', {}, 'Loads (_dlt_loads)'),
    loads.length ? grid(Object.keys(loads[0]), loads, { id: 'loads' }) : el('p', { class: 'muted' }, 'Nothing loaded yet.')]
}

async function showPackages() {
  const p = await api('/api/packages')
  const parts = [el('h2', {}, 'Failed jobs')]
  if (!p.failedJobs.length) parts.push(el('p', { class: 'muted' }, 'The last run had no failed jobs.'))
  for (const job of p.failedJobs) {
    parts.push(el('div', { class: 'failed-job' },
      el('p', {}, el('strong', {}, (job.fileName || 'package') + ' · table ' + (job.table || '?')),
        el('span', { class: 'badge failed' }, job.step + ' failed'),
        job.pending ? el('span', { class: 'badge' }, 'package pending') : null,
        el('br'), 'load id ' + (job.loadId || '?') + ', at ' + job.failedAt),
      el('p', { class: 'error' }, job.message)))
  }
  parts.push(el('h2', {}, 'Packages'))
  parts.push(grid(['load id', 'stage', 'created', 'loaded', 'tables', 'jobs'], p.packages.map((pkg) => ({
    'load id': pkg.loadId, stage: pkg.stage + (pkg.pending ? ' (pending)' : ''), created: pkg.createdAt || '', loaded: pkg.loadedAt || (pkg.stage === 'loaded' ? 'yes' : ''),
    tables: Object.keys(pkg.rootTables).join(', '), jobs: pkg.jobs.map((j) => j.fileName + ' (' + j.state + ')').join(', '),
  })), { id: 'packages' }))
  return parts
}

async function route() {
  const [, section = 'overview', name, offset] = location.hash.split('/').map((p, i) => i ? decodeURIComponent(p) : p)
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.getAttribute('href') === '#/' + section)
  view.replaceChildren(el('p', { class: 'muted' }, 'loading…'))
  try {
    const parts = section === 'schema' ? (name ? await showTable(name) : await showSchema())
      : section === 'data' ? await showData(name, Number(offset) || 0)
      : section === 'sql' ? await showSql()
      : section === 'loads' ? await showLoads()
      : section === 'packages' ? await showPackages()
      : await showOverview()
    view.replaceChildren(...parts.flat().filter((p) => p !== null))
  } catch (error) {
    view.replaceChildren(el('p', { class: 'error' }, error.message))
  }
}

window.addEventListener('hashchange', route)
route()
`
