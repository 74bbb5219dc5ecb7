import type { RunStore } from '../services/runs'
import { INTERRUPTED, interruptedUnreadable } from '../../shared/training/run-reasons'
import { ownedElsewhere } from './owner'
import { hasProgress, planJobs } from './plan'

/**
 * What an app that closed (or crashed) in the middle of training left in a workspace, put right on
 * the next start: a run still marked 'running' has no worker any more. With a checkpoint (or a
 * finished channel) it becomes 'paused', resumable from there; without, 'failed' (resume-run starts it
 * again from the beginning). Runs still 'queued' are returned, oldest first, to be queued again.
 */
export { INTERRUPTED }

async function markInterrupted(store: RunStore, id: string): Promise<void> {
  const folder = await store.open(id)
  const state = await folder.readState()
  const {
    format: _format,
    updated: _updated,
    reason: _reason,
    owner: _owner,
    ...kept
  } = state ?? {
    status: 'running',
  }
  let resumable: boolean
  try {
    resumable = hasProgress(await planJobs(folder, await folder.readExperiment()))
  } catch (error) {
    await folder.writeState({
      ...kept,
      status: 'failed',
      reason: interruptedUnreadable((error as Error).message),
    })
    return
  }
  await folder.writeState(
    resumable
      ? { ...kept, status: 'paused', reason: INTERRUPTED.resumable }
      : { ...kept, status: 'failed', reason: INTERRUPTED.fromStart },
  )
}

/**
 * Marks the workspace's interrupted runs; returns the ids of its queued runs, oldest first. Runs in
 * `live` belong to this process and are left alone. A workspace that cannot be listed has nothing to
 * recover (listing it later reports why).
 */
export async function recoverWorkspace(
  store: RunStore,
  live: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  onError: (error: unknown) => void = () => undefined,
): Promise<string[]> {
  let summaries
  try {
    summaries = await store.list()
  } catch (error) {
    onError(error)
    return []
  }
  const queued: string[] = []
  for (const s of summaries) {
    if (live.has(s.id) || (s.status !== 'running' && s.status !== 'queued')) continue
    try {
      // A `dllab train` beside the app (or the app beside it) still has this run: not ours to touch.
      if (ownedElsewhere((await (await store.open(s.id)).readState())?.owner)) continue
      if (s.status === 'running') await markInterrupted(store, s.id)
      else queued.push(s.id)
    } catch (error) {
      onError(error)
    }
  }
  return queued.reverse()
}
