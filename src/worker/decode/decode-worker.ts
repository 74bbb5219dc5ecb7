/**
 * Entry of a decode worker thread (worker_threads): runs the tasks the pool sends, one at a time, and
 * answers each with its result (see protocol.ts). Files are read synchronously: this thread does
 * nothing else, and a blocking read of a small file is cheaper than a trip through libuv's pool.
 */
import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { jpegWasmDecoder } from '../../main/services/datasets/decode-fast'
import { runDecodeTask } from './decode-task'
import { PROGRESS_EVERY, type TaskMessage, type WorkerMessage } from './protocol'

const port = parentPort
if (!port) throw new Error('decode-worker: must run in a worker thread (worker_threads), not as a script')

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)
const read = (path: string) => {
  const b = readFileSync(path)
  return new Uint8Array(b.buffer, b.byteOffset, b.length)
}

// Tasks run strictly one after another, in arrival order.
let queue = Promise.resolve()
port.on('message', (message: TaskMessage) => {
  queue = queue.then(() => run(message))
})

async function run({ id, task, preprocess }: TaskMessage): Promise<void> {
  try {
    const result = await runDecodeTask(task, preprocess, read, (done) => {
      if (done % PROGRESS_EVERY === 0) post({ type: 'progress', id, done })
    })
    post({ type: 'result', id, result }, [result.data.buffer as ArrayBuffer])
  } catch (error) {
    post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) })
  }
}

await jpegWasmDecoder()
post({ type: 'ready' })
