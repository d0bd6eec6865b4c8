/**
 * @module Runs shared in a folder every machine mounts (NFS, EFS, SMB, a local disk): the files
 * are written in place, and a task's package is published by one rename of the complete package
 * into `<runId>/packages/<task>/` — a second rename of the same task finds the folder taken, so
 * the first package stands; a worker killed mid-task leaves only its attempt folder.
 */
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { readJson } from '../storage/package-storage.js'
import { type RunLayout, removeRunDir, runLayout } from './run-layout.js'
import type { RunManifest, TaskJobResult } from './run-manifest.js'
import type { SharedLocation } from './shared-location.js'

/** A shared folder. */
export class LocalSharedLocation implements SharedLocation {
  readonly localDir: string

  /** @param dir the folder; a relative path resolves from the current directory */
  constructor(dir: string) {
    this.localDir = resolve(dir)
  }

  async shareRun(_layout: RunLayout): Promise<void> {}

  async readRun(runId: string): Promise<RunManifest | undefined> {
    const { runFile } = runLayout(this.localDir, runId)
    return existsSync(runFile) ? (readJson(runFile) as RunManifest) : undefined
  }

  async copyBase(runId: string, dir: string): Promise<void> {
    cpSync(runLayout(this.localDir, runId).baseDir, dir, { recursive: true })
  }

  async publishedLoadId(runId: string, taskKey: string): Promise<string | undefined> {
    const published = runLayout(this.localDir, runId).packageDir(taskKey)
    return existsSync(published) ? packageLoadId(published) : undefined
  }

  async publish(
    runId: string,
    taskKey: string,
    dir: string,
    loadId: string,
  ): Promise<string | undefined> {
    const layout = runLayout(this.localDir, runId)
    const published = layout.packageDir(taskKey)
    try {
      renameSync(dir, published)
      return loadId
    } catch (error) {
      const code = (error as { code?: unknown }).code
      // the run is over (it failed, its folder removed): nobody will load this package
      if (code === 'ENOENT' && !existsSync(layout.packagesDir)) return undefined
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
      return packageLoadId(published)
    }
  }

  async endAttempt(runId: string, attemptDir: string): Promise<void> {
    rmSync(attemptDir, { recursive: true, force: true })
    const layout = runLayout(this.localDir, runId)
    // the run ended while this task ran (it failed): what this task wrote there goes too
    if (!existsSync(layout.runFile)) removeRunDir(layout.runDir)
  }

  async fetchPackages(
    _layout: RunLayout,
    results: readonly TaskJobResult[],
  ): Promise<TaskJobResult[]> {
    return [...results]
  }

  async removeRun(layout: RunLayout): Promise<void> {
    removeRunDir(layout.runDir)
  }

  async close(): Promise<void> {}
}

function packageLoadId(packageDir: string): string {
  return (readJson(join(packageDir, 'load_package_state.json')) as { loadId: string }).loadId
}
