/**
 * @module The extract stage: runs resources into an extract package of typed JSON-lines files,
 * one series of files per table, and collects the table hints for the package's schema.
 *
 * Each root resource is pulled by its own task, up to `workers` at once, so async resources
 * (API endpoints) fetch concurrently while synchronous generators are interleaved with them. A
 * transformer receives its parent's items (or pages) as they come, with up to `concurrency`
 * calls in flight; a parent feeding several transformers is read once. Items are written as they
 * arrive through buffered, rotating files: memory stays bounded whatever the input size.
 */
import { createHash } from 'node:crypto'
import { isDltError, toError } from '../errors/dlt-error.js'
import { validateColumnHints } from '../schema/column-hint-rules.js'
import type { TableHints } from '../schema/hints.js'
import { parseWriteDisposition, tableSchemaFromHints } from '../schema/hints.js'
import type { NamingConvention } from '../schema/naming/naming-convention.js'
import { isPyBlank } from '../schema/naming/snake-case.js'
import type { TableSchema } from '../schema/schema-types.js'
import { COPY_TEXT_FORMAT, copyTextHeader } from '../storage/copy-text.js'
import { formatJobFileName, orderedFileIds } from '../storage/job-file-name.js'
import { JSON_ROWS_FORMAT, jsonRowsHeader } from '../storage/json-rows.js'
import type { PackageStorage } from '../storage/package-storage.js'
import { BufferedLineWriter, type FileRotation } from '../storage/writers/buffered-line-writer.js'
import { childObject } from '../util/child-object.js'
import { createNameMap, ownValue, setOwnValue } from '../util/own-property.js'
import type { Chunk } from './chunks.js'
import { CopyTextPage } from './copy-text-page.js'
import { ResourceExtractError } from './extract-errors.js'
import { IncrementalRun } from './incremental/index.js'
import { incrementalIntake } from './incremental-intake.js'
import { ItemLine } from './item-line.js'
import { JsonLines } from './json-lines.js'
import { isMarked } from './mark.js'
import { PageChunk } from './page-chunk.js'
import type { AnyResource, ResourceContext, ResourceHints } from './resource.js'
import { Semaphore } from './semaphore.js'

/** File extension of extracted items. */
export const EXTRACT_FILE_FORMAT = 'typed-jsonl'

/** The resources of one source (or of loose resources) to extract into one package. */
export interface ExtractGroup {
  /** Every resource available by name, selected or not (transformers find their parents here). */
  readonly available: Readonly<Record<string, AnyResource>>
  /** The resources to load. */
  readonly selected: readonly AnyResource[]
  /** Hints every resource of the group starts from (the source's contract and nesting). */
  readonly defaults: TableHints
}

/** Settings of one extract. */
export interface ExtractorConfig {
  readonly storage: PackageStorage
  readonly loadId: string
  readonly naming: NamingConvention
  /** The persistent state object of a resource (created on first use). */
  readonly resourceState: (resourceName: string) => Record<string, unknown>
  /** Hints given to `run()`, applied over every resource's own. */
  readonly runHints?: ResourceHints
  /** Root resources pulled at once (dlt's `extract.workers`). @default 5 */
  readonly workers?: number
  /** When an extracted file is complete. @default 100_000 items */
  readonly rotation?: FileRotation
  /**
   * Called as items are written: `items` more of resource `resource`, `bytes` more bytes (about:
   * UTF-16 code units of each line). Called often: keep it cheap (add to counters).
   */
  readonly onItems?: (resource: string, items: number, bytes: number) => void
  /**
   * Called when an extracted file is complete before the end of the extract (the writer rotated
   * away from it): normalize may start on it (`pipeline.run()`'s normalize ahead).
   */
  readonly onFileDone?: (file: ExtractedFile) => void
}

/** An extracted file extract will not write again. */
export interface ExtractedFile {
  readonly table: string
  readonly path: string
  /** The hints of every table so far, in first-seen order (more may come with later items). */
  readonly tables: () => readonly TableSchema[]
}

/** What extract wrote into one package. */
export interface ExtractResult {
  /** Items extracted per table. */
  readonly itemCounts: Record<string, number>
  /** The table hints of every table the package declares or wrote, in first-seen order. */
  readonly tables: readonly TableSchema[]
  /** A digest of the items written, table by table: equal for equal data extracted alike. */
  readonly fingerprint: string
  /**
   * Loaded resources with the `replace` disposition that yielded no item: the pipeline empties
   * every table they wrote before (dlt's empty jobs for replace resources).
   */
  readonly replacedWithoutItems: readonly string[]
}

