/**
 * @module The error for a parent record that lacks a field a child resource needs (for a
 * placeholder or `includeFromParent`): the data does not match the config, so retrying cannot help.
 */
import { TerminalError } from '../../errors/dlt-error.js'

/** A parent record has no value at a field a child resource needs. */
export class ParentFieldMissingError extends TerminalError {
  override name = 'ParentFieldMissingError'
  readonly resource: string
  readonly parent: string
  readonly field: string

  constructor(resource: string, parent: string, field: string, record: unknown) {
    const keys =
      record !== null && typeof record === 'object' ? Object.keys(record).join(', ') : 'none'
    super(
      `Resource "${resource}" needs field "${field}" in each record of its parent "${parent}": a record has none (its fields: ${keys})`,
    )
    this.resource = resource
    this.parent = parent
    this.field = field
  }
}
