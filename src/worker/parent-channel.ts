import type { WorkerMessage } from '../shared/training/protocol'

/**
 * The worker's one link to its parent, whichever host started it:
 *
 *   Electron utilityProcess.fork   process.parentPort: postMessage(msg) / on('message', e => e.data)
 *   Node child_process.fork        process.send(msg, cb) / process.on('message', msg); 'disconnect'
 *                                  when the parent goes away
 *
 * Nothing else in the worker knows which one it is. Messages are plain JSON-able objects (the
 * protocol has no typed arrays), so both hosts carry them alike.
 */
export interface ParentChannel {
  readonly host: 'utility-process' | 'child-process'
  /** Resolves once the message is handed to the host (Node: flushed to the IPC pipe). */
  send(message: WorkerMessage): Promise<void>
  /** Every message the parent sends, unvalidated. */
  onMessage(listener: (raw: unknown) => void): void
  /** The parent went away (Node only: a utility process ends with its parent). */
  onDisconnect(listener: () => void): void
}

/** Electron's process.parentPort, as much of it as the worker uses (no Electron import here). */
export interface ParentPortLike {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown
}

/** The parts of `process` the detection looks at. */
export interface ProcessLike {
  parentPort?: ParentPortLike
  send?: (
    message: unknown,
    sendHandle: undefined,
    options: object,
    callback: (error: Error | null) => void,
  ) => boolean
  connected?: boolean
  on(event: 'message', listener: (message: unknown) => void): unknown
  on(event: 'disconnect', listener: () => void): unknown
}

/** There is no parent to talk to (the entry was started by hand). */
export class NoParentError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

function utilityChannel(port: ParentPortLike): ParentChannel {
  return {
    host: 'utility-process',
    send: async (message) => port.postMessage(message),
    onMessage: (listener) => void port.on('message', (event) => listener(event.data)),
    onDisconnect: () => undefined,
  }
}

function childChannel(proc: ProcessLike): ParentChannel {
  const send = proc.send!.bind(proc)
  return {
    host: 'child-process',
    send: (message) =>
      new Promise<void>((resolve, reject) => {
        if (proc.connected === false) return reject(new NoParentError('the parent process disconnected'))
        send(message, undefined, {}, (error) => (error ? reject(error) : resolve()))
      }),
    onMessage: (listener) => void proc.on('message', listener),
    onDisconnect: (listener) => void proc.on('disconnect', listener),
  }
}

/** Detects the host: a utility process has process.parentPort, a forked child process.send. */
export function connectParent(proc: ProcessLike = process as unknown as ProcessLike): ParentChannel {
  if (proc.parentPort) return utilityChannel(proc.parentPort)
  if (typeof proc.send === 'function') return childChannel(proc)
  throw new NoParentError(
    'the training worker must be started by DL Lab (Electron utilityProcess.fork or Node ' +
      'child_process.fork with an IPC channel); it has no parent to talk to',
  )
}
