import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvaluationFile } from '../../shared/experiment'
import { nodeWorkerSpawner, Supervisor } from '../../main/supervisor'
import { blobClassifier, writeBlobIdx } from '../../main/supervisor/test-support/blob-data'
import { cli } from '../test-support/cli-harness'

let dir: string
let runId: string
const ws = () => join(dir, 'ws')

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-cli-report-'))
  const files = await writeBlobIdx(join(dir, 'data'))
  const supervisor = new Supervisor({ spawner: nodeWorkerSpawner(), workspace: ws, concurrency: 1 })
  runId = (await supervisor.start(blobClassifier(files, { epochs: 2 }), { name: 'ブロブ <b>' })).runId
  expect(await supervisor.settled(runId)).toMatchObject({ status: 'finished' })
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('dllab report', () => {
  it('writes the HTML folder the app exports, in the language asked for', async () => {
    const result = await cli(['report', 'latest', '--out', 'reports', '--lang', 'ja'], {
      cwd: dir,
      env: { DLLAB_WORKSPACE: ws() },
    })
    expect(result.code, result.stderr).toBe(0)
    const folder = join(dir, 'reports', 'ブロブ -b-report')
    expect(result.stdout).toBe(`Wrote the report of run ${runId} to ${folder}\n`)
    const html = await readFile(join(folder, 'index.html'), 'utf8')
    const evaluation = JSON.parse(
      await readFile(join(ws(), 'runs', runId, 'evaluation.json'), 'utf8'),
    ) as EvaluationFile
    expect(html).toContain(`精度: ${(evaluation.classification!.accuracy * 100).toFixed(2)} %`)
    expect(html).toContain('<h1>ブロブ &lt;b&gt;</h1>')
    expect(html).toContain('DL Lab 0.0.0-test')
    expect((await readdir(join(folder, 'figures'))).sort()).toEqual(
      expect.arrayContaining(['accuracy.png', 'accuracy.svg', 'confusion-matrix.png', 'loss.svg']),
    )
  })

  it('refuses an unknown language', async () => {
    const result = await cli(['report', 'latest', '--lang', 'fr'], {
      cwd: dir,
      env: { DLLAB_WORKSPACE: ws() },
    })
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain("--lang must be en or ja, got 'fr'")
  })
})
