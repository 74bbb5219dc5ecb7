import { createRequire } from 'node:module'
import type * as ConvNetJsModule from 'convnetjs'
import type { LayerDef } from 'convnetjs'
import {
  type ChildArgs,
  POOL,
  emit,
  measureAndEmit,
  parseChildArgs,
  sampler,
  syntheticPool,
  wanted,
} from './child'

/**
 * ConvNetJS peer of `npm run bench` (child process; see child.ts). ConvNetJS runs one sample at a
 * time: its Trainer with batch_size B accumulates B samples' gradients and then updates with their
 * mean, which is its batch mode. Workloads, as close to bench/workloads.ts as it allows:
 *   dlpy-b1     196-256-128-64-32-32-32-10, ReLU hidden, fc 10 + sigmoid, regression (½Σ(y−t)²), SGD α 0.1
 *   mlp784-b64  784-256-128-64-32-32-32-10, ReLU hidden, softmax cross-entropy, SGD α 0.1, batch 64
 *   lenet5-b64  conv 6@5×5 pad 2, ReLU, max 2×2, conv 16@5×5, ReLU, max 2×2, 400-120-84-10, softmax
 *               cross-entropy, SGD α 0.01 momentum 0.9, batch 64
 * (The autoencoder needs a tied decoder, which ConvNetJS has no layer for.)
 */
type ConvNetJs = typeof ConvNetJsModule
const PEER = 'convnetjs'

const HIDDEN = [256, 128, 64, 32, 32, 32]
const hidden = HIDDEN.map((n) => ({ type: 'fc', num_neurons: n, activation: 'relu' }))

function load(): { cn: ConvNetJs; version: string } | undefined {
  const require = createRequire(import.meta.url)
  try {
    const cn = require('convnetjs') as ConvNetJs
    const version = (require('convnetjs/package.json') as { version: string }).version
    return { cn, version }
  } catch {
    return undefined
  }
}

/** The pool as ConvNetJS volumes (float64), with one-hot targets and labels. */
function pool(cn: ConvNetJs, shape: [number, number, number]) {
  const [sx, sy, depth] = shape
  const { x, t, labels } = syntheticPool(sx * sy * depth)
  const vols = Array.from({ length: POOL }, (_, i) => {
    const v = new cn.Vol(sx, sy, depth, 0)
    v.w.set(x.subarray(i * v.w.length, (i + 1) * v.w.length)) // depth 1: same order as ours
    return v
  })
  const targets = Array.from({ length: POOL }, (_, i) => Array.from(t.subarray(i * 10, i * 10 + 10)))
  return { vols, targets, labels }
}

function trainer(
  cn: ConvNetJs,
  net: InstanceType<ConvNetJs['Net']>,
  lr: number,
  batch: number,
  momentum: number,
) {
  return new cn.Trainer(net, { method: 'sgd', learning_rate: lr, momentum, batch_size: batch, l2_decay: 0 })
}

function run(cn: ConvNetJs, version: string, args: ChildArgs): void {
  const info = { peer: PEER, version, threads: 1 }
  if (wanted(args, 'dlpy-b1')) {
    const net = new cn.Net()
    net.makeLayers([
      { type: 'input', out_sx: 1, out_sy: 1, out_depth: 196 },
      ...hidden,
      { type: 'fc', num_neurons: 10, activation: 'sigmoid' },
      { type: 'regression', num_neurons: 10 },
    ])
    // makeLayers puts a linear fc before every regression layer: drop it, so the loss sees σ outputs.
    net.layers.splice(-2, 1)
    const { vols, targets } = pool(cn, [1, 1, 196])
    const tr = trainer(cn, net, 0.1, 1, 0)
    const next = sampler(1)
    measureAndEmit(
      info,
      'dlpy-b1',
      1,
      () => {
        const i = next()[0]!
        tr.train(vols[i]!, targets[i]!)
        return 1
      },
      args.budget,
    )
  }
  const classify = (
    workload: string,
    defs: LayerDef[],
    shape: [number, number, number],
    lr: number,
    momentum: number,
  ) => {
    if (!wanted(args, workload)) return
    const net = new cn.Net()
    net.makeLayers([...defs, { type: 'softmax', num_classes: 10 }])
    const { vols, labels } = pool(cn, shape)
    const tr = trainer(cn, net, lr, 64, momentum)
    const next = sampler(64)
    measureAndEmit(
      info,
      workload,
      64,
      () => {
        const batch = next()
        for (const i of batch) tr.train(vols[i]!, labels[i]!)
        return batch.length
      },
      args.budget,
    )
  }
  classify(
    'mlp784-b64',
    [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: 784 }, ...hidden],
    [1, 1, 784],
    0.1,
    0,
  )
  classify(
    'lenet5-b64',
    [
      { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
      { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 2, activation: 'relu' },
      { type: 'pool', sx: 2, stride: 2 },
      { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
      { type: 'pool', sx: 2, stride: 2 },
      { type: 'fc', num_neurons: 120, activation: 'relu' },
      { type: 'fc', num_neurons: 84, activation: 'relu' },
    ],
    [28, 28, 1],
    0.01,
    0.9,
  )
  for (const w of ['ae784-b1', 'ae784-b64']) {
    if (wanted(args, w)) emit({ peer: PEER, workload: w, unsupported: 'no tied (W̃ = Wᵗ) decoder layer' })
  }
  emit({
    peer: PEER,
    note:
      'float64 arithmetic, one sample per forward/backward (batch 64 = 64 accumulated gradients, then ' +
      'one mean update), its own initialisation (Gaussian, ReLU biases 0.1)',
  })
}

const loaded = load()
if (!loaded) emit({ peer: PEER, missing: 'peer not installed' })
else run(loaded.cn, loaded.version, parseChildArgs(process.argv.slice(2)))
