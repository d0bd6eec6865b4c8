/**
 * A `rest_api` config copied from a Python dlt project — every key in dlt's snake_case, shaped
 * like dlt's pokemon and github examples — loaded as it is into DuckDB from a local PokeAPI-like
 * server: json_link, offset and page_number pagination, bearer and api_key auth, a resolve
 * parameter (parent/child), response actions, incremental loading, merge and scd2.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Pipeline } from '../../../src/index.js'
import { readRestApiConfigFile, restApiSource } from '../../../src/sources/rest-api/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'
import {
  type PokemonLikeData,
  type PokemonLikeServer,
  startPokemonLikeServer,
} from './pokemon-like-server.js'

const TOKEN = 'poke_token_12345678'
const API_KEY = 'berry_key_12345678'
let server: PokemonLikeServer
let temp: TempPipelineDir
const savedToken = process.env['SOURCES__POKEMON__TOKEN']

/** The config as `json.dumps(config)` of the Python project prints it. */
const pythonConfigJson = (baseUrl: string) => `{
  "client": {
    "base_url": "${baseUrl}/api/v2/",
    "auth": {"type": "bearer"},
    "headers": {"X-Request_Source": "dlt"},
    "paginator": {"type": "json_link", "next_url_path": "next"}
  },
  "resource_defaults": {
    "primary_key": "id",
    "write_disposition": "merge",
    "endpoint": {"params": {"limit": 2}}
  },
  "resources": [
    {
      "name": "pokemon_list",
      "primary_key": "name",
      "write_disposition": "replace",
      "endpoint": {"path": "pokemon", "data_selector": "results"}
    },
    {
      "name": "pokemon",
      "include_from_parent": ["url"],
      "columns": {"base_experience": {"data_type": "double", "nullable": true}},
      "endpoint": {
        "path": "pokemon/{name}",
        "params": {"name": {"type": "resolve", "resource": "pokemon_list", "field": "name"}},
        "response_actions": [{"status_code": 404, "action": "ignore"}]
      }
    },
    {
      "name": "berry",
      "primary_key": null,
      "write_disposition": {
        "disposition": "merge",
        "strategy": "scd2",
        "validity_column_names": ["valid_from", "valid_to"]
      },
      "endpoint": {
        "path": "berry",
        "data_selector": "items",
        "auth": {"type": "api_key", "name": "X-API-Key", "api_key": "${API_KEY}", "location": "header"},
        "paginator": {
          "type": "offset",
          "limit": 2,
          "offset_param": "start",
          "limit_param": "count",
          "total_path": "total"
        }
      }
    },
    {
      "name": "move",
      "endpoint": {
        "path": "move",
        "data_selector": "data.moves",
        "params": {"sort_by": "updated_at"},
        "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"},
        "incremental": {
          "start_param": "since",
          "cursor_path": "updated_at",
          "initial_value": "2024-01-01T00:00:00Z"
        }
      }
    }
  ]
}`

/** The API's data at the start of each test. */
const initialData = (): PokemonLikeData => ({
  pokemon: [
    { id: 1, name: 'bulbasaur', base_experience: 64, updated_at: '2024-01-01' },
    { id: 4, name: 'charmander', base_experience: 62, updated_at: '2024-01-01' },
    { id: 7, name: 'squirtle', base_experience: 63, updated_at: '2024-01-01' },
    { id: 25, name: 'pikachu', base_experience: 112, updated_at: '2024-01-01' },
  ],
  missing: ['missingno'],
  berries: [
    { id: 1, name: 'cheri', firmness: 'soft' },
    { id: 2, name: 'chesto', firmness: 'super-hard' },
    { id: 3, name: 'pecha', firmness: 'very-soft' },
  ],
  moves: [
    { id: 1, name: 'pound', updated_at: '2024-02-01T00:00:00Z' },
    { id: 2, name: 'karate-chop', updated_at: '2024-02-02T00:00:00Z' },
    { id: 3, name: 'double-slap', updated_at: '2024-02-03T00:00:00Z' },
  ],
})

beforeAll(async () => {
  server = await startPokemonLikeServer(initialData(), { token: TOKEN, apiKey: API_KEY })
  process.env['SOURCES__POKEMON__TOKEN'] = TOKEN
})
afterAll(async () => {
  if (savedToken === undefined) delete process.env['SOURCES__POKEMON__TOKEN']
  else process.env['SOURCES__POKEMON__TOKEN'] = savedToken
  await server.close()
})
beforeEach(() => {
  temp = createTempPipelineDir()
  Object.assign(server.data, initialData())
  server.requests.length = 0
})
afterEach(() => temp.cleanup())

/** Rows of `sql`, integers as numbers (whether the driver gives bigint or number). */
async function query(pipeline: Pipeline, sql: string): Promise<Record<string, unknown>[]> {
  const rows = await pipeline.dataset().query(sql)
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
    ),
  )
}