interface PlanNode {
  readonly resource: AnyResource
  readonly write: boolean
  readonly children: PlanNode[]
  readonly hints: ResourceHints
  readonly incremental: IncrementalRun | undefined
  readonly context: ResourceContext
}

/** Extracts `group` into the `extracting` package of `config.loadId`. */
export async function extractResources(
  group: ExtractGroup,
  config: ExtractorConfig,
): Promise<ExtractResult> {
  const output = new ExtractOutput(config)
  const roots = planNodes(group, config)
  try {
    for (const node of walk(roots)) if (node.write) output.declare(node)
    const pool = new Semaphore(config.workers ?? 5)
    await Promise.all(roots.map((root) => pool.run(() => runRoot(root, output))))
  } finally {
    output.close()
  }
  for (const node of walk(roots)) {
    if (!node.incremental) continue
    const next = node.incremental.nextState()
    if (next === undefined) continue
    setOwnValue(childObject(node.context.state, 'incremental'), node.incremental.cursorPath, next)
  }
  const replacedWithoutItems = [...walk(roots)]
    .filter(
      (node) =>
        node.write &&
        !output.hasItemsOf(node.resource.name) &&
        parseWriteDisposition(node.hints.writeDisposition).disposition === 'replace',
    )
    .map((node) => node.resource.name)
  return { ...output.result(), replacedWithoutItems }
}

function planNodes(group: ExtractGroup, config: ExtractorConfig): PlanNode[] {
  const nodes = new Map<string, PlanNode>()
  const roots: PlanNode[] = []
  const add = (resource: AnyResource, write: boolean): PlanNode => {
    const existing = nodes.get(resource.name)
    if (existing) return existing
    const hints: ResourceHints = { ...group.defaults, ...resource.hints, ...config.runHints }
    const state = config.resourceState(resource.name)
    // dlt: a resource loaded with `replace` starts from an empty state, its cursor from initialValue
    if (parseWriteDisposition(hints.writeDisposition).disposition === 'replace') {
      for (const key of Object.keys(state)) delete state[key]
    }
    const incremental = resource.incremental
      ? new IncrementalRun(
          resource.incremental,
          readCursorState(state, resource.incremental.config.cursorPath),
          resource.name,
          keyList(hints.primaryKey),
        )
      : undefined
    const node: PlanNode = {
      resource,
      write,
      children: [],
      hints,
      incremental,
      context: { incremental, state },
    }
    nodes.set(resource.name, node)
    if (resource.isTransformer) {
      if (!resource.parent) {
        throw new TypeError(
          `Transformer "${resource.name}" has no parent: create it with \`dataFrom\` or bind it with parent.pipe(transformer)`,
        )
      }
      const parent = ownValue(group.available, resource.parent.name) ?? resource.parent
      const known = nodes.get(parent.name)
      if (known && known.resource !== parent) {
        // resources are planned (and keep state) by name: the second would silently read the first
        throw new TypeError(
          `Transformer "${resource.name}" reads from a resource named "${parent.name}", but another ` +
            `resource named "${parent.name}" is in this run: give each its own name (\`withName()\`, ` +
            'or the `name` option, e.g. of filesystem())',
        )
      }
      add(parent, false).children.push(node)
    } else {
      roots.push(node)
    }
    return node
  }
  for (const resource of group.selected) add(resource, true)
  return roots
}

function* walk(nodes: readonly PlanNode[]): Generator<PlanNode> {
  for (const node of nodes) {
    yield node
    yield* walk(node.children)
  }
}

async function runRoot(node: PlanNode, output: ExtractOutput): Promise<void> {
  await consume(node, node.resource.chunks(node.context, undefined, intakeOf(node)), output)
}

async function consume(node: PlanNode, chunks: AsyncIterable<Chunk>, output: ExtractOutput) {
  const inFlight = node.children.map((child) => ({
    child,
    gate: new Semaphore(child.resource.concurrency),
  }))
  const pending = new Set<Promise<void>>()
  try {
    for await (const chunk of chunks) {
      if (node.write) output.write(node, chunk)
      // a transformer gets what the parent yielded: one item, or a whole page
      for (const { child, gate } of inFlight) {
        await gate.acquire()
        const chunks = child.resource.chunks(child.context, chunk, intakeOf(child))
        const task = consume(child, chunks, output).finally(() => gate.release())
        pending.add(task)
        task.then(
          () => pending.delete(task),
          () => {}, // stays in `pending`: awaited below, the first failure fails the extract
        )
      }
    }
  } catch (error) {
    throw wrapResourceError(node.resource.name, error)
  }
  await Promise.all(pending)
}

