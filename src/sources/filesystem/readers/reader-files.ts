/**
 * @module What a reader transformer receives from the `filesystem` resource: one file item or a
 * page of them. Anything else means the reader was piped from the wrong resource.
 */
import type { FileItemDict } from '../file-item.js'

/** The file items of a transformer's input; throws a TypeError naming the reader otherwise. */
export function filesOf(input: unknown, reader: string): FileItemDict[] {
  const items = Array.isArray(input) ? input : [input]
  for (const item of items) {
    if (typeof (item as Partial<FileItemDict> | null)?.open !== 'function') {
      throw new TypeError(
        `${reader} reads file items: pipe it from the filesystem resource, ` +
          '`filesystem({ bucketUrl, fileGlob }).pipe(' +
          `${reader.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}())\``,
      )
    }
  }
  return items as FileItemDict[]
}
