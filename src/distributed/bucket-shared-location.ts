/**
 * @module Runs shared in an S3-compatible bucket (`sharedDir: 's3://bucket/prefix'`). A bucket has
 * no rename, so a task's package is published by **put, then commit marker**: the worker uploads
 * the package into a folder of its attempt, then writes `packages/<task>/committed.json` naming
 * that folder — last. The loader reads only packages a marker names, so a worker killed
 * mid-upload leaves files nobody reads; a worker finding the marker already written backs off
 * (and two racing past each other both name complete packages of the same task: the last marker
 * stands, and the loader loads the package it names).
 *
 * ```
 * <prefix>/<runId>/run.json                             the run (written after its base)
 * <prefix>/<runId>/base/…                               the state and schemas the tasks start from
 * <prefix>/<runId>/packages/<task>/<attempt>/…          an attempt's uploaded package
 * <prefix>/<runId>/packages/<task>/committed.json       { attempt, loadId }: the task's package
 * ```
 * Each process works in a private local folder (attempts; the loader's copies of the packages).
 */
import { randomUUID } from 'node:crypto'
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { AwsCredentialsInput } from '../buckets/aws-credentials.js'
import { bucketTransport } from '../buckets/bucket-transport.js'
import type { ReadableFileTransport } from '../buckets/file-transport.js'
import { COMPLETED_JOBS, NEW_JOBS } from '../storage/package-storage.js'
import { crashPoint } from '../util/crash-point.js'
import { UncommittedPackageError } from './distributed-errors.js'
import type { RunLayout } from './run-layout.js'
import type { RunManifest, TaskJobResult } from './run-manifest.js'
import type { SharedLocation } from './shared-location.js'

/** Files moved at once to and from the bucket. */
const TRANSFERS = 8

/** What the commit marker of a task's package says. */
interface CommitMarker {
  readonly attempt: string
  readonly loadId: string
}

/** A shared bucket. */
export class BucketSharedLocation implements SharedLocation {
  readonly localDir: string
  readonly #transport: ReadableFileTransport
  /** The parent folder given for `localDir`, removed on close once empty. */
  readonly #localParent: string | undefined

