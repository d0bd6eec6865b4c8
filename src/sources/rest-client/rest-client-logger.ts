/**
 * @module The logger the REST client writes to. `console` fits; the default logs nothing. The
 * client only ever logs masked URLs, never headers or bodies with secrets.
 */

/** Where the REST client logs requests, retries and detection results. */
export interface RESTClientLogger {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
}

/** A logger that drops everything: the default. */
export const NOOP_LOGGER: RESTClientLogger = Object.freeze({
  debug() {},
  info() {},
  warn() {},
})
