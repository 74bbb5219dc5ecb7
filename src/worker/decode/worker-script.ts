/**
 * Where the decode worker's script is. Built (out/node, out/main): `decode-worker.js` beside the
 * bundle that contains this code — the bundlers must emit src/worker/decode/decode-worker.ts under
 * that name next to their entries. From source (vitest, tsx): dev-boot.mjs, which registers tsx in
 * the new thread and imports decode-worker.ts.
 */
import type { WorkerOptions } from 'node:worker_threads'

/** The file name of the built worker entry. */
export const DECODE_WORKER_FILE = 'decode-worker.js'

export interface WorkerScript {
  readonly url: URL
  readonly options: WorkerOptions
}

export function decodeWorkerScript(base: string = import.meta.url): WorkerScript {
  if (new URL(base).pathname.endsWith('.ts')) {
    return {
      url: new URL('./dev-boot.mjs', base),
      // the parent's execArgv may carry a test runner's loader flags; tsx is registered by dev-boot
      options: { workerData: { entry: new URL('./decode-worker.ts', base).href }, execArgv: [] },
    }
  }
  // a variable, not a literal: bundlers must not try to resolve this at build time
  const file = DECODE_WORKER_FILE
  return { url: new URL(file, base), options: {} }
}
