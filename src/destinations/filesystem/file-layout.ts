/**
 * @module Where a table's files go inside the dataset folder: dlt's `layout` template
 * (`dlt/destinations/path_utils.py`) with its placeholders — `{table_name}`, `{schema_name}`,
 * `{load_id}`, `{file_id}`, `{ext}`, `{curr_date}`, `{timestamp}`, `{load_package_timestamp}`,
 * the pendulum date tokens (`{YYYY}`, `{MM}`, `{DD}`, `{HH}`, `{mm}`, `{Q}`, `{dddd}`, …) and
 * user-defined extra placeholders — and the table *prefix* that finds a table's files again.
 * A layout may not hold `.` or `..` folders, `\` or control characters of its own.
 */
import { pathSegmentProblem } from '../../util/path-segment.js'

/** dlt's default layout. */
export const DEFAULT_LAYOUT = '{table_name}/{load_id}.{file_id}.{ext}'

/** A value of an extra placeholder: fixed text, or computed per file as dlt's callbacks are. */
export type PlaceholderValue =
  | string
  | ((schemaName: string, tableName: string, loadId: string, fileId: string, ext: string) => string)

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const
const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** pendulum's date tokens dlt offers as placeholders, formatted in UTC and lowercased as dlt does. */
const DATETIME_PLACEHOLDERS: Readonly<Record<string, (date: Date) => string>> = {
  YYYY: (d) => pad(d.getUTCFullYear(), 4),
  YY: (d) => pad(d.getUTCFullYear() % 100),
  Y: (d) => String(d.getUTCFullYear()),
  MMMM: (d) => MONTHS[d.getUTCMonth()]!,
  MMM: (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3),
  MM: (d) => pad(d.getUTCMonth() + 1),
  M: (d) => String(d.getUTCMonth() + 1),
  DD: (d) => pad(d.getUTCDate()),
  D: (d) => String(d.getUTCDate()),
  HH: (d) => pad(d.getUTCHours()),
  H: (d) => String(d.getUTCHours()),
  mm: (d) => pad(d.getUTCMinutes()),
  m: (d) => String(d.getUTCMinutes()),
  dddd: (d) => WEEKDAYS[d.getUTCDay()]!,
  ddd: (d) => WEEKDAYS[d.getUTCDay()]!.slice(0, 3),
  dd: (d) => WEEKDAYS[d.getUTCDay()]!.slice(0, 2),
  d: (d) => String(d.getUTCDay()),
  Q: (d) => String(Math.floor(d.getUTCMonth() / 3) + 1),
}

const FILE_PLACEHOLDERS = [
  'schema_name',
  'table_name',
  'load_id',
  'file_id',
  'ext',
  'curr_date',
  'timestamp',
  'load_package_timestamp',
] as const

/** Placeholders allowed before `{table_name}` (dlt: only the schema name). */
const TABLE_PREFIX_PLACEHOLDERS = ['schema_name']

const PLACEHOLDER = /\{(.*?)\}/g

/** The placeholders of a layout, in order. */
export function layoutPlaceholders(layout: string): string[] {
  return [...layout.matchAll(PLACEHOLDER)].map((match) => match[1]!)
}

/**
 * Checks a layout as dlt does: every placeholder is known (standard or extra), `{table_name}` is
 * present, only `{schema_name}` precedes it, and a separator follows it; and, unlike dlt, that
 * its text has no `.` or `..` folder, `\` or control character.
 * @throws TypeError naming the `layout` option and what is wrong.
 */
export function validateLayout(
  layout: string,
  extraPlaceholders: Readonly<Record<string, PlaceholderValue>> = {},
): void {
  const known = new Set<string>([
    ...FILE_PLACEHOLDERS,
    ...Object.keys(DATETIME_PLACEHOLDERS),
    ...Object.keys(extraPlaceholders),
  ])
  const unknown = layoutPlaceholders(layout).filter((name) => !known.has(name))
  if (unknown.length) {
    throw new TypeError(
      `The \`layout\` option "${layout}" has unknown placeholders ${unknown.map((p) => `{${p}}`).join(', ')}: ` +
        'define them in `extraPlaceholders` or use the standard ones ({table_name}, {load_id}, {file_id}, {ext}, …)',
    )
  }
  tablePrefixLayout(layout)
  const unsafe = layoutPathProblem(layout)
  if (unsafe) throw new TypeError(`The \`layout\` option "${layout}" is not usable: ${unsafe}`)
}

