import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { buildFeatureMapsSvg } from './feature-maps'
import { buildConvFilterTilesSvg, buildDenseWeightTilesSvg, buildImageTilesSvg } from './image-tiles'
import { buildRecombinationSvg, buildReconstructionSvg, recombineChannels } from './reconstruction-pairs'
import { bankLayout, denseWeightBank } from './tile-sources'
import { embeddedPngBase64, greyPlane } from './test-support/fixtures'
import { checkXml } from './test-support/xml-check'

/** The embedded PNGs decoded by sharp: per image its size and pixels (grey: one value per pixel). */
async function embedded(
  svg: string,
): Promise<{ width: number; height: number; channels: number; pixels: number[] }[]> {
  return Promise.all(
    embeddedPngBase64(svg).map(async (b64) => {
      const png = Buffer.from(b64, 'base64')
      const channels = (await sharp(png).metadata()).channels ?? 0
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
      const pixels: number[] = []
      for (let p = 0; p < info.width * info.height; p++) {
        for (let c = 0; c < channels; c++) pixels.push(data[p * info.channels + c])
      }
      return { width: info.width, height: info.height, channels, pixels }
    }),
  )
}

// W (4 inputs × 2 units), row-major; the input image is 2 × 2 grey.
//   unit 0 (column 0): −1, 0, 1, 0.5      unit 1 (column 1): 2, 4, 0, 6
const W = [-1, 2, 0, 4, 1, 0, 0.5, 6]
const IMAGE = { channels: 1, height: 2, width: 2 }

describe('dense weight tiles (hunit-weight.png)', () => {
  it('reshapes column j of W to the input image', () => {
    expect(Array.from(denseWeightBank(W, 4, 2, IMAGE))).toEqual([-1, 0, 1, 0.5, 2, 4, 0, 6])
  })

  it('embeds exactly the expected grey levels under per-tile normalisation', async () => {
    const svg = buildDenseWeightTilesSvg({ weights: W, inputs: 4, units: 2, image: IMAGE })
    expect(checkXml(svg).errors).toEqual([])
    const tiles = await embedded(svg)
    expect(tiles.map((t) => [t.width, t.height, t.channels])).toEqual([
      [2, 2, 1],
      [2, 2, 1],
    ])
    // tile 0 over [−1, 1]: 255·(0, 0.5, 1, 0.75) → 0, 127.5 → 128, 255, 191.25 → 191
    expect(tiles[0].pixels).toEqual([0, 128, 255, 191])
    // tile 1 over [0, 6]: 255·(2, 4, 0, 6)/6 → 85, 170, 0, 255
    expect(tiles[1].pixels).toEqual([85, 170, 0, 255])
  })

  it('embeds exactly the expected grey levels under global normalisation', async () => {
    const svg = buildDenseWeightTilesSvg({
      weights: W,
      inputs: 4,
      units: 2,
      image: IMAGE,
      normalisation: 'global',
    })
    const tiles = await embedded(svg)
    // both over [−1, 6]: 255·(v + 1)/7
    expect(tiles[0].pixels).toEqual([0, 36, 73, 55])
    expect(tiles[1].pixels).toEqual([109, 182, 36, 255])
  })

  it('scales tiny tiles up with nearest-neighbour rendering and is deterministic', () => {
    const options = {
      weights: W,
      inputs: 4,
      units: 2,
      image: IMAGE,
      scale: 10,
      showIndices: true,
      title: 'W',
    }
    const svg = buildDenseWeightTilesSvg(options)
    expect(svg).toContain('width="20" height="20" preserveAspectRatio="none" image-rendering="optimizeSpeed"')
    expect(svg).toContain('style="image-rendering:pixelated"')
    expect(svg).toContain('>1</text>')
    expect(buildDenseWeightTilesSvg(options)).toBe(svg)
  })

  it('says which shape does not fit', () => {
    expect(() =>
      buildDenseWeightTilesSvg({
        weights: W,
        inputs: 4,
        units: 2,
        image: { channels: 1, height: 3, width: 3 },
      }),
    ).toThrow('the input image (1, 3, 3) has 9 values but the layer has 4 inputs')
    expect(() =>
      buildDenseWeightTilesSvg({ weights: W.slice(1), inputs: 4, units: 2, image: IMAGE }),
    ).toThrow('W (4 × 2) holds 8 values, got 7')
  })
})

