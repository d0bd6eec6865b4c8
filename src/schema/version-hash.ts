/**
 * @module The schema version hash and version bump, as dlt's `generate_version_hash` and
 * `bump_version` compute them: sha3-256 of the sorted-key JSON of the schema without its version
 * fields, then of each table's name and its column names in order (column order is part of the
 * schema), base64-encoded.
 */
import { createHash } from 'node:crypto'
import { sortedJson } from '../util/sorted-json.js'
import type { StoredSchema } from './schema-types.js'

/** How many earlier hashes a schema remembers (dlt's `max_history_len`). */
const MAX_PREVIOUS_HASHES = 10

/** The content hash of a stored schema. */
export function generateVersionHash(stored: StoredSchema): string {
  const {
    version: _version,
    version_hash: _hash,
    previous_hashes: _previous,
    ...content
  } = stored as StoredSchema & { imported_version_hash?: string }
  delete (content as { imported_version_hash?: string }).imported_version_hash
  const hash = createHash('sha3-256').update(sortedJson(content))
  for (const name of Object.keys(stored.tables).sort()) {
    hash.update(name)
    for (const column of Object.keys(stored.tables[name]?.columns ?? {})) hash.update(column)
  }
  return hash.digest('base64')
}

/**
 * Recomputes the hash of `stored` in place; when it differs from the stored one, increments the
 * version and remembers the old hash. A schema without a hash gets one at its current version.
 * Returns true if the version changed.
 */
export function bumpVersion(stored: StoredSchema): boolean {
  const hash = generateVersionHash(stored)
  const previous = stored.version_hash
  let bumped = false
  if (!previous) {
    stored.version ||= 1
  } else if (hash !== previous) {
    stored.version += 1
    if (!stored.previous_hashes.includes(previous)) {
      stored.previous_hashes = [previous, ...stored.previous_hashes].slice(0, MAX_PREVIOUS_HASHES)
    }
    bumped = true
  }
  stored.version_hash = hash
  return bumped
}