/**
 * What keeps the layout's own text from staying inside the dataset folder: a `.` or `..` folder,
 * a `\` or a control character. (Placeholder values are checked per file, by `joinKey`.)
 */
function layoutPathProblem(layout: string): string | undefined {
  for (const segment of layout.split('/')) {
    if (segment === '.' || segment === '..') return `it has a "${segment}" folder`
    const problem = pathSegmentProblem(segment.replace(PLACEHOLDER, 'x') || 'x')
    if (problem) return problem
  }
  return undefined
}

/**
 * The part of the layout that locates a table's files: up to `{table_name}` and the separator
 * after it (`{table_name}/`), so that table `a` never picks up the files of `a__b`.
 */
export function tablePrefixLayout(layout: string): string {
  const placeholders = layoutPlaceholders(layout)
  const index = placeholders.indexOf('table_name')
  const problem =
    index < 0
      ? 'it has no {table_name} placeholder'
      : placeholders.slice(0, index).some((p) => !TABLE_PREFIX_PLACEHOLDERS.includes(p))
        ? 'only {schema_name} may come before {table_name}'
        : undefined
  if (problem) throw new TypeError(`The \`layout\` option "${layout}" is not usable: ${problem}`)
  const end = layout.indexOf('{table_name}') + '{table_name}'.length
  const prefix = layout.slice(0, end + 1)
  if (prefix.length === end || prefix.endsWith('{')) {
    throw new TypeError(
      `The \`layout\` option "${layout}" is not usable: a separator must follow {table_name}`,
    )
  }
  return prefix
}

/** The table prefix of `layout` with its placeholders filled in. */
export function tablePrefix(layout: string, schemaName: string, tableName: string): string {
  return tablePrefixLayout(layout)
    .replaceAll('{schema_name}', schemaName)
    .replaceAll('{table_name}', tableName)
}

/** What one file's path is made of. */
export interface FilePathParams {
  readonly schemaName: string
  readonly tableName: string
  readonly loadId: string
  readonly fileId: string
  readonly ext: string
  /** The clock of the date placeholders (dlt: `current_datetime`, else the package's time). */
  readonly now: Date
  /** When the load package was created (dlt-ts: the time of its load id). */
  readonly packageTime: Date
}

/**
 * The path of one file inside the dataset folder; `.{ext}` is appended when the layout has no
 * `{ext}`, as dlt does.
 */
export function formatFilePath(
  layout: string,
  params: FilePathParams,
  extraPlaceholders: Readonly<Record<string, PlaceholderValue>> = {},
): string {
  const { schemaName, tableName, loadId, fileId, ext, now, packageTime } = params
  const values: Record<string, string> = {
    schema_name: schemaName,
    table_name: tableName,
    load_id: loadId,
    file_id: fileId,
    ext,
    load_package_timestamp: String(Math.floor(packageTime.getTime() / 1000)),
    timestamp: String(Math.floor(now.getTime() / 1000)),
    curr_date: now.toISOString().slice(0, 10),
  }
  for (const [token, format] of Object.entries(DATETIME_PLACEHOLDERS)) {
    values[token] = format(now).toLowerCase()
  }
  for (const [name, value] of Object.entries(extraPlaceholders)) {
    values[name] =
      typeof value === 'function' ? value(schemaName, tableName, loadId, fileId, ext) : value
  }
  const path = layout.replace(PLACEHOLDER, (match, name: string) => values[name] ?? match)
  return layoutPlaceholders(layout).includes('ext') ? path : `${path}.${ext}`
}

/** The time a load id stands for (Unix seconds with a fraction). */
export function loadIdTime(loadId: string): Date {
  const seconds = Number(loadId)
  return Number.isFinite(seconds) ? new Date(Math.floor(seconds * 1000)) : new Date()
}
