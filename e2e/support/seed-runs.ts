import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { EvaluationFile } from '../../src/shared/experiment'
import { test as base } from './fixtures'

/**
 * Finished runs in the e2e home's workspace, trained by the CLI from source before the web server
 * starts (`node --import tsx src/cli/main.ts train EXPERIMENT --workspace DIR`), as a student's
 * earlier work would be: a small convolutional classifier and a dense autoencoder, both on built-in
 * MNIST with a few images per class, 2 epochs, seed 1. The two train in parallel.
 */
export interface SeededRun {
  runId: string
  name: string
  evaluation: EvaluationFile
}

export interface SeededRuns {
  workspace: string
  classifier: SeededRun
  autoencoder: SeededRun
}

const root = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

/** The default workspace of the e2e server: <home>/DL Lab (the home has no Documents folder). */
export const workspaceOf = (home: string) => join(home, 'DL Lab')

const mnist = (perClass: number, testPerClass: number) => ({
  source: { kind: 'mnist' },
  preprocess: { colour: 'grey', scale: 'unit' },
  perClassLimit: perClass,
  testPerClassLimit: testPerClass,
})

export const classifierExperiment = {
  format: 'dllab.experiment/1',
  name: 'e2e digits',
  data: mnist(30, 10),
  model: {
    format: 'dllab.model/1',
    name: 'tiny-cnn',
    input: { channels: 1, height: 28, width: 28 },
    layers: [
      { type: 'conv2d', name: 'conv1', filters: 4, kernel: 5, stride: 1, padding: 2, activation: 'relu' },
      { type: 'pool2d', name: 'pool1', mode: 'max', size: 2, stride: 2 },
      { type: 'flatten' },
      { type: 'dense', name: 'out', units: 10 },
    ],
  },
  task: { kind: 'classify' },
  training: {
    epochs: 2,
    batchSize: 10,
    loss: 'softmax-cross-entropy',
    optimizer: { name: 'adam', lr: 0.003 },
    seed: 1,
  },
}

export const autoencoderExperiment = {
  format: 'dllab.experiment/1',
  name: 'e2e autoencoder',
  data: mnist(30, 5),
  model: {
    format: 'dllab.model/1',
    name: 'tiny-ae',
    input: { features: 784 },
    layers: [
      { type: 'dense', name: 'enc', units: 16, activation: 'sigmoid' },
      { type: 'dense', name: 'dec', units: 784, activation: 'sigmoid' },
    ],
  },
  task: { kind: 'autoencode' },
  training: { epochs: 2, batchSize: 10, loss: 'mse', optimizer: { name: 'adam', lr: 0.01 }, seed: 1 },
}

/** Trains one experiment with the CLI; the run's id is the one it prints ("Run <id> finished"). */
async function train(home: string, experiment: { name: string }, file: string): Promise<SeededRun> {
  const path = join(home, 'experiments', file)
  await mkdir(join(home, 'experiments'), { recursive: true })
  await writeFile(path, JSON.stringify(experiment, null, 2))
  const workspace = workspaceOf(home)
  const { stdout, stderr } = await run(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'train', path, '--workspace', workspace],
    { cwd: root, env: { ...process.env, HOME: home, DLLAB_HOME: home }, timeout: 150_000 },
  )
  const runId = /Run (\d{8}-\d{9}-[0-9a-f]{6}) finished/.exec(stdout)?.[1]
  if (!runId) throw new Error(`dllab train ${file} did not finish a run:\n${stdout}\n${stderr}`)
  const evaluation = JSON.parse(
    await readFile(join(workspace, 'runs', runId, 'evaluation.json'), 'utf8'),
  ) as EvaluationFile
  return { runId, name: experiment.name, evaluation }
}

export async function seedRuns(home: string): Promise<SeededRuns> {
  const workspace = workspaceOf(home)
  await mkdir(workspace, { recursive: true })
  const [classifier, autoencoder] = await Promise.all([
    train(home, classifierExperiment, 'e2e-digits.json'),
    train(home, autoencoderExperiment, 'e2e-autoencoder.json'),
  ])
  const runs = await readdir(join(workspace, 'runs'))
  if (!runs.includes(classifier.runId) || !runs.includes(autoencoder.runId)) {
    throw new Error(`the seeded runs are not in ${workspace}/runs: ${runs.join(', ')}`)
  }
  return { workspace, classifier, autoencoder }
}

/**
 * The app fixtures with the seeded runs in the home's workspace. They are trained once per worker,
 * before the first server of the worker starts (the server fixture depends on them).
 */
export const test = base.extend<object, { seeded: SeededRuns }>({
  seeded: [async ({ home }, use) => use(await seedRuns(home)), { scope: 'worker', timeout: 180_000 }],
  server: async ({ seeded, server }, use) => {
    void seeded
    await use(server)
  },
})

export { expect } from './fixtures'
