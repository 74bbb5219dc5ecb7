import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvaluationFile } from '../../shared/experiment'
import { numpyMatrix } from '../format/matrix'
import { cli, cliProcess } from '../test-support/cli-harness'
import { blobExperiment, writeBlobFolders, writeRgbFolders } from '../test-support/datasets'

/**
 * `dllab train`, `resume`, `eval` and `figures` end to end: real worker processes under the
 * supervisor, on tiny class folders (with files that must be skipped) and on built-in MNIST subsets.
 */
let dir: string
const ws = () => join(dir, 'ws')
const EPOCHS = 150

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-cli-train-'))
  await writeBlobFolders(join(dir, 'blobs', 'train'), 16, 1, true)
  await writeBlobFolders(join(dir, 'blobs', 'test'), 6, 2)
  await writeFile(join(dir, 'exp.json'), JSON.stringify(blobExperiment(EPOCHS)))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const run = (args: string[], onStderr?: (text: string, interrupt: () => void) => void) =>
  cli(args, { cwd: dir, env: { DLLAB_WORKSPACE: ws() }, ...(onStderr ? { onStderr } : {}) })

const runIdOf = (text: string): string => /Run (\d{8}-\d{9}-[0-9a-f]{6})/.exec(text)![1]!

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T

let finishedRun = ''

