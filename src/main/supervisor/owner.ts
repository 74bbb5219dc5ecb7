import { hostname } from 'node:os'
import type { RunState } from '../../shared/experiment'

export type RunOwner = NonNullable<RunState['owner']>

/** This process, as state.json names the owner of the runs its supervisor queues and trains. */
export function currentOwner(): RunOwner {
  return { pid: process.pid, host: hostname() }
}

/** Whether a process with this id exists here (signal 0 tests for it and sends nothing). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether a run's owner is another process that is still alive on this machine: a `dllab train`
 * beside the app, or the app beside the CLI. A run without an owner (written before owners were
 * recorded), owned by this process, or by a process that is gone is not. Nor is one owned on
 * another host name: liveness cannot be told there, and a laptop's host name changes with its
 * network more often than two machines share a workspace, so such a run is recovered as before.
 * A process id reused after a crash makes a run look owned until that unrelated process ends.
 */
export function ownedElsewhere(owner: RunOwner | undefined, self: RunOwner = currentOwner()): boolean {
  if (!owner || owner.host !== self.host) return false
  return owner.pid !== self.pid && processExists(owner.pid)
}
