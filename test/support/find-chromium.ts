/**
 * @module Test helper: a Chromium to drive with playwright-core — `$CHROMIUM_PATH`, or Debian's
 * `chromium` package (`apt-get install -y chromium`); never a browser download.
 */
import { existsSync } from 'node:fs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** The path of a Chromium executable, or undefined with the reason in `missingChromiumReason`. */
export function findChromium(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH']
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  return CANDIDATES.find((path) => existsSync(path))
}

/** Why browser tests are skipped. */
export const missingChromiumReason =
  'no Chromium found (looked at $CHROMIUM_PATH and /usr/bin/chromium): install it with ' +
  '`apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to run the pipeline browser test'
