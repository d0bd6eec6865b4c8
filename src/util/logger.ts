/**
 * @module The pipeline's log lines on stderr, filtered by dlt's `runtime.log_level` (Python's
 * level names: `DEBUG`, `INFO`, `WARNING` — the default —, `ERROR`, `CRITICAL`).
 */

/** Python's logging levels, by name. */
const LEVELS = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 } as const

/** A level name `runtime.log_level` takes. */
export type LogLevel = keyof typeof LEVELS

/** Writes lines at or above its level. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  error(message: string): void
}

/** `level` as a `LogLevel` (case-insensitive; Python's `WARN` and `FATAL` aliases too). */
export function parseLogLevel(level: string, key = 'runtime.log_level'): LogLevel {
  const name = level.trim().toUpperCase()
  const alias = name === 'WARN' ? 'WARNING' : name === 'FATAL' ? 'CRITICAL' : name
  if (alias in LEVELS) return alias as LogLevel
  throw new TypeError(
    `config key "${key}" must be one of ${Object.keys(LEVELS).join(', ')}, got "${level}"`,
  )
}

/** A logger writing `<prefix>: <message>` lines at `level` or above to `write` (stderr). */
export function createLogger(
  level: LogLevel,
  prefix: string,
  write: (text: string) => unknown = (text) => process.stderr.write(text),
): Logger {
  const threshold = LEVELS[level]
  const at =
    (lineLevel: LogLevel) =>
    (message: string): void => {
      if (LEVELS[lineLevel] >= threshold) write(`${prefix}: ${message}\n`)
    }
  return { debug: at('DEBUG'), info: at('INFO'), warning: at('WARNING'), error: at('ERROR') }
}
