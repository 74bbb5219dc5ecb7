import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildConfusionMatrixSvg, buildLineChartSvg } from '../../../shared/figures'
import { renderPng } from './render-png'
import { writeFigures } from './write-figures'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dllab-figures-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const loss = buildLineChartSvg({
  series: [
    {
      name: 'train',
      points: [
        { x: 1, y: 1 },
        { x: 2, y: 0.5 },
      ],
    },
  ],
})
const confusion = buildConfusionMatrixSvg({
  matrix: [
    [3, 1],
    [0, 4],
  ],
  classes: ['a', 'b'],
})

describe('writeFigures', () => {
  it('writes {name}.svg as built and {name}.png as renderPng gives it, and nothing else', async () => {
    const written = await writeFigures(
      join(folder, 'figures'),
      [
        { name: 'loss', svg: loss },
        { name: 'confusion-matrix', svg: confusion },
      ],
      { scale: 2 },
    )
    expect(written.map((p) => p.slice(folder.length + 1))).toEqual([
      'figures/loss.svg',
      'figures/loss.png',
      'figures/confusion-matrix.svg',
      'figures/confusion-matrix.png',
    ])
    expect((await readdir(join(folder, 'figures'))).sort()).toEqual([
      'confusion-matrix.png',
      'confusion-matrix.svg',
      'loss.png',
      'loss.svg',
    ])
    expect(await readFile(join(folder, 'figures', 'loss.svg'), 'utf8')).toBe(loss)
    const png = await readFile(join(folder, 'figures', 'confusion-matrix.png'))
    expect(png.equals(await renderPng(confusion, { scale: 2 }))).toBe(true)
    const meta = await sharp(png).metadata()
    expect([meta.width, meta.height]).toEqual([
      2 * Number(/width="(\d+)"/.exec(confusion)![1]),
      2 * Number(/height="(\d+)"/.exec(confusion)![1]),
    ])
  })

  it('writes only the formats asked for and replaces older files', async () => {
    await writeFile(join(folder, 'loss.svg'), 'old')
    await writeFigures(folder, [{ name: 'loss', svg: loss }], { formats: ['svg'] })
    expect(await readdir(folder)).toEqual(['loss.svg'])
    expect(await readFile(join(folder, 'loss.svg'), 'utf8')).toBe(loss)
  })

  it('refuses unusable or duplicate names and unknown formats before writing anything', async () => {
    for (const name of ['../escape', 'a/b', '', '.hidden', 'trailing.']) {
      await expect(writeFigures(folder, [{ name, svg: loss }])).rejects.toThrow('is not a usable file name')
    }
    await expect(
      writeFigures(folder, [
        { name: 'x', svg: loss },
        { name: 'x', svg: loss },
      ]),
    ).rejects.toThrow("two figures are named 'x'")
    await expect(writeFigures(folder, [{ name: 'x', svg: loss }], { formats: [] })).rejects.toThrow(
      'no format',
    )
    await expect(
      writeFigures(folder, [{ name: 'x', svg: loss }], { formats: ['pdf' as 'svg'] }),
    ).rejects.toThrow("unknown format 'pdf'")
    expect(await readdir(folder)).toEqual([])
  })
})
