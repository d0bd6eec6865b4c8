/**
 * @module Incremental loading: `dlt.incremental()` declares a cursor on a resource, and the
 * extractor runs one `IncrementalRun` per resource and extract to filter items and carry the
 * cursor's last value from run to run in the resource state.
 */
export type {
  LastValueFuncName,
  LastValueFunction,
} from './cursor-compare.js'
export { compareCursorValues, LAST_VALUE_FUNCS } from './cursor-compare.js'
export type {
  IncrementalConfig,
  IncrementalSpec,
  OnCursorValueMissing,
  RangeBound,
  RowOrder,
} from './incremental-config.js'
export {
  incremental,
  ON_CURSOR_VALUE_MISSING,
  RANGE_BOUNDS,
  ROW_ORDERS,
} from './incremental-config.js'
export {
  IncrementalCursorInvalidCoercion,
  IncrementalCursorPathHasValueNone,
  IncrementalCursorPathMissing,
  IncrementalPrimaryKeyMissing,
} from './incremental-errors.js'
export type { IncrementalContext, IncrementalDecision } from './incremental-run.js'
export { IncrementalRun, MAX_BOUNDARY_HASHES } from './incremental-run.js'