describe('dllab train, eval and figures on class folders', () => {
  it('trains an experiment file (data relative to it, bad files skipped) and shows its epochs', async () => {
    const result = await run(['train', 'exp.json', '--name', 'whole'])
    expect(result.code, result.stderr).toBe(0)
    finishedRun = runIdOf(result.stderr)
    expect(result.stderr).toContain(`Run ${finishedRun} (whole): `)
    expect(result.stderr).toMatch(
      new RegExp(`epoch ${EPOCHS}/${EPOCHS}  train loss [\\d.e-]+  acc [\\d.]+ %  test loss`),
    )
    const steps = EPOCHS * 32
    expect(result.stdout).toMatch(
      new RegExp(
        `^Run ${finishedRun} finished \\(epoch ${EPOCHS}, step ${steps.toLocaleString('en-US')}\\); test accuracy 100\\.00 % \\(正解数 12 / 12\\)\\.\n`,
      ),
    )
    const metrics = (await readFile(join(ws(), 'runs', finishedRun, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
    expect(metrics).toHaveLength(EPOCHS)
  })

  it('eval --json gives the numbers of evaluation.json; eval prints them as the lecture does', async () => {
    const stored = await readJson<EvaluationFile>(join(ws(), 'runs', finishedRun, 'evaluation.json'))
    const c = stored.classification!
    const json = await run(['eval', finishedRun, '--json'])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({
      accuracy: c.accuracy,
      correct: c.correct,
      total: c.total,
      classes: ['bottom', 'top'],
      confusion: c.confusion,
    })
    expect(c.confusion).toEqual([
      [6, 0],
      [0, 6],
    ])
    const text = await run(['eval', 'latest', '--data', 'blobs/train'])
    expect(text.code).toBe(0)
    expect(text.stdout).toBe(
      `Run ${finishedRun} (weights.npz) on ${join(dir, 'blobs', 'train')}: 32 images, 2 classes\n` +
        'classes: 0=bottom 1=top\n' +
        `\n [混合行列]\n${numpyMatrix([
          [16, 0],
          [0, 16],
        ])}\n\n 正解数 -> 32\n` +
        'accuracy 100.00 % (32 / 32)\n',
    )
    expect(text.stderr).toBe('dllab: 3 unreadable files were skipped\n')
  })

  it('figures writes the loss and accuracy curves, the confusion matrix and the weight tiles', async () => {
    const result = await run(['figures', finishedRun, '--format', 'svg'])
    expect(result.code, result.stderr).toBe(0)
    const folder = join(ws(), 'runs', finishedRun, 'figures')
    expect((await readdir(folder)).sort()).toEqual([
      'accuracy.svg',
      'confusion-matrix.svg',
      'loss.svg',
      'weights-hidden.svg',
    ])
    for (const name of await readdir(folder)) {
      const svg = await readFile(join(folder, name), 'utf8')
      expect(svg.startsWith('<svg'), name).toBe(true)
      expect(svg, name).toContain(finishedRun)
    }
    expect(await readFile(join(folder, 'confusion-matrix.svg'), 'utf8')).toContain('12 / 12')
  })

  it('Ctrl-C checkpoints and stops (exit 130); resume ends with the bytes of the uninterrupted run', async () => {
    let sent = false
    const stopped = await run(['train', 'exp.json', '--name', 'split'], (text, interrupt) => {
      if (!sent && /\nepoch 2\/\d+ {2}train loss/.test(text)) {
        sent = true
        interrupt()
      }
    })
    expect(stopped.code, stopped.stderr + stopped.stdout).toBe(130)
    const id = runIdOf(stopped.stderr)
    expect(stopped.stderr).toContain('Ctrl-C: writing a checkpoint and stopping…')
    expect(stopped.stdout).toMatch(
      new RegExp(
        `^Run ${id} stopped at checkpoint epoch-\\d+(-batch-\\d+)?\\.npz \\(epoch \\d+, step [\\d,]+\\)\\. Continue it with: dllab resume ${id}\n$`,
      ),
    )
    const state = await readJson<{ status: string; step: number }>(join(ws(), 'runs', id, 'state.json'))
    expect(state.status).toBe('cancelled')
    expect(state.step).toBeLessThan(EPOCHS * 32)

    const resumed = await run(['resume', id])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stdout).toContain(`Run ${id} finished (epoch ${EPOCHS}, step 4,800)`)
    const weights = (r: string) => readFile(join(ws(), 'runs', r, 'weights.npz'))
    expect((await weights(id)).equals(await weights(finishedRun))).toBe(true)
  })

  it('a real Ctrl-C to the terminal’s process group stops the CLI and its worker cleanly', async () => {
    let sent = false
    const result = await cliProcess(['train', 'exp.json', '--name', 'signal'], {
      cwd: dir,
      env: { DLLAB_WORKSPACE: ws() },
      detached: true,
      onStderr: (text, child) => {
        if (!sent && /\nepoch 2\/\d+ {2}train loss/.test(text)) {
          sent = true
          process.kill(-child.pid!, 'SIGINT')
        }
      },
    })
    expect(result.code, result.stderr).toBe(130)
    const id = runIdOf(result.stderr)
    expect(result.stdout).toContain(`Continue it with: dllab resume ${id}`)
    const state = await readJson<{ status: string; checkpoint: string }>(join(ws(), 'runs', id, 'state.json'))
    expect(state.status).toBe('cancelled')
    expect((await readdir(join(ws(), 'runs', id, 'checkpoints'))).includes(state.checkpoint)).toBe(true)
  })

  it('names what is wrong with the data before training', async () => {
    const result = await run(['train', 'exp.json', '--data', 'nowhere'])
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n').at(-2)).toMatch(
      /^dllab train: run \S+ failed: DatasetError: Cannot read the training folder .*nowhere: it does not exist/,
    )
    const usage = await run(['train', 'lenet5', '--test', 'blobs/test'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(
      /^dllab train: --test replaces the test folder of class-folder data; this experiment reads mnist data/,
    )
  })
})

describe('dllab on built-in MNIST subsets', () => {
  it("trains AE.py's autoencoder on 3 images per digit; eval and figures show its reconstructions", async () => {
    const result = await run(['train', 'lecture-ae-32', '--per-class', '3', '--epochs', '1', '--seed', '2'])
    expect(result.code, result.stderr).toBe(0)
    const id = runIdOf(result.stderr)
    expect(result.stdout).toMatch(
      /finished \(epoch 1, step 1,000\); test reconstruction error [\d.e-]+ per image \(SSE\)/,
    )
    const stored = (await readJson<EvaluationFile>(join(ws(), 'runs', id, 'evaluation.json'))).reconstruction!
    const json = JSON.parse((await run(['eval', id, '--json'])).stdout) as Record<string, number>
    expect(json).toEqual({
      samples: 30,
      features: 196,
      totalSse: stored.totalSse,
      meanSse: stored.meanSse,
      mse: stored.mse,
    })
    const figures = await run(['figures', id, '--format', 'png', '--out', 'ae-figures'])
    expect(figures.code, figures.stderr).toBe(0)
    const files = (await readdir(join(dir, 'ae-figures'))).sort()
    expect(files).toEqual(['loss.png', 'reconstructions.png', 'weights-hunit.png'])
    const png = await readFile(join(dir, 'ae-figures', 'reconstructions.png'))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
  })

  it('trains LeNet-5 on 3 images per digit; figures draw its filters and feature maps', async () => {
    const result = await run(['train', 'lenet5', '--per-class', '3', '--epochs', '1'])
    expect(result.code, result.stderr).toBe(0)
    const id = runIdOf(result.stderr)
    const evaluation = await readJson<EvaluationFile>(join(ws(), 'runs', id, 'evaluation.json'))
    expect(evaluation.classification!.total).toBe(30)
    const figures = await run(['figures', id, '--format', 'svg'])
    expect(figures.code, figures.stderr).toBe(0)
    expect((await readdir(join(ws(), 'runs', id, 'figures'))).sort()).toEqual([
      'accuracy.svg',
      'confusion-matrix.svg',
      'feature-maps-conv1.svg',
      'loss.svg',
      'weights-conv1.svg',
    ])
  })

  it("trains the CIFAR homework's three channel autoencoders side by side and draws the recombined images", async () => {
    await writeRgbFolders(join(dir, 'rgb', 'train'), 3, 5)
    await writeRgbFolders(join(dir, 'rgb', 'test'), 2, 6)
    const result = await run([
      'train',
      'cifar-per-channel',
      '--data',
      'rgb/train',
      '--test',
      'rgb/test',
      '--epochs',
      '1',
    ])
    expect(result.code, result.stderr).toBe(0)
    const id = runIdOf(result.stderr)
    expect(result.stdout).toMatch(/finished .*; test reconstruction error [\d.e-]+ per image \(SSE\)/)
    const evaluation = await readJson<EvaluationFile>(join(ws(), 'runs', id, 'evaluation.json'))
    const text = await run(['eval', id])
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      'Per-channel autoencoders on the test set (from evaluation.json):',
      `  R: mean SSE ${Number(evaluation.stages!['R']!.reconstruction!.meanSse.toPrecision(4))}, ` +
        `MSE ${Number(evaluation.stages!['R']!.reconstruction!.mse.toPrecision(4))}`,
    ])
    const figures = await run(['figures', id, '--format', 'svg'])
    expect(figures.code, figures.stderr).toBe(0)
    expect((await readdir(join(ws(), 'runs', id, 'figures'))).sort()).toEqual([
      'loss.svg',
      'recombined.svg',
      'weights-B-hunit.svg',
      'weights-G-hunit.svg',
      'weights-R-hunit.svg',
    ])
    const loss = await readFile(join(ws(), 'runs', id, 'figures', 'loss.svg'), 'utf8')
    for (const series of ['R train', 'G test', 'B train']) expect(loss).toContain(series)
  })
})
