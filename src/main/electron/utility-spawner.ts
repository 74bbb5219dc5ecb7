import { type UtilityProcess, utilityProcess } from 'electron'
import type { WorkerExit, WorkerHandle, WorkerSpawner } from '../supervisor'

/**
 * Training workers as Electron utility processes (utilityProcess.fork: a Node child of Chromium's
 * service launcher, messages through process.parentPort). The worker is the same file web mode
 * forks with child_process: src/worker/entry.ts, built as `worker.js` beside out/main/index.js.
 * Electron reports only an exit code; a worker that died of a signal or a V8 fatal error is told
 * apart by the 'error' event and the code.
 */
function handleOf(child: UtilityProcess): WorkerHandle {
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)))
  child.stdout?.resume()
  let fatal: string | undefined
  let exited: WorkerExit | undefined
  const listeners: ((exit: WorkerExit) => void)[] = []
  child.on('error', (type, location) => (fatal = `${type} at ${location}`))
  child.on('exit', (code) => {
    exited = { code, signal: null }
    if (fatal) stderr += `\n${fatal}`
    for (const listener of listeners) listener(exited)
  })
  let alive = true
  child.once('exit', () => (alive = false))
  return {
    get pid() {
      return child.pid
    },
    send: (message) => {
      if (alive) child.postMessage(message)
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => {
      if (exited) listener(exited)
      else listeners.push(listener)
    },
    kill: () => {
      if (alive) child.kill()
    },
    stderrTail: () => stderr,
  }
}

/** `modulePath`: the built worker, e.g. join(import.meta.dirname, 'worker.js') in out/main/index.js. */
export function utilityWorkerSpawner(modulePath: string): WorkerSpawner {
  return {
    spawn: (label) => handleOf(utilityProcess.fork(modulePath, [], { serviceName: label, stdio: 'pipe' })),
  }
}