  /**
   * @param localParent where this process's private folder goes (on the file system the loader's
   *   pipeline is on: the packages are renamed from there into it) @default the system's temp
   */
  constructor(url: string, credentials: AwsCredentialsInput | undefined, localParent?: string) {
    this.#transport = bucketTransport(url, {
      credentials,
      sections: ['distributed'],
      purpose: 'The shared location of distributed runs',
    })
    this.#localParent = localParent
    if (localParent) mkdirSync(localParent, { recursive: true })
    this.localDir = mkdtempSync(join(localParent ?? tmpdir(), 'dlt-ts-shared-'))
  }

  async shareRun(layout: RunLayout): Promise<void> {
    const runId = relative(this.localDir, layout.runDir)
    await this.#upload(layout.baseDir, `${runId}/base`)
    // the manifest last: a worker seeing it finds the whole base
    await this.#transport.putFile(layout.runFile, `${runId}/run.json`)
  }

  async readRun(runId: string): Promise<RunManifest | undefined> {
    const text = await this.#transport.readText(`${runId}/run.json`)
    return text === undefined ? undefined : (JSON.parse(text) as RunManifest)
  }

  async copyBase(runId: string, dir: string): Promise<void> {
    await this.#download(`${runId}/base`, dir)
  }

  async publishedLoadId(runId: string, taskKey: string): Promise<string | undefined> {
    return (await this.#marker(runId, taskKey))?.loadId
  }

  async publish(
    runId: string,
    taskKey: string,
    dir: string,
    loadId: string,
  ): Promise<string | undefined> {
    const earlier = await this.#marker(runId, taskKey)
    if (earlier) return earlier.loadId
    if (!(await this.readRun(runId))) return undefined
    const attempt = randomUUID().slice(0, 8)
    const folder = `${runId}/packages/${taskKey}/${attempt}`
    await this.#upload(dir, folder, () => crashPoint(`uploading task ${taskKey} of run ${runId}`))
    const meanwhile = await this.#marker(runId, taskKey)
    if (meanwhile) {
      await this.#deleteAll(folder)
      return meanwhile.loadId
    }
    const marker: CommitMarker = { attempt, loadId }
    await this.#transport.writeFile(markerKey(runId, taskKey), JSON.stringify(marker))
    return loadId
  }

  async endAttempt(runId: string, attemptDir: string): Promise<void> {
    rmSync(attemptDir, { recursive: true, force: true })
    // the run ended while this task ran (it failed): what this task wrote there goes too
    if (!(await this.readRun(runId))) await this.#deleteAll(runId).catch(() => {})
  }

  async fetchPackages(
    layout: RunLayout,
    results: readonly TaskJobResult[],
  ): Promise<TaskJobResult[]> {
    const runId = relative(this.localDir, layout.runDir)
    const fetched: TaskJobResult[] = []
    for (const result of results) {
      if (!result.loadId) {
        fetched.push(result)
        continue
      }
      const marker = await this.#marker(runId, result.key)
      if (!marker) throw new UncommittedPackageError(runId, result.key)
      const dir = layout.packageDir(result.key)
      await this.#download(`${runId}/packages/${result.key}/${marker.attempt}`, dir)
      // a bucket keeps no empty folders
      for (const jobs of [NEW_JOBS, COMPLETED_JOBS]) mkdirSync(join(dir, jobs), { recursive: true })
      fetched.push({ ...result, loadId: marker.loadId })
    }
    return fetched
  }

  async removeRun(layout: RunLayout): Promise<void> {
    const runId = relative(this.localDir, layout.runDir)
    rmSync(layout.runDir, { recursive: true, force: true })
    try {
      // the manifest first: a task still running sees the run is over and removes what it adds
      await this.#transport.deleteFile(`${runId}/run.json`)
      await this.#deleteAll(runId)
    } catch {
      // left for the run's late tasks (see endAttempt); nothing reads a run's files once it is over
    }
  }

  async close(): Promise<void> {
    rmSync(this.localDir, { recursive: true, force: true })
    try {
      if (this.#localParent) rmdirSync(this.#localParent)
    } catch {
      // another run's folder is still in it: it removes the parent when it ends
    }
    const closable = this.#transport as { close?: () => Promise<void> }
    await closable.close?.()
  }

  async #marker(runId: string, taskKey: string): Promise<CommitMarker | undefined> {
    const text = await this.#transport.readText(markerKey(runId, taskKey))
    return text === undefined ? undefined : (JSON.parse(text) as CommitMarker)
  }

  /** Uploads the files below `dir` to `folderKey`; `afterFirst` runs once one is up. */
  async #upload(dir: string, folderKey: string, afterFirst?: () => void): Promise<void> {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    let first = true
    await inBatches(files, async (file) => {
      await this.#transport.putFile(join(dir, file), `${folderKey}/${file}`)
      if (first) afterFirst?.()
      first = false
    })
  }

  /** Downloads the files below `folderKey` into `dir`. */
  async #download(folderKey: string, dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true })
    const keys = await this.#transport.listFiles(folderKey)
    await inBatches(keys, async (key) => {
      const target = join(dir, ...key.slice(folderKey.length + 1).split('/'))
      mkdirSync(dirname(target), { recursive: true })
      await pipeline(await this.#transport.openRead(key), createWriteStream(target))
    })
  }

  async #deleteAll(folderKey: string): Promise<void> {
    const keys = await this.#transport.listFiles(folderKey)
    await inBatches(keys, (key) => this.#transport.deleteFile(key))
  }
}

function markerKey(runId: string, taskKey: string): string {
  return `${runId}/packages/${taskKey}/committed.json`
}

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += TRANSFERS) {
    await Promise.all(items.slice(start, start + TRANSFERS).map(work))
  }
}
