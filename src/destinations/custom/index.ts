/**
 * @module Custom destinations: a function that receives batches of rows (reverse ETL).
 */
export { CustomDestination, destination } from './custom-destination.js'
export type {
  CustomDestinationConfig,
  CustomDestinationFileFunction,
  CustomDestinationFunction,
  CustomDestinationItem,
} from './custom-destination-config.js'
export { CustomDestinationError } from './custom-destination-errors.js'
