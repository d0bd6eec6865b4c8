/**
 * @module Errors of incremental loading. All are `TerminalError`s: they come from the data (a
 * row without its cursor or key, a cursor of the wrong type), so a retry cannot help.
 */
import { TerminalError } from '../../errors/dlt-error.js'

/**
 * An item has no value at the cursor path (dlt's `IncrementalCursorPathMissing`). The item is in
 * `item`, never in the message, which may end up in logs.
 */
export class IncrementalCursorPathMissing extends TerminalError {
  override name = 'IncrementalCursorPathMissing'
  readonly resourceName: string
  readonly cursorPath: string
  readonly item: unknown

  constructor(resourceName: string, cursorPath: string, item: unknown, message?: string) {
    super(
      message ??
        `Incremental cursor missing in resource "${resourceName}": no value at cursor path ` +
          `\`${cursorPath}\` in an item. Use the field names of the data as the source yields ` +
          "them, or set `onCursorValueMissing: 'include'` (load such items) or 'exclude' " +
          '(skip them)',
    )
    this.resourceName = resourceName
    this.cursorPath = cursorPath
    this.item = item
  }
}

/**
 * An item has `null` at the cursor path (dlt's `IncrementalCursorPathHasValueNone`); a subclass
 * of `IncrementalCursorPathMissing`, because dlt treats a null cursor as a missing one.
 */
export class IncrementalCursorPathHasValueNone extends IncrementalCursorPathMissing {
  override name = 'IncrementalCursorPathHasValueNone'

  constructor(resourceName: string, cursorPath: string, item: unknown) {
    super(
      resourceName,
      cursorPath,
      item,
      `Incremental cursor is null in resource "${resourceName}": cursor path \`${cursorPath}\` ` +
        "holds null in an item. Set `onCursorValueMissing: 'include'` (load such items) or " +
        "'exclude' (skip them)",
    )
  }
}

/** An item lacks a column of the de-duplication key (dlt's `IncrementalPrimaryKeyMissing`). */
export class IncrementalPrimaryKeyMissing extends TerminalError {
  override name = 'IncrementalPrimaryKeyMissing'
  readonly resourceName: string
  readonly primaryKeyColumn: string
  readonly item: unknown

  constructor(resourceName: string, primaryKeyColumn: string, item: unknown) {
    super(
      `Incremental primary key missing in resource "${resourceName}": column ` +
        `"${primaryKeyColumn}" is not in an item. Every item needs the key columns to ` +
        "de-duplicate rows at the cursor boundary; set the incremental's `primaryKey` (or " +
        '`primaryKey: []` to turn de-duplication off)',
    )
    this.resourceName = resourceName
    this.primaryKeyColumn = primaryKeyColumn
    this.item = item
  }
}

/**
 * A cursor value cannot be compared with a boundary (dlt's `IncrementalCursorInvalidCoercion`):
 * a number against a string `initialValue`, say.
 */
export class IncrementalCursorInvalidCoercion extends TerminalError {
  override name = 'IncrementalCursorInvalidCoercion'
  readonly resourceName: string
  readonly cursorPath: string
  /** Which boundary: `endValue`, or `startValue` (the stored last value or `initialValue`). */
  readonly boundary: 'startValue' | 'endValue'
  readonly boundaryValue: unknown
  readonly cursorValue: unknown

  constructor(
    resourceName: string,
    cursorPath: string,
    boundary: 'startValue' | 'endValue',
    boundaryValue: unknown,
    cursorValue: unknown,
    cause: Error,
  ) {
    super(
      `Incremental cursor not comparable in resource "${resourceName}": the value at ` +
        `\`${cursorPath}\` cannot be compared with the ${boundary}: ${cause.message}. Make the ` +
        'cursor values and initialValue/endValue the same type',
      { cause },
    )
    this.resourceName = resourceName
    this.cursorPath = cursorPath
    this.boundary = boundary
    this.boundaryValue = boundaryValue
    this.cursorValue = cursorValue
  }
}
