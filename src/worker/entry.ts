// The training worker: one file for both hosts. Electron starts it with utilityProcess.fork (built
// as worker.js), Node with child_process.fork (web mode, the CLI, and tests from source through
// `node --import tsx src/worker/entry.ts`). connectParent() finds out which; nothing below it knows.
// The protocol is in src/shared/training/protocol.ts.
import { connectParent } from './parent-channel'
import { WorkerSession } from './worker-session'

const session = new WorkerSession({ parent: connectParent() })
process.on('uncaughtException', (error) => session.crash(error))
process.on('unhandledRejection', (reason) => session.crash(reason))
// Ctrl-C in the terminal reaches the whole process group: the parent decides (it sends 'cancel')
process.on('SIGINT', () => undefined)
// the system is shutting down: checkpoint, then exit
process.on('SIGTERM', () => session.terminate())
session.open()