function intakeOf(node: PlanNode) {
  return node.incremental ? incrementalIntake(node.incremental) : undefined
}

function wrapResourceError(resourceName: string, error: unknown): Error {
  if (isDltError(error)) return error
  return new ResourceExtractError(resourceName, toError(error))
}

function readCursorState(state: Record<string, unknown>, cursorPath: string) {
  const cursors = ownValue(state, 'incremental') as
    | Record<string, Record<string, unknown>>
    | undefined
  return cursors && ownValue(cursors, cursorPath)
}

/** One digest over the tables' digests, in table name order. */
function fingerprintOf(digests: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256')
  for (const table of [...digests.keys()].sort()) hash.update(`${table}\0${digests.get(table)}\n`)
  return hash.digest('base64')
}

function keyList(keys: string | readonly string[] | undefined): readonly string[] | undefined {
  if (keys === undefined) return undefined
  return typeof keys === 'string' ? [keys] : keys
}

/** Where extracted items go: one rotating writer per table, and the tables' hints. */
class ExtractOutput {
  readonly #config: ExtractorConfig
  readonly #writers = new Map<string, BufferedLineWriter>()
  // files with a header (copy text, JSON rows) by table and header: it names their columns
  readonly #headedWriters = new Map<string, Map<string, BufferedLineWriter>>()
  readonly #tables = new Map<string, TableSchema>()
  readonly #names = new Map<string, string>()
  readonly #markedHints = new Map<string, TableHints>()
  readonly #resourcesWithItems = new Set<string>()
  readonly #line = new ItemLine()
  // a table's files (typed JSON lines, JSON rows, copy text, rotated ones) are normalized in the
  // order they were opened: the first item decides a column's type, as in the source
  readonly #fileId = orderedFileIds()

  constructor(config: ExtractorConfig) {
    this.#config = config
  }

