import { type ChildProcess, fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { WorkerExit, WorkerHandle, WorkerSpawner } from './spawner'

/**
 * Training workers as Node child processes (child_process.fork with an IPC channel, JSON messages).
 *
 * Built (out/node/web.js, the CLI): the worker is `worker.js` beside the bundle (vite.node.config.ts
 * builds src/worker/entry.ts to out/node/worker.js). From source (vitest, tsx): src/worker/entry.ts,
 * run with tsx's loader (`node --import tsx`), so tests need no build.
 */
export const TRAINING_WORKER_FILE = 'worker.js'

export interface WorkerScript {
  /** The file node runs. */
  path: string
  /** Node options for it (the TypeScript loader when running from source). */
  execArgv: string[]
}

export function trainingWorkerScript(base: string = import.meta.url): WorkerScript {
  if (new URL(base).pathname.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(base).resolve('tsx')).href
    return { path: fileURLToPath(new URL('../../worker/entry.ts', base)), execArgv: ['--import', tsx] }
  }
  // a variable, not a literal: bundlers must not try to resolve this at build time
  const file = TRAINING_WORKER_FILE
  return { path: fileURLToPath(new URL(file, base)), execArgv: [] }
}

/** Keeps the last `max` characters a stream wrote. */
function tail(stream: NodeJS.ReadableStream | null, max = 4000): () => string {
  let text = ''
  stream?.setEncoding('utf8')
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-max)
  })
  return () => text
}

function handleOf(child: ChildProcess): WorkerHandle {
  const stderr = tail(child.stderr)
  child.stdout?.resume()
  let exited: WorkerExit | undefined
  const exitListeners: ((exit: WorkerExit) => void)[] = []
  const finish = (exit: WorkerExit) => {
    if (exited) return
    exited = exit
    for (const listener of exitListeners) listener(exit)
  }
  child.on('close', (code, signal) => finish({ code, signal }))
  child.on('error', (error) => {
    // spawning failed (no 'close' follows), or a send to a closing channel failed (ignored)
    if (child.pid === undefined) finish({ code: null, signal: null })
    void error
  })
  return {
    get pid() {
      return child.pid
    },
    send: (message) => {
      if (child.connected) child.send(message, () => undefined)
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => {
      if (exited) listener(exited)
      else exitListeners.push(listener)
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    },
    stderrTail: stderr,
  }
}

export interface NodeSpawnerOptions {
  script?: WorkerScript
  /** Extra Node options (e.g. --max-old-space-size=4096). */
  execArgv?: string[]
  env?: NodeJS.ProcessEnv
}

export function nodeWorkerSpawner(options: NodeSpawnerOptions = {}): WorkerSpawner {
  const script = options.script ?? trainingWorkerScript()
  return {
    spawn: () =>
      handleOf(
        fork(script.path, [], {
          execArgv: [...script.execArgv, ...(options.execArgv ?? [])],
          env: options.env ?? process.env,
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          serialization: 'json',
        }),
      ),
  }
}
