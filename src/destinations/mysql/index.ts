/**
 * @module The MySQL / MariaDB destination.
 */
export { MysqlDestination } from './mysql-destination.js'
export type { MysqlDestinationConfig } from './mysql-destination-config.js'