describe('convolution filter tiles', () => {
  // One filter (M = 1) of 3 channels, 1 × 2: R = (0, 1), G = (0.5, 0.5), B = (1, 0).
  const filter = [0, 1, 0.5, 0.5, 1, 0]
  const shape = { weights: filter, filters: 1, channels: 3, kernelHeight: 1, kernelWidth: 2 }

  it('shows 3-channel filters as RGB, the range spanning all three channels', async () => {
    const tiles = await embedded(buildConvFilterTilesSvg({ ...shape, display: 'rgb' }))
    expect(tiles).toHaveLength(1)
    expect(tiles[0].channels).toBe(3)
    expect(tiles[0].pixels).toEqual([0, 128, 255, 255, 128, 0])
  })

  it('shows each channel as its own grey tile, a row per filter', async () => {
    const svg = buildConvFilterTilesSvg({ ...shape, display: 'channels', normalisation: { min: 0, max: 1 } })
    expect(checkXml(svg).errors).toEqual([])
    for (const header of ['>R</text>', '>G</text>', '>B</text>', '>0</text>']) expect(svg).toContain(header)
    const tiles = await embedded(svg)
    expect(tiles.map((t) => t.pixels)).toEqual([
      [0, 255],
      [128, 128],
      [255, 0],
    ])
  })

  it('lays out banks in ⌈√M⌉ columns, limits them, and refuses RGB without 3 channels', () => {
    const bank = new Float32Array(10 * 4)
    const layout = bankLayout(bank, { count: 10, channels: 1, height: 2, width: 2 })
    expect(layout.rows.map((r) => r.length)).toEqual([4, 4, 2])
    expect(bankLayout(bank, { count: 10, channels: 1, height: 2, width: 2 }, { limit: 3 }).rows).toHaveLength(
      2,
    )
    expect(() =>
      bankLayout(bank, { count: 10, channels: 1, height: 2, width: 2 }, { display: 'rgb' }),
    ).toThrow("an RGB display needs 3 channels, the filters have 1; use 'channels'")
    const two = bankLayout(new Float32Array(2 * 2 * 4), { count: 2, channels: 2, height: 2, width: 2 })
    expect(two.columnHeaders).toEqual(['0', '1']) // neither grey nor RGB: per channel
  })
})

describe('image tiles of any planes', () => {
  it('escapes labels and handles constant and non-finite values', async () => {
    const svg = buildImageTilesSvg({
      tiles: [
        greyPlane(1, 3, () => 0.25),
        greyPlane(1, 5, (_, x) => [Number.NaN, 0, 1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY][x]),
      ],
      labels: ['<cat & "dog">', 'b'],
      title: 'タイル',
    })
    expect(checkXml(svg).errors).toEqual([])
    expect(svg).toContain('&lt;cat &amp; &quot;dog&quot;&gt;')
    const tiles = await embedded(svg)
    expect(tiles[0].pixels).toEqual([0, 0, 0]) // a constant tile shows as 0, like matplotlib
    expect(tiles[1].pixels).toEqual([0, 0, 255, 255, 0]) // NaN → 0; the range is the finite [0, 1]; ±∞ clamp
  })
})