  /** Declares the static table of a loaded resource, so it exists even without items. */
  declare(node: PlanNode): void {
    if (typeof node.hints.tableName === 'function') return
    this.#hintTable(
      this.#normalize(node.hints.tableName ?? node.resource.name, node.resource.name),
      node,
      undefined,
    )
  }

  write(node: PlanNode, chunk: Chunk): void {
    if (chunk instanceof PageChunk && this.#copyPage(node, chunk)) return
    let bytes = 0
    for (const value of chunk.items) {
      let item = value
      let table: string
      if (isMarked(value)) {
        item = value.item
        table = this.#tableOf(node, item, value.tableName)
        // hints marked on every item are usually one object: apply it once per table
        if (value.hints && this.#markedHints.get(table) !== value.hints) {
          this.#hintTable(table, node, value.hints)
          this.#markedHints.set(table, value.hints)
        }
      } else {
        table = this.#tableOf(node, item, undefined)
      }
      bytes += this.#writerFor(table).writeEncoded(this.#line.set(item, table))
    }
    // counted once per chunk: every item of a chunk comes from the same resource
    this.#count(node, chunk.items.length, bytes)
  }

  close(): void {
    for (const writer of this.#writers.values()) writer.close()
    for (const writers of this.#headedWriters.values()) {
      for (const writer of writers.values()) writer.close()
    }
  }

  /**
   * Copies a serialized page into the table's file as it is, when nothing needs its items: JSON
   * lines into its typed JSON lines (when every line may be copied), copy text into a `copy-text`
   * file of its columns.
   */
  #copyPage(node: PlanNode, chunk: PageChunk): boolean {
    if (!chunk.unparsed || typeof node.hints.tableName === 'function') return false
    const { page } = chunk
    if (page instanceof JsonLines) {
      const lines = page.copyableLineCount()
      if (lines === undefined) return false
      const table = this.#tableOf(node, undefined, undefined)
      const writer = page.columns
        ? this.#headedWriterFor(table, JSON_ROWS_FORMAT, jsonRowsHeader(page.columns))
        : this.#writerFor(table)
      writer.writeLines(page.parts, lines)
      this.#count(node, lines, page.byteLength)
      return true
    }
    if (!(page instanceof CopyTextPage)) return false
    const table = this.#tableOf(node, undefined, undefined)
    this.#headedWriterFor(table, COPY_TEXT_FORMAT, copyTextHeader(page.columns)).writeLines(
      page.parts,
      page.lineCount,
    )
    this.#count(node, page.lineCount, page.byteLength)
    return true
  }

  /**
   * The writer of `table`'s files of `format` with `header`, a first line naming the columns of
   * the whole file (`copy-text`, `json-rows`: the headers of the two never look alike).
   */
  #headedWriterFor(table: string, format: string, header: string): BufferedLineWriter {
    let writers = this.#headedWriters.get(table)
    if (!writers) {
      writers = new Map()
      this.#headedWriters.set(table, writers)
    }
    let writer = writers.get(header)
    if (!writer) {
      writer = this.#newWriter(table, format, header)
      writers.set(header, writer)
    }
    return writer
  }

  /** Whether the resource named `name` wrote any item. */
  hasItemsOf(name: string): boolean {
    return this.#resourcesWithItems.has(name)
  }

  /** Counts written items, and tells `onItems`. */
  #count(node: PlanNode, items: number, bytes: number): void {
    if (items > 0) this.#resourcesWithItems.add(node.resource.name)
    this.#config.onItems?.(node.resource.name, items, bytes)
  }

  result(): Omit<ExtractResult, 'replacedWithoutItems'> {
    const itemCounts = createNameMap<number>()
    const digests = new Map<string, string>()
    for (const [table, writer] of this.#writers) {
      itemCounts[table] = writer.lineCount
      digests.set(table, `${writer.lineCount}:${writer.digest()}`)
    }
    for (const [table, writers] of this.#headedWriters) {
      for (const [header, writer] of writers) {
        itemCounts[table] = (ownValue(itemCounts, table) ?? 0) + writer.lineCount
        digests.set(`${table}\n${header}`, `${writer.lineCount}:${writer.digest()}`)
      }
    }
    return { itemCounts, tables: [...this.#tables.values()], fingerprint: fingerprintOf(digests) }
  }

  #tableOf(node: PlanNode, item: unknown, marked: string | undefined): string {
    const hint = node.hints.tableName
    const raw =
      marked ?? (typeof hint === 'function' ? hint(item as never) : (hint ?? node.resource.name))
    const table = this.#normalize(raw, node.resource.name)
    if (!this.#tables.has(table)) this.#hintTable(table, node, undefined)
    return table
  }

  #hintTable(table: string, node: PlanNode, extra: TableHints | undefined): void {
    const { tableName: _name, ...hints } = node.hints
    const schema = tableSchemaFromHints(table, { ...hints, ...extra }, this.#config.naming)
    schema.resource = node.resource.name
    const existing = this.#tables.get(table)
    if (!existing) {
      this.#tables.set(table, schema)
      return
    }
    const merged = { ...existing, ...schema, columns: { ...existing.columns, ...schema.columns } }
    // marks (and resources sharing a table) add hints to its earlier ones: two may hint two columns
    validateColumnHints(
      merged,
      'the hints of the resources and of dlt.mark.withHints writing to the table add up',
    )
    this.#tables.set(table, merged)
  }

  #normalize(name: unknown, resourceName: string): string {
    // a blank name normalizes to '' (a name of underscores only gets one: `__` is `xx`)
    if (typeof name !== 'string' || isPyBlank(name)) {
      throw new TypeError(
        `Resource "${resourceName}": a table name must be a non-blank string, got ` +
          `${JSON.stringify(name) ?? String(name)}; check its \`tableName\` option (or function) ` +
          'and the names given to dlt.mark.withTableName',
      )
    }
    let normalized = this.#names.get(name)
    if (normalized === undefined) {
      normalized = this.#config.naming.normalizePath(name)
      this.#names.set(name, normalized)
    }
    return normalized
  }

  #writerFor(table: string): BufferedLineWriter {
    let writer = this.#writers.get(table)
    if (!writer) {
      writer = this.#newWriter(table, EXTRACT_FILE_FORMAT, undefined)
      this.#writers.set(table, writer)
    }
    return writer
  }

  #newWriter(table: string, format: string, header: string | undefined): BufferedLineWriter {
    const { storage, loadId, rotation, onFileDone } = this.#config
    return new BufferedLineWriter({
      directory: storage.jobsPath('extracting', loadId),
      fileName: () => formatJobFileName(table, format, this.#fileId()),
      ...rotation,
      // the package's fingerprint: a re-run bringing the same data is recognised
      digest: true,
      header,
      onRotated:
        onFileDone &&
        ((path) => onFileDone({ table, path, tables: () => [...this.#tables.values()] })),
    })
  }
}
