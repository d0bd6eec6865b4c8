import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isTerminalError } from '../errors/dlt-error.js'
import {
  assertPeersInstalled,
  findMissingPeers,
  MissingPeerDependencyError,
} from './optional-peers.js'

// A folder with no node_modules above it that holds any peer: resolving from there is what a
// project without the peers sees (the package test does the same with the built package).
const empty = mkdtempSync(join(tmpdir(), 'dlt-ts-peers-'))
afterAll(() => rmSync(empty, { recursive: true, force: true }))
const fromEmpty = join(empty, 'index.js')

describe('findMissingPeers', () => {
  const cases: readonly [string, string[], string | undefined, string[]][] = [
    [
      'installed peers, from this package',
      ['pg', 'pg-copy-streams', '@duckdb/node-api'],
      undefined,
      [],
    ],
    ['an ESM-only package counts as installed', ['hyparquet-writer'], undefined, []],
    [
      'a name that does not exist',
      ['pg', 'dlt-ts-no-such-package'],
      undefined,
      ['dlt-ts-no-such-package'],
    ],
    [
      'every peer, from a folder without node_modules',
      ['pg', '@duckdb/node-api'],
      fromEmpty,
      ['pg', '@duckdb/node-api'],
    ],
  ]
  for (const [name, packages, from, missing] of cases) {
    it(name, () => expect(findMissingPeers(packages, from)).toEqual(missing))
  }
})

describe('assertPeersInstalled', () => {
  it('names the missing packages and the npm install to run', () => {
    let error: unknown
    try {
      assertPeersInstalled('The postgres destination', ['pg', 'pg-copy-streams'], fromEmpty)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(MissingPeerDependencyError)
    expect(isTerminalError(error)).toBe(true)
    expect((error as MissingPeerDependencyError).packages).toEqual(['pg', 'pg-copy-streams'])
    expect((error as Error).message).toBe(
      'The postgres destination needs the optional peer dependencies pg and pg-copy-streams, ' +
        'which are not installed: run `npm install pg pg-copy-streams`',
    )
  })

  it('passes when they are installed', () => {
    expect(() => assertPeersInstalled('The duckdb destination', ['@duckdb/node-api'])).not.toThrow()
  })
})
