/**
 * @module The PostgreSQL destination.
 */
export { PostgresDestination } from './postgres-destination.js'
export type {
  PostgresDestinationConfig,
  PostgresPoolClientLike,
  PostgresPoolLike,
} from './postgres-destination-config.js'
