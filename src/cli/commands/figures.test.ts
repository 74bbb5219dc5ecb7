import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderPng } from '../../main/services/figures'
import type { RunFolder } from '../../main/services/runs'
import {
  denseAutoencoderModel,
  tinyExperiment,
  tinyRun,
} from '../../main/services/results/test-support/tiny-runs'
import { writeBlobIdx } from '../../main/supervisor/test-support/blob-data'
import { cli } from '../test-support/cli-harness'

/**
 * `dllab figures --lang`: the option in the help, a language it does not know refused as a usage
 * error, English by default and Japanese on request (titles, column headers, axes), each PNG the
 * rendering of its SVG. The run is a tiny dense autoencoder (its first layer is "code") on the 8×8 blob images.
 */
let dir: string
let run: RunFolder
const ws = () => join(dir, 'ws')
const figures = (...args: string[]) =>
  cli(['figures', run.id, ...args], { cwd: dir, env: { DLLAB_WORKSPACE: ws() } })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-cli-figures-'))
  const files = await writeBlobIdx(join(dir, 'data'))
  run = await tinyRun(ws(), tinyExperiment(files, denseAutoencoderModel, { kind: 'autoencode' }, 2))
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('dllab figures --lang', () => {
  it('is in the help, with its default and an example', async () => {
    const help = await cli(['figures', '--help'], { cwd: dir })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(
      /^Usage: dllab figures RUN \[--out DIR\] \[--format png\|svg\] \[--lang en\|ja\]/,
    )
    expect(help.stdout).toMatch(/--lang en\|ja +the language of the figures’ text \(default en\)/)
    expect(help.stdout).toContain('  dllab figures latest --lang ja\n')
  })

  it('refuses a language it does not draw, before writing anything', async () => {
    const result = await figures('--lang', 'fr', '--out', 'fr')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("dllab figures: --lang must be en or ja, got 'fr'")
    await expect(readdir(join(dir, 'fr'))).rejects.toThrow(/ENOENT/)
  })

  it('writes English by default and Japanese with --lang ja; each PNG renders its SVG', async () => {
    expect((await figures('--out', 'en', '--format', 'svg')).code).toBe(0)
    const written = await figures('--out', 'ja', '--lang', 'ja')
    expect(written.code, written.stderr).toBe(0)
    const names = ['loss', 'reconstructions', 'weights-code']
    expect((await readdir(join(dir, 'ja'))).sort()).toEqual(names.flatMap((n) => [`${n}.png`, `${n}.svg`]))
    const svg = async (lang: string, name: string) => readFile(join(dir, lang, `${name}.svg`), 'utf8')

    const en = await svg('en', 'reconstructions')
    expect(en).toContain('<title>Original | reconstruction</title>')
    for (const header of ['Original', 'Reconstruction']) expect(en).toContain(`>${header}</text>`)
    const ja = await svg('ja', 'reconstructions')
    expect(ja).toContain('<title>元画像 | 再構成</title>')
    for (const header of ['元画像', '再構成']) expect(ja).toContain(`>${header}</text>`)
    expect(ja).toContain(`${run.id} · 乱数シード 7</text>`)
    expect(await svg('ja', 'weights-code')).toContain('<title>code の重み</title>')
    const loss = await svg('ja', 'loss')
    const lossName = (await run.readExperiment()).training.loss
    expect(loss).toContain(`<title>サンプルあたりの誤差（${lossName}）</title>`)
    expect(loss).not.toMatch(/>[A-Za-z]{4,}</)

    for (const name of names) {
      const png = await readFile(join(dir, 'ja', `${name}.png`))
      expect(png.equals(await renderPng(await svg('ja', name))), name).toBe(true)
    }
  })
})
