import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import {
  buildConfusionMatrixSvg,
  buildConvFilterTilesSvg,
  buildDenseWeightTilesSvg,
  buildFeatureMapsSvg,
  buildImageTilesSvg,
  buildLineChartSvg,
  buildRecombinationSvg,
  buildReconstructionSvg,
} from '../../../shared/figures'
import { svgDocument, text } from '../../../shared/figures/svg'
import { FigureRenderError, PNG_SCALES, renderPng, svgSize } from './render-png'

const grey = (h: number, w: number, f: (i: number) => number) => ({
  channels: 1 as const,
  height: h,
  width: w,
  data: Float32Array.from({ length: h * w }, (_, i) => f(i)),
})

/** One of every figure, with Japanese labels and a class name that needs escaping. */
const FIGURES: Record<string, string> = {
  'line-chart': buildLineChartSvg({
    title: '学習曲線',
    xLabel: 'エポック',
    yLabel: '損失',
    series: [{ name: '<cat & "dog">', points: [1, 2, 3].map((x) => ({ x, y: 1 / x })) }],
    fingerprint: { runId: 'run', seed: 1 },
  }),
  'confusion-matrix': buildConfusionMatrixSvg({
    matrix: [
      [5, 1],
      [2, 7],
    ],
    classes: ['<cat & "dog">', 'ねこ'],
    title: '混合行列',
    labels: { correct: '正解数' },
  }),
  'weight-tiles': buildDenseWeightTilesSvg({
    weights: Float32Array.from({ length: 16 * 3 }, (_, i) => Math.sin(i)),
    inputs: 16,
    units: 3,
    image: { channels: 1, height: 4, width: 4 },
  }),
  'filter-tiles': buildConvFilterTilesSvg({
    weights: Float32Array.from({ length: 2 * 3 * 9 }, (_, i) => Math.cos(i)),
    filters: 2,
    channels: 3,
    kernelHeight: 3,
    kernelWidth: 3,
  }),
  'image-tiles': buildImageTilesSvg({ tiles: [grey(3, 3, (i) => i)], labels: ['0'] }),
  reconstruction: buildReconstructionSvg({
    original: [grey(4, 4, (i) => i / 15)],
    reconstruction: [grey(4, 4, (i) => 1 - i / 15)],
    noisy: [grey(4, 4, (i) => (i % 2) / 1)],
  }),
  recombination: buildRecombinationSvg({
    original: [
      { channels: 3, height: 2, width: 2, data: Float32Array.from({ length: 12 }, (_, i) => i / 11) },
    ],
    channelOutputs: [[grey(2, 2, () => 0.2), grey(2, 2, () => 0.5), grey(2, 2, () => 0.9)]],
  }),
  'feature-maps': buildFeatureMapsSvg({
    maps: Float32Array.from({ length: 4 * 25 }, (_, i) => i % 7),
    channels: 4,
    height: 5,
    width: 5,
  }),
}

async function pixels(
  png: Buffer,
): Promise<{ width: number; height: number; data: Buffer; channels: number }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, data, channels: info.channels }
}

describe('renderPng', () => {
  it.each(Object.keys(FIGURES))('renders %s at 1×, 2× and 3× with the right pixel sizes', async (name) => {
    const svg = FIGURES[name]
    const { width, height } = svgSize(svg)
    for (const scale of PNG_SCALES) {
      const meta = await sharp(await renderPng(svg, { scale })).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['png', width * scale, height * scale])
    }
  })

  it('is deterministic', async () => {
    const svg = FIGURES['confusion-matrix']
    expect((await renderPng(svg, { scale: 2 })).equals(await renderPng(svg, { scale: 2 }))).toBe(true)
  })

  it('keeps pixels crisp (nearest neighbour) when tiles are scaled, at every PNG scale', async () => {
    // A 1 × 2 tile, black | white, shown 16× as 32 × 16 px.
    const svg = buildImageTilesSvg({ tiles: [grey(1, 2, (i) => i)], scale: 16 })
    const at = /<image x="(\d+)" y="(\d+)" width="32" height="16"/.exec(svg)!
    const [x0, y0] = [Number(at[1]), Number(at[2])]
    for (const scale of PNG_SCALES) {
      const img = await pixels(await renderPng(svg, { scale }))
      const row = y0 * scale + 8 * scale
      const values: number[] = []
      for (let x = 1; x < 32 * scale - 1; x++)
        values.push(img.data[(row * img.width + x0 * scale + x) * img.channels])
      expect(values.slice(0, 16 * scale - 2).every((v) => v === 0)).toBe(true)
      expect(values.slice(16 * scale).every((v) => v === 255)).toBe(true)
    }
  })

  it('renders Japanese text with real glyphs (fonts-noto-cjk), not identical fallback boxes', async () => {
    const glyph = async (ch: string): Promise<Buffer> =>
      (
        await pixels(
          await renderPng(svgDocument({ width: 40, height: 40, body: text(4, 32, ch, { size: 32 }) })),
        )
      ).data
    const [gaku, shu] = await Promise.all([glyph('学'), glyph('習')])
    const dark = (d: Buffer): number => d.filter((v, i) => i % 3 === 0 && v < 128).length
    expect(dark(gaku)).toBeGreaterThan(50)
    expect(dark(shu)).toBeGreaterThan(50)
    expect(gaku.equals(shu)).toBe(false)
  })

  it('refuses bad scales, SVGs without a size, and broken SVG with one clear sentence', async () => {
    const svg = FIGURES['image-tiles']
    await expect(renderPng(svg, { scale: 4 as 1 })).rejects.toThrow(
      'renderPng: scale must be 1, 2 or 3, got 4',
    )
    await expect(renderPng('<svg xmlns="http://www.w3.org/2000/svg"/>')).rejects.toThrow(FigureRenderError)
    await expect(
      renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g></svg>'),
    ).rejects.toThrow(/renderPng: the SVG could not be rendered/)
  })
})