describe('reconstruction pairs', () => {
  const original = [greyPlane(2, 2, (y, x) => (y + x) / 2), greyPlane(2, 2, () => 1)]
  const reconstruction = [greyPlane(2, 2, (y, x) => (y + x) / 2 + 0.25), greyPlane(2, 2, () => -0.5)]

  it('puts original | reconstruction side by side on the fixed range [0, 1], clamped', async () => {
    const svg = buildReconstructionSvg({
      original,
      reconstruction,
      rowLabels: ['#0', '#1 <x>'],
      fingerprint: { seed: 5 },
    })
    expect(checkXml(svg).errors).toEqual([])
    expect(svg).toContain('>Original</text>')
    expect(svg).toContain('>Reconstruction</text>')
    expect(svg).toContain('>#1 &lt;x&gt;</text>')
    const tiles = await embedded(svg)
    expect(tiles.map((t) => t.pixels)).toEqual([
      [0, 128, 128, 255],
      [64, 191, 191, 255], // 0.25, 0.75, 0.75, 1.25 → clamped
      [255, 255, 255, 255],
      [0, 0, 0, 0], // −0.5 clamps to 0
    ])
  })

  it('adds the noisy column for denoising and takes translated headers', () => {
    const svg = buildReconstructionSvg({
      original,
      reconstruction,
      noisy: original,
      labels: { original: '元画像', noisy: 'ノイズ付加', reconstruction: '復元画像' },
    })
    expect(embeddedPngBase64(svg)).toHaveLength(6)
    expect(svg.indexOf('元画像')).toBeLessThan(svg.indexOf('ノイズ付加'))
    expect(svg.indexOf('ノイズ付加')).toBeLessThan(svg.indexOf('復元画像'))
    expect(() => buildReconstructionSvg({ original, reconstruction: [original[0]] })).toThrow(
      '2 originals, 1 reconstructions; give one of each per sample',
    )
  })

  it("scales rows together with 'row' normalisation (unit-sum inputs)", async () => {
    const tiny = [greyPlane(1, 2, (_, x) => [0, 0.004][x])]
    const half = [greyPlane(1, 2, (_, x) => [0, 0.002][x])]
    const tiles = await embedded(
      buildReconstructionSvg({ original: tiny, reconstruction: half, normalisation: 'row' }),
    )
    expect(tiles.map((t) => t.pixels)).toEqual([
      [0, 255],
      [0, 128],
    ])
  })
})

describe("the homework's colour recombination", () => {
  it('recombines R, G, B outputs into one (3, H, W) image', () => {
    const rgb = recombineChannels(
      [0.1, 0.2],
      [0.3, 0.4],
      { channels: 1, height: 1, width: 2, data: [0.5, 0.6] },
      1,
      2,
    )
    expect(rgb.channels).toBe(3)
    expect(Array.from(rgb.data)).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])))
    expect(() => recombineChannels([0], [0, 0], [0, 0], 1, 2)).toThrow('channel R must be one 1×2 plane')
  })

  it('shows input | R | G | B | recombined, the colour output exact in the embedded PNG', async () => {
    const input = { channels: 3 as const, height: 1, width: 1, data: [1, 0.5, 0] }
    const svg = buildRecombinationSvg({
      original: [input],
      channelOutputs: [[[0.8], [0.4], [1.2]]],
      labels: { input: '入力画像', recombined: '出力画像' },
      rowLabels: ['airplane'],
    })
    expect(checkXml(svg).errors).toEqual([])
    for (const h of ['入力画像', '>R</text>', '>G</text>', '>B</text>', '出力画像']) expect(svg).toContain(h)
    const tiles = await embedded(svg)
    expect(tiles.map((t) => t.pixels)).toEqual([[255, 128, 0], [204], [102], [255], [204, 102, 255]])
  })
})

describe('feature maps', () => {
  it('draws each channel of (C, Y, X) with its index, per-tile normalised', async () => {
    const maps = [0, 1, 2, 3, 10, 10, 10, 20, -1, 0, 0, 1]
    const svg = buildFeatureMapsSvg({ maps, channels: 3, height: 2, width: 2, title: '特徴マップ conv1' })
    expect(checkXml(svg).errors).toEqual([])
    for (const i of ['>0</text>', '>1</text>', '>2</text>']) expect(svg).toContain(i)
    const tiles = await embedded(svg)
    expect(tiles.map((t) => t.pixels)).toEqual([
      [0, 85, 170, 255],
      [0, 0, 0, 255],
      [0, 128, 128, 255],
    ])
    const global = await embedded(
      buildFeatureMapsSvg({ maps, channels: 3, height: 2, width: 2, normalisation: 'global' }),
    )
    expect(global[1].pixels).toEqual([134, 134, 134, 255]) // 255 · 11/21
  })

  it('checks the shape and limits the channels', () => {
    expect(() => buildFeatureMapsSvg({ maps: [1, 2, 3], channels: 1, height: 2, width: 2 })).toThrow(
      '(1, 2, 2) holds 4 values, got 3',
    )
    const svg = buildFeatureMapsSvg({
      maps: new Float32Array(16 * 4),
      channels: 16,
      height: 2,
      width: 2,
      limit: 5,
    })
    expect(embeddedPngBase64(svg)).toHaveLength(5)
  })
})
