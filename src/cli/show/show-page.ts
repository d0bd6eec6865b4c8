/**
 * @module The pipeline browser's page: one HTML document with its style and script inlined (no
 * external assets, works offline). The script reads the JSON endpoints of show-server.ts and
 * builds every view with DOM calls and `textContent`, so no value from the data is ever parsed
 * as HTML. Views (by URL hash): `#/overview`, `#/schema`, `#/data/<table>/<offset>`, `#/sql`,
 * `#/loads`, `#/packages`.
 */
import { SHOW_PAGE_SCRIPT } from './show-page-script.js'

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d1d1f; }
header { background: #1d2b3a; color: #fff; padding: 10px 20px; display: flex; gap: 24px; align-items: center; }
header h1 { font-size: 16px; margin: 0; font-weight: 600; }
nav a { color: #cfe3ff; margin-right: 14px; text-decoration: none; }
nav a.active { color: #fff; border-bottom: 2px solid #7fb3ff; }
main { padding: 16px 20px; }
h2 { font-size: 16px; margin: 18px 0 8px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #d8dde3; padding: 3px 8px; text-align: left; vertical-align: top; max-width: 420px; overflow-wrap: anywhere; }
th { background: #f2f4f7; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; }
dt { color: #5a6572; }
.error { color: #b00020; white-space: pre-wrap; }
.badge { font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #e8eef7; margin-left: 6px; }
.badge.failed { background: #fde2e4; color: #b00020; }
.null { color: #98a2ad; font-style: italic; }
ul.tree { list-style: none; padding-left: 18px; margin: 2px 0; }
textarea { width: 100%; max-width: 900px; height: 110px; font: 13px ui-monospace, monospace; }
button { margin: 6px 6px 6px 0; }
.muted { color: #5a6572; }
`

/** The page of the pipeline `pipelineName`. */
export function showPage(pipelineName: string): string {
  const title = escapeHtml(`dlt-ts · ${pipelineName}`)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>dlt-ts pipeline <span id="pipeline-name">${escapeHtml(pipelineName)}</span></h1>
<nav>
<a href="#/overview">Overview</a>
<a href="#/schema">Schema</a>
<a href="#/data">Data</a>
<a href="#/sql">SQL</a>
<a href="#/loads">Loads</a>
<a href="#/packages">Packages</a>
</nav>
</header>
<main id="view"></main>
<script>${SHOW_PAGE_SCRIPT}</script>
</body>
</html>
`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
