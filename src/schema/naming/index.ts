/**
 * @module Naming conventions by name: dlt's `snake_case` (the default) and `direct`.
 */
import { DirectNaming } from './direct.js'
import type { NamingConvention } from './naming-convention.js'
import { SnakeCaseNaming } from './snake-case.js'

export { DIRECT_PATH_SEPARATOR, DirectNaming } from './direct.js'
export { type NamingConvention, PATH_SEPARATOR } from './naming-convention.js'
export {
  BaseNamingConvention,
  computeTag,
  DEFAULT_COLLISION_PROB,
  SnakeCaseNaming,
  shortenIdentifier,
} from './snake-case.js'

/** dlt's module prefix of its built-in conventions, as schemas may store them. */
const DLT_NAMING_MODULE = 'dlt.common.normalizers.naming.'

/**
 * Creates the naming convention called `name` — `snake_case` or `direct`, or dlt's full module
 * path of either (`dlt.common.normalizers.naming.snake_case`) — shortening identifiers longer
 * than `maxLength`.
 *
 * @throws TypeError for any other name.
 */
export function createNamingConvention(name: string, maxLength?: number): NamingConvention {
  const short = name.startsWith(DLT_NAMING_MODULE) ? name.slice(DLT_NAMING_MODULE.length) : name
  switch (short) {
    case 'snake_case':
      return new SnakeCaseNaming(maxLength)
    case 'direct':
      return new DirectNaming(maxLength)
    default:
      throw new TypeError(
        `unknown naming convention ${JSON.stringify(name)}: dlt-ts knows 'snake_case' and 'direct'`,
      )
  }
}
