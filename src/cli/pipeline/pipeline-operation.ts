/**
 * @module Declaring an operation of `dlt-ts pipeline` on the pipeline `<name>`: its command
 * (name first in the usage, as typed) and a way to open the pipeline it names.
 */
import type { Command } from 'commander'
import type { Pipeline } from '../../index.js'
import { pipelineOperationUsage } from '../command-usage.js'
import { openPipeline, resolvePipelinesDir } from './open-pipeline.js'

/** Options every `pipeline` operation accepts (declared on the `pipeline` command). */
export interface PipelineGroupOptions {
  readonly pipelinesDir?: string
  readonly list?: boolean
}

/** An operation's command, and the pipeline its `<name>` argument names. */
export interface PipelineOperation {
  readonly command: Command
  open(command: Command): Pipeline
}

/** Declares the operation `name` under the `pipeline` command `group`. */
export type DeclareOperation = (
  name: string,
  description: string,
  usage?: string,
) => PipelineOperation

/** The `declare` function of the `pipeline` command `group`. */
export function operationDeclarer(group: Command): DeclareOperation {
  return (name, description, usage = '[options]') => ({
    command: pipelineOperationUsage(
      group.command(name).description(description).argument('<name>', 'the pipeline'),
      usage,
    ),
    open: (cmd) =>
      openPipeline(
        cmd.processedArgs[0] as string,
        resolvePipelinesDir(cmd.optsWithGlobals<PipelineGroupOptions>().pipelinesDir),
      ),
  })
}