describe('a rest_api config from a Python dlt project', () => {
  it('loads as it is: pagination, auth, resolve, incremental, merge and scd2', async () => {
    const pipeline = temp.pipeline('pokemon')
    const config = JSON.parse(pythonConfigJson(server.url))
    const first = await pipeline.run(restApiSource(config, { name: 'pokemon' }))
    expect(first.rowCounts).toMatchObject({ pokemon_list: 5, pokemon: 4, berry: 3, move: 3 })

    // json_link: three pages of names, user params and header names sent as written
    const lists = server.seen(/\/pokemon$/)
    expect(lists.map((r) => r.query['offset'] ?? '0')).toEqual(['0', '2', '4'])
    expect(lists[0]?.query).toEqual({ limit: '2' })
    expect(lists[0]?.headers['x-request_source']).toBe('dlt')
    // offset paginator with dlt's option names; api_key auth on that endpoint only
    const berries = server.seen(/\/berry$/)
    expect(berries.map((r) => r.query)).toEqual([
      { limit: '2', start: '0', count: '2' },
      { limit: '2', start: '2', count: '2' },
    ])
    expect(berries.every((r) => r.headers['x-api-key'] === API_KEY)).toBe(true)
    expect(berries.some((r) => r.headers.authorization !== undefined)).toBe(false)
    // page_number + incremental start_param
    expect(server.seen(/\/move$/).map((r) => r.query)).toEqual([
      { limit: '2', sort_by: 'updated_at', since: '2024-01-01T00:00:00Z', page: '1' },
      { limit: '2', sort_by: 'updated_at', since: '2024-01-01T00:00:00Z', page: '2' },
    ])
    const pokemonRequests = server.requests.filter((r) => !r.path.endsWith('/berry'))
    expect(pokemonRequests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true)

    expect(
      await query(
        pipeline,
        'select id, name, base_experience, _pokemon_list_url from pokemon order by id',
      ),
    ).toEqual([
      {
        id: 1,
        name: 'bulbasaur',
        base_experience: 64,
        _pokemon_list_url: `${server.url}/api/v2/pokemon/bulbasaur/`,
      },
      {
        id: 4,
        name: 'charmander',
        base_experience: 62,
        _pokemon_list_url: `${server.url}/api/v2/pokemon/charmander/`,
      },
      {
        id: 7,
        name: 'squirtle',
        base_experience: 63,
        _pokemon_list_url: `${server.url}/api/v2/pokemon/squirtle/`,
      },
      {
        id: 25,
        name: 'pikachu',
        base_experience: 112,
        _pokemon_list_url: `${server.url}/api/v2/pokemon/pikachu/`,
      },
    ])

    // the API changes: a move is edited, a berry gets firmer, a pokemon levels up
    server.data.moves[1] = { id: 2, name: 'karate-chop', updated_at: '2024-03-01T00:00:00Z' }
    server.data.moves.push({ id: 4, name: 'comet-punch', updated_at: '2024-03-02T00:00:00Z' })
    server.data.berries[0] = { id: 1, name: 'cheri', firmness: 'hard' }
    server.data.pokemon[3] = { ...server.data.pokemon[3]!, base_experience: 120 }
    server.requests.length = 0

    const second = await pipeline.run(restApiSource(config, { name: 'pokemon' }))
    expect(server.seen(/\/move$/)[0]?.query['since']).toBe('2024-02-03T00:00:00Z')
    expect(second.rowCounts['move']).toBe(2)
    expect(await query(pipeline, 'select id, name from move order by id')).toEqual([
      { id: 1, name: 'pound' },
      { id: 2, name: 'karate-chop' },
      { id: 3, name: 'double-slap' },
      { id: 4, name: 'comet-punch' },
    ])
    // merge on primary_key "id": still one row per pokemon, with the new value
    expect(await query(pipeline, 'select id, base_experience from pokemon order by id')).toEqual([
      { id: 1, base_experience: 64 },
      { id: 4, base_experience: 62 },
      { id: 7, base_experience: 63 },
      { id: 25, base_experience: 120 },
    ])
    // scd2 with dlt's validity_column_names: the old cheri row is retired, a new one is active
    expect(
      await query(
        pipeline,
        'select name, firmness, valid_to is null as active from berry order by id, valid_from',
      ),
    ).toEqual([
      { name: 'cheri', firmness: 'soft', active: false },
      { name: 'cheri', firmness: 'hard', active: true },
      { name: 'chesto', firmness: 'super-hard', active: true },
      { name: 'pecha', firmness: 'very-soft', active: true },
    ])
  })

  it('reads the config from a JSON file as camelCase', async () => {
    const file = join(temp.dir, 'pokemon.json')
    writeFileSync(file, pythonConfigJson(server.url))
    const config = await readRestApiConfigFile(file)
    expect(config.client.baseUrl).toBe(`${server.url}/api/v2/`)
    expect(config.resourceDefaults?.writeDisposition).toBe('merge')
    const pipeline = temp.pipeline('pokemon_file')
    const info = await pipeline.run(
      restApiSource(config, { name: 'pokemon' }).withResources('move'),
    )
    expect(info.rowCounts['move']).toBe(3)
  })
})
