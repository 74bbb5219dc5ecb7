import { CONTROL, OP_STOP, TEAM_OPS } from '../../engine/kernels/parallel/team'

/**
 * The code of one helper thread of the kernel pool, run by `new Worker(THREAD_SOURCE, { eval: true })`.
 * It is a string, not a file, so no bundler has to emit a separate worker entry (the training worker
 * is bundled into out/node and out/main), and plain CommonJS, so it needs no TypeScript loader.
 *
 * workerData: { module, memory, control, helper } — the compiled shared-memory kernel module, the
 * shared WebAssembly.Memory, the control block's SharedArrayBuffer and this thread's slot (1 …).
 * The thread instantiates the module over the memory, says 'ready', then loops: sleep on its slot's
 * SEQ (Atomics.wait), call the export its slot names with the slot's arguments, decrement PENDING and
 * wake the caller when it was the last. OP_STOP ends the loop and the thread. Layout: team.ts.
 */
export const THREAD_SOURCE = `'use strict'
const { workerData, parentPort } = require('node:worker_threads')
const { module, memory, control, helper } = workerData
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports
const ops = ${JSON.stringify(TEAM_OPS)}.map((name) => exports[name])
const ctl = new Int32Array(control)
const slot = ${CONTROL.HEADER} + (helper - 1) * ${CONTROL.SLOT}
const seqAt = slot + ${CONTROL.SEQ}
parentPort.postMessage('ready')
let seen = 0
for (;;) {
  Atomics.wait(ctl, seqAt, seen)
  const seq = Atomics.load(ctl, seqAt)
  if (seq === seen) continue
  seen = seq
  const op = Atomics.load(ctl, slot + ${CONTROL.OP})
  if (op === ${OP_STOP}) break
  const count = ctl[slot + ${CONTROL.COUNT}]
  try {
    ops[op - 1](...ctl.subarray(slot + ${CONTROL.ARGS}, slot + ${CONTROL.ARGS} + count))
  } catch {
    Atomics.compareExchange(ctl, ${CONTROL.FAILED}, 0, helper + 1)
  }
  if (Atomics.sub(ctl, ${CONTROL.PENDING}, 1) === 1) Atomics.notify(ctl, ${CONTROL.PENDING})
}
`
