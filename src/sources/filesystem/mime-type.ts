/**
 * @module `guessMimeType`: a file's `mime_type` and `encoding` from its name, as dlt's
 * `guess_mime_type` (Python's `mimetypes`): `orders.csv.gz` is `text/csv` with encoding `gzip`;
 * an extension it does not know gives `application/<ext>` (`application/parquet`,
 * `application/jsonl`), no extension `application/octet-stream`.
 */

/** Compression suffixes Python's `mimetypes` reports as the encoding. */
const ENCODINGS: Readonly<Record<string, string>> = {
  '.gz': 'gzip',
  '.bz2': 'bzip2',
  '.xz': 'xz',
  '.br': 'br',
  '.Z': 'compress',
}

/** Python's common types (strict and non-strict tables), for the files a load reads. */
const TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.xml': 'text/xml',
  '.html': 'text/html',
  '.md': 'text/markdown',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.tar': 'application/x-tar',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
}

/** `{ mimeType, encoding }` of a file name; `encoding` only for a compression suffix. */
export function guessMimeType(fileName: string): { mimeType: string; encoding?: string } {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1)
  let stem = base
  let encoding: string | undefined
  const outer = extension(stem)
  if (outer !== undefined && ENCODINGS[outer] !== undefined) {
    encoding = ENCODINGS[outer]
    stem = stem.slice(0, -outer.length)
  }
  const inner = extension(stem)
  const known = inner === undefined ? undefined : TYPES[inner.toLowerCase()]
  // dlt: without a known type, `application/` + the name's last extension
  const mimeType = known ?? `application/${(extension(base) ?? '.octet-stream').slice(1)}`
  return encoding === undefined ? { mimeType } : { mimeType, encoding }
}

/** `.csv` of `a.csv`; `undefined` for `a` and for dot files such as `.env`. */
function extension(name: string): string | undefined {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? undefined : name.slice(dot)
}
