import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as TfCore from '@tensorflow/tfjs-core'
import type { Optimizer, Rank, Scalar, Tensor, Tensor4D, Variable } from '@tensorflow/tfjs-core'
import { type ChildArgs, emit, measureAndEmit, parseChildArgs, sampler, syntheticPool, wanted } from './child'

/**
 * TensorFlow.js (tfjs-core + tfjs-backend-wasm) peer of `npm run bench` (child process; see
 * child.ts). The networks are written with tf ops on tf.variable weights and trained by
 * tf.train.sgd / tf.train.momentum's minimize() (tfjs-layers is not a dependency):
 *   dlpy-b1     196-256-128-64-32-32-32-10, ReLU hidden, sigmoid out, SSE ½Σ(y−t)², SGD α 0.1, batch 1
 *   mlp784-b64  784-256-128-64-32-32-32-10, ReLU hidden, softmax cross-entropy (mean), SGD α 0.1
 *   lenet5-b64  conv 6@5×5 pad 2, ReLU, max 2×2, conv 16@5×5, ReLU, max 2×2, 400-120-84-10, softmax
 *               cross-entropy, momentum SGD α 0.01 μ 0.9 — if the backend has the kernels to train it
 * In Node the wasm backend runs on one thread (its threaded build needs cross-origin isolation).
 */
type Tf = typeof TfCore
const PEER = 'tfjs-wasm'

/**
 * tfjs-core's Node bundle registers no gradient functions (the @tensorflow/tfjs umbrella package
 * imports them), and its ES-module sources use extensionless imports Node cannot load: esbuild
 * (tsx's own dependency) bundles dist/register_all_gradients.js into a CommonJS file, which registers
 * the gradients in tfjs's global registry, where the engine of the Node bundle finds them.
 */
