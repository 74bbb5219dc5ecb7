import { stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isRunId, RunFolder, RunStore } from '../../main/services/runs'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError } from '../errors'

/**
 * A RUN argument: a run id of the workspace ("20251127-200850123-3f9a0c"), `latest` (the newest run),
 * or the path of a run folder (its workspace is the folder above runs/).
 */
export interface ResolvedRun {
  run: RunFolder
  store: RunStore
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

export async function resolveRun(ctx: CliContext, args: ParsedArgs, ref: string): Promise<ResolvedRun> {
  if (isRunId(ref)) {
    const store = await ctx.runStore(args)
    return { run: await store.open(ref), store }
  }
  if (ref === 'latest') {
    const store = await ctx.runStore(args)
    const newest = (await store.list())[0]
    if (!newest)
      throw new CliError(`there are no runs in ${store.runsDir} yet; train one with \`dllab train\``)
    return { run: await store.open(newest.id), store }
  }
  const dir = ctx.path(ref)
  if (await isFolder(dir)) {
    const id = basename(dir)
    if (!(await stat(join(dir, 'run.json')).catch(() => null))) {
      throw new CliError(`${dir} is not a run folder (it has no run.json)`)
    }
    const parent = dirname(dir)
    const store = new RunStore(basename(parent) === 'runs' ? dirname(parent) : parent)
    return { run: new RunFolder(id, dir), store }
  }
  throw new CliError(
    `'${ref}' is neither a run id (like 20251127-200850123-3f9a0c), 'latest', nor a run folder; ` +
      `\`ls <workspace>/runs\` shows the runs`,
  )
}
