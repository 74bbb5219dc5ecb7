import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../src/cli/test-support/cli-harness'

/**
 * The lecture's weights, both ways, proven with the lecture's own program: dl_predict.py (beside this
 * file) is DL.py transcribed — the network, Read_data, Train and Predict — run by Debian's python3
 * with NumPy and Pillow on the JPEG folders `dllab export-mnist` writes.
 *
 *   DL.py → DL Lab   DL.py trains (seeded) and saves dat/BP-*.npz; `dllab import-lecture` makes a run
 *                    of them; `dllab eval --json` on the same test images gives DL.py's confusion matrix
 *   DL Lab → DL.py   `dllab train lecture-dl` trains here; `dllab export-lecture` writes dat/BP-*.npz;
 *                    DL.py's Predict() loads them and prints the confusion matrix `dllab eval` prints
 *
 * Needs /usr/bin/python3 with numpy and PIL (Debian: python3-numpy, python3-pil); without them it fails.
 */
const PYTHON = '/usr/bin/python3'
const SCRIPT = fileURLToPath(new URL('dl_predict.py', import.meta.url))
const PER_CLASS = 30
const run = promisify(execFile)

let dir: string
const ws = () => join(dir, 'ws')
const dllab = (...args: string[]) => cli(args, { cwd: dir, env: { DLLAB_WORKSPACE: ws() } })

interface PythonResult {
  confusion: number[][]
  correct: number
}

/** Runs DL.py with `mode` in `root` (which holds mnist/ and dat/); returns its stdout. */
async function dlPy(root: string, mode: 't' | 'p', ...extra: string[]): Promise<string> {
  const { stdout } = await run(
    PYTHON,
    [SCRIPT, mode, '--root', root, '--train-num', String(PER_CLASS), ...extra],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  )
  return stdout
}

/** Predicted-class column sums: a network that answers one class for everything proves little. */
const predictedClasses = (confusion: number[][]) =>
  confusion[0]!.map((_, j) => confusion.reduce((s, row) => s + row[j]!, 0)).filter((n) => n > 0).length

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-lecture-'))
  const exported = await dllab('export-mnist', join('lecture', 'mnist'), '--per-class', String(PER_CLASS))
  expect(exported.code, exported.stderr).toBe(0)
  await mkdir(join(dir, 'lecture', 'dat'))
  await mkdir(join(dir, 'here', 'dat'), { recursive: true })
  await symlink(join(dir, 'lecture', 'mnist'), join(dir, 'here', 'mnist'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe("the lecture's DL.py and DL Lab read each other's weights", () => {
  it('weights trained by DL.py, imported, give the confusion matrix of its Predict()', async () => {
    const root = join(dir, 'lecture')
    const training = await dlPy(root, 't', '--epoch', '3', '--seed', '1')
    expect(training.trim().split('\n')).toHaveLength(3) // "e -> error" per epoch
    const printed = await dlPy(root, 'p', '--json', join(dir, 'python.json'))
    const python = JSON.parse(await readFile(join(dir, 'python.json'), 'utf8')) as PythonResult
    expect(printed).toContain(`正解数 -> ${python.correct}`)
    expect(predictedClasses(python.confusion)).toBeGreaterThanOrEqual(3)

    const imported = await dllab('import-lecture', join('lecture', 'dat'), '--preset', 'lecture-dl')
    expect(imported.code, imported.stderr).toBe(0)
    const id = /into run (\S+) /.exec(imported.stdout)![1]!
    const evaluated = await dllab('eval', id, '--data', join('lecture', 'mnist', 'test'), '--json')
    expect(evaluated.code, evaluated.stderr).toBe(0)
    const here = JSON.parse(evaluated.stdout) as PythonResult & { total: number; accuracy: number }
    expect(here.confusion).toEqual(python.confusion)
    expect(here.correct).toBe(python.correct)
    expect(here.total).toBe(10 * PER_CLASS)
    expect(here.accuracy).toBeCloseTo(python.correct / (10 * PER_CLASS), 12)

    const text = await dllab('eval', id, '--data', join('lecture', 'mnist', 'test'))
    const lectureTail = printed.slice(printed.indexOf('\n [混合行列]'))
    expect(text.stdout).toContain(lectureTail)
  })

  it('weights trained here, exported, give DL.py’s Predict() the confusion matrix of dllab eval', async () => {
    const trained = await dllab(
      'train',
      'lecture-dl',
      '--data',
      join('lecture', 'mnist', 'train'),
      '--test',
      join('lecture', 'mnist', 'test'),
      '--epochs',
      '1',
      '--seed',
      '1',
    )
    expect(trained.code, trained.stderr).toBe(0)
    const id = /Run (\S+) finished/.exec(trained.stdout)![1]!
    const exported = await dllab('export-lecture', id, join('here', 'dat'))
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stdout).toBe(
      `Wrote 7 files (float64) to ${join(dir, 'here', 'dat')}: BP-hunit1.npz, BP-hunit2.npz, BP-hunit3.npz, ` +
        'BP-hunit4.npz, BP-hunit5.npz, BP-hunit6.npz, BP-out.npz\n',
    )
    await dlPy(join(dir, 'here'), 'p', '--json', join(dir, 'here.json'))
    const python = JSON.parse(await readFile(join(dir, 'here.json'), 'utf8')) as PythonResult

    const evaluated = await dllab('eval', id, '--json')
    const here = JSON.parse(evaluated.stdout) as PythonResult
    expect(python.confusion).toEqual(here.confusion)
    expect(python.correct).toBe(here.correct)
    // After one epoch this seed's network has stalled, as the lecture warns 8 layers often do: its
    // sigmoid outputs saturate and several round to exactly 1 in float32. eval scores them in float64
    // as NumPy does (src/cli/runs/class-scores.ts), so DL.py and dllab still agree image for image.
    expect(here.correct).toBe(python.correct)

    const again = await dllab('export-lecture', id, join('here', 'dat'))
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(
      /^dllab export-lecture: 7 of the files exist already .*; choose another folder or allow overwriting\n$/,
    )
  })

  it('a dat folder that lacks files or holds another network is refused with the file named', async () => {
    const empty = await dllab('import-lecture', 'here')
    expect(empty.code).toBe(1)
    expect(empty.stderr).toBe(
      `dllab import-lecture: ${join(dir, 'here')} lacks BP-hunit1.npz, BP-hunit2.npz, BP-hunit3.npz, ` +
        'BP-hunit4.npz, BP-hunit5.npz, BP-hunit6.npz, BP-out.npz; the lecture’s program writes '.replace(
          '’',
          "'",
        ) +
        'BP-hunit1.npz, BP-hunit2.npz, BP-hunit3.npz, BP-hunit4.npz, BP-hunit5.npz, BP-hunit6.npz, BP-out.npz ' +
        'into its dat folder when it trains\n',
    )
    const wrong = await dllab('import-lecture', join('lecture', 'dat'), '--preset', 'lecture-ae-32')
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(
      /^dllab import-lecture: .* lacks BP-hunit\.npz; the lecture's program writes/,
    )
  })
})