async function registerGradients(): Promise<void> {
  const require = createRequire(import.meta.url)
  const { build } = await import('esbuild')
  const dir = mkdtempSync(join(tmpdir(), 'dllab-tfjs-'))
  const outfile = join(dir, 'register-all-gradients.cjs')
  try {
    await build({
      entryPoints: [require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js')],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      outfile,
      logLevel: 'silent',
    })
    require(outfile)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function load(): Promise<Tf | undefined> {
  let tf: Tf
  try {
    tf = await import('@tensorflow/tfjs-core')
    await import('@tensorflow/tfjs-backend-wasm')
  } catch {
    return undefined
  }
  await registerGradients()
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not initialise')
  return tf
}

/** He-uniform bound √(6 / fan-in). */
const a = (fanIn: number): number => Math.sqrt(6 / fanIn)

/** Dense layers [inputs, …sizes] with He-uniform weights (bias 0), as variables. */
function denseStack(tf: Tf, sizes: readonly number[]): { w: Variable; b: Variable }[] {
  return sizes.slice(1).map((n, i) => ({
    w: tf.variable(tf.randomUniform([sizes[i]!, n], -a(sizes[i]!), a(sizes[i]!), 'float32', 1 + i)),
    b: tf.variable(tf.zeros([n])),
  }))
}

/** x·W + b through the stack, ReLU on every layer but the last. */
function forwardDense(tf: Tf, layers: { w: Variable; b: Variable }[], x: Tensor): Tensor {
  let h = x
  layers.forEach(({ w, b }, i) => {
    h = tf.add(tf.matMul(h, w), b)
    if (i < layers.length - 1) h = tf.relu(h)
  })
  return h
}

interface Trainable {
  workload: string
  features: number[] // per-sample input shape (NHWC for images)
  batch: number
  loss: (x: Tensor, t: Tensor) => Tensor
  optimizer: Optimizer
}

function stepOf(tf: Tf, w: Trainable): () => number {
  const size = w.features.reduce((a, b) => a * b, 1)
  const { x, t } = syntheticPool(size)
  const next = sampler(w.batch)
  const xb = new Float32Array(w.batch * size)
  const tb = new Float32Array(w.batch * 10)
  return () => {
    const batch = next()
    batch.forEach((s, r) => {
      xb.set(x.subarray(s * size, (s + 1) * size), r * size)
      tb.set(t.subarray(s * 10, s * 10 + 10), r * 10)
    })
    tf.tidy(() => {
      const xs = tf.tensor(xb, [w.batch, ...w.features])
      const ts = tf.tensor2d(tb, [w.batch, 10])
      w.optimizer.minimize(() => w.loss(xs, ts) as Scalar)
    })
    return batch.length
  }
}

function leNet5(tf: Tf): Trainable {
  const conv = (k: number, cin: number, cout: number, seed: number): Variable<Rank.R4> =>
    tf.variable(
      tf.randomUniform([k, k, cin, cout], -a(k * k * cin), a(k * k * cin), 'float32', seed),
    ) as Variable<Rank.R4>
  const c1 = conv(5, 1, 6, 11)
  const c2 = conv(5, 6, 16, 12)
  const b1 = tf.variable(tf.zeros([6]))
  const b2 = tf.variable(tf.zeros([16]))
  const dense = denseStack(tf, [400, 120, 84, 10])
  return {
    workload: 'lenet5-b64',
    features: [28, 28, 1],
    batch: 64,
    optimizer: tf.train.momentum(0.01, 0.9),
    loss: (x, t) => {
      let h = tf.relu(
        tf.add(
          tf.conv2d(x as Tensor4D, c1, 1, [
            [0, 0],
            [2, 2],
            [2, 2],
            [0, 0],
          ]),
          b1,
        ),
      )
      h = tf.maxPool(h as Tensor4D, 2, 2, 'valid')
      h = tf.relu(tf.add(tf.conv2d(h as Tensor4D, c2, 1, 'valid'), b2))
      h = tf.maxPool(h as Tensor4D, 2, 2, 'valid')
      return tf.losses.softmaxCrossEntropy(t, forwardDense(tf, dense, tf.reshape(h, [64, 400])))
    },
  }
}

function workloads(tf: Tf): Trainable[] {
  const dlpy = denseStack(tf, [196, 256, 128, 64, 32, 32, 32, 10])
  const mlp = denseStack(tf, [784, 256, 128, 64, 32, 32, 32, 10])
  return [
    {
      workload: 'dlpy-b1',
      features: [196],
      batch: 1,
      optimizer: tf.train.sgd(0.1),
      loss: (x, t) => tf.mul(0.5, tf.sum(tf.square(tf.sub(tf.sigmoid(forwardDense(tf, dlpy, x)), t)))),
    },
    {
      workload: 'mlp784-b64',
      features: [784],
      batch: 64,
      optimizer: tf.train.sgd(0.1),
      loss: (x, t) => tf.losses.softmaxCrossEntropy(t, forwardDense(tf, mlp, x)),
    },
    leNet5(tf),
  ]
}

async function run(tf: Tf, args: ChildArgs): Promise<void> {
  const info = { peer: PEER, version: tf.version_core, threads: 1 }
  for (const w of workloads(tf)) {
    if (!wanted(args, w.workload)) continue
    const step = stepOf(tf, w)
    try {
      step() // a first step, so a missing kernel shows before the timing starts
    } catch (error) {
      emit({ peer: PEER, workload: w.workload, unsupported: (error as Error).message.split('\n')[0] })
      continue
    }
    measureAndEmit(info, w.workload, w.batch, step, args.budget)
  }
  for (const w of ['ae784-b1', 'ae784-b64']) {
    if (wanted(args, w)) emit({ peer: PEER, workload: w, unsupported: 'not written for this peer' })
  }
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT')
  emit({
    peer: PEER,
    note: `float32, ops on tf.variable weights, He-uniform init; wasm SIMD ${simd ? 'on' : 'off'}`,
  })
}

const tf = await load()
if (!tf) emit({ peer: PEER, missing: 'peer not installed' })
else await run(tf, parseChildArgs(process.argv.slice(2)))
