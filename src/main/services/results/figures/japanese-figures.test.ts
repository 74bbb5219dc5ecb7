import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { MetricsLine } from '../../../../shared/experiment'
import { figureText, textWidth } from '../../../../shared/figures'
import { renderPng } from '../../figures'
import { curveFigures } from './curve-figures'

/**
 * A run's loss curve drawn in Japanese and rendered to PNG by renderPng (sharp/librsvg with the
 * Noto CJK fonts, as `dllab figures --lang ja` and the app's PNG export do): the title is there in
 * real glyphs, where the layout put it and as wide as textWidth estimated, not clipped.
 */
const line = (epoch: number, trainLoss: number, testLoss: number): MetricsLine =>
  ({ kind: 'epoch', epoch, step: epoch * 10, trainLoss, testLoss }) as MetricsLine

const lines = [line(1, 0.9, 1.0), line(2, 0.5, 0.7), line(3, 0.3, 0.5)]

/** Dark pixels (< 128 in the red channel) per column of rows y0 … y1 of an RGB(A) image. */
async function darkColumns(png: Buffer, y0: number, y1: number): Promise<number[]> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
  const columns = new Array<number>(info.width).fill(0)
  for (let y = y0; y <= y1; y++)
    for (let x = 0; x < info.width; x++) if (data[(y * info.width + x) * info.channels]! < 128) columns[x]!++
  return columns
}

describe('a Japanese figure as PNG', () => {
  it('draws its Japanese title in real glyphs across the width textWidth reserved', async () => {
    const ja = figureText('ja')
    const [loss] = curveFigures([{ label: '', lines }], 'mse', { runId: 'r', seed: 1 }, ja)
    const title = ja.lossTitle('mse')
    expect(loss!.title).toBe(title)
    // The title is centred at x = 320 on the baseline y = 12 + 15 (line-chart.ts), 15 px bold.
    expect(loss!.svg).toContain(
      `<text x="320" y="27" font-size="15" text-anchor="middle" font-weight="600" fill="#1f1f1f">${title}</text>`,
    )
    const columns = await darkColumns(await renderPng(loss!.svg), 12, 30)
    const inked = columns.flatMap((n, x) => (n > 0 ? [x] : []))
    const [left, right] = [inked[0]!, inked.at(-1)!]
    const estimate = textWidth(title, 15, true)
    // Ink spans the title: most of the estimate, and within it (the estimate is slightly generous).
    expect(right - left).toBeGreaterThan(0.85 * estimate)
    expect(left).toBeGreaterThanOrEqual(Math.floor(320 - estimate / 2) - 1)
    expect(right).toBeLessThanOrEqual(Math.ceil(320 + estimate / 2) + 1)
    // Real kanji and kana are dense; fallback boxes or missing glyphs would leave a few outlines.
    expect(columns.reduce((a, b) => a + b, 0)).toBeGreaterThan(600)
  })

  it('has the English figure’s curves and numbers, in other words', () => {
    const fingerprint = { runId: 'r', seed: 1 }
    const [en] = curveFigures([{ label: '', lines }], 'mse', fingerprint, figureText('en'))
    const [ja] = curveFigures([{ label: '', lines }], 'mse', fingerprint, figureText('ja'))
    // Two curves of three points each (the legend's longer Japanese names narrow the plot a little).
    const count = (svg: string, pattern: RegExp) => svg.match(pattern)?.length
    for (const svg of [en!.svg, ja!.svg]) {
      expect(count(svg, /<path d="M[\d. ]+L[\d. ]+L[\d. ]+" fill="none"/g)).toBe(2)
      expect(count(svg, /<circle /g)).toBe(6)
    }
    expect(ja!.csv).toBe(en!.csv)
    expect(ja!.json).toEqual(en!.json)
    expect(ja!.svg).not.toBe(en!.svg)
  })
})
