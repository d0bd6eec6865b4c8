/**
 * @module The SQLite destination.
 */
export { SqliteDestination } from './sqlite-destination.js'
export type { SqliteDestinationConfig } from './sqlite-destination-config.js'
