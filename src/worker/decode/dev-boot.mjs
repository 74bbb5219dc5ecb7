// Starts a TypeScript worker entry when the app runs from source (vitest, tsx): registers tsx's
// loader in this worker thread, then imports the entry named in workerData. Built apps load the
// compiled entry directly and never use this file.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
