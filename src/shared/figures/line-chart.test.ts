import { describe, expect, it } from 'vitest'
import { buildLineChartSvg } from './line-chart'
import { checkXml } from './test-support/xml-check'

const train = [1, 2, 3, 4, 5].map((x) => ({ x, y: 2 / x }))
const test = [1, 2, 3, 4, 5].map((x) => ({ x, y: 2.2 / x + 0.1 }))

function circles(svg: string): { cx: number; cy: number }[] {
  return [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({
    cx: Number(m[1]),
    cy: Number(m[2]),
  }))
}

describe('buildLineChartSvg', () => {
  const options = {
    title: '学習曲線',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: [
      { name: 'train', points: train },
      { name: 'test <cat & "dog">', points: test, dashed: true },
    ],
    fingerprint: { runId: 'run-1', seed: 42 },
  }

  it('is a well-formed standalone SVG of the asked size, identical on every call', () => {
    const svg = buildLineChartSvg(options)
    expect(checkXml(svg).errors).toEqual([])
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="400" viewBox="0 0 640 400"/,
    )
    expect(buildLineChartSvg(options)).toBe(svg)
    expect(svg).toContain('>学習曲線</text>')
    expect(svg).toContain('>run-1 · seed 42</text>')
  })

  it('escapes series names in the legend', () => {
    const svg = buildLineChartSvg(options)
    expect(svg).toContain('>test &lt;cat &amp; &quot;dog&quot;&gt;</text>')
    expect(svg).not.toContain('<cat')
  })

  it('places the points by value: x grows right, y grows up, on 1-2-5 ticks', () => {
    const svg = buildLineChartSvg(options)
    const marks = circles(svg)
    expect(marks).toHaveLength(10)
    const trainMarks = marks.slice(0, 5)
    for (let i = 1; i < 5; i++) {
      expect(trainMarks[i].cx).toBeGreaterThan(trainMarks[i - 1].cx)
      expect(trainMarks[i].cy).toBeGreaterThan(trainMarks[i - 1].cy) // the loss falls: y pixel grows
    }
    // Equal steps in x are equal steps in pixels; y is linear: y(1) − y(2) = 2 − 1 is twice y(2) − y(4) = 1 − 0.5.
    const dx = trainMarks.map((m, i) => (i ? m.cx - trainMarks[i - 1].cx : 0)).slice(1)
    for (const d of dx) expect(d).toBeCloseTo(dx[0], 1)
    const ratio = (trainMarks[1].cy - trainMarks[0].cy) / (trainMarks[3].cy - trainMarks[1].cy)
    expect(ratio).toBeCloseTo(2, 2)
    // Integer epochs get integer ticks.
    for (const label of ['>1</text>', '>2</text>', '>5</text>', '>0.5</text>', '>2.0</text>']) {
      expect(svg).toContain(label)
    }
    expect(svg).toContain('stroke-dasharray="6 4"')
  })

  it('draws a log-y axis on decades and breaks the line at values it cannot show', () => {
    const svg = buildLineChartSvg({
      logY: true,
      series: [
        {
          name: 'loss',
          points: [
            { x: 0, y: 10 },
            { x: 1, y: 0.1 },
            { x: 2, y: 0 },
            { x: 3, y: 0.01 },
            { x: 4, y: 0.001 },
          ],
        },
      ],
    })
    expect(checkXml(svg).errors).toEqual([])
    for (const label of ['>0.001</text>', '>0.01</text>', '>0.1</text>', '>1</text>', '>10</text>']) {
      expect(svg).toContain(label)
    }
    const path = /<path d="(M[^"]+)" fill="none" stroke="#1f77b4"/.exec(svg)![1]
    expect(path.match(/M/g)).toHaveLength(2) // y = 0 splits the curve in two
    const marks = circles(svg)
    expect(marks).toHaveLength(4)
    // Decades are equally spaced on a log axis: 10 → 0.1 is two decades, 0.01 → 0.001 one.
    expect(marks[1].cy - marks[0].cy).toBeCloseTo(2 * (marks[3].cy - marks[2].cy), 1)
  })

  it('handles empty series and an empty chart', () => {
    const svg = buildLineChartSvg({ series: [{ name: 'none', points: [] }], noDataLabel: 'データなし' })
    expect(checkXml(svg).errors).toEqual([])
    expect(svg).toContain('>データなし</text>')
    expect(svg).toContain('>none</text>')
    const blank = buildLineChartSvg({ series: [] })
    expect(checkXml(blank).errors).toEqual([])
    expect(blank).toContain('>No data</text>')
    const nan = buildLineChartSvg({ series: [{ name: 'nan', points: [{ x: 1, y: Number.NaN }] }] })
    expect(nan).toContain('>No data</text>')
  })

  it('keeps a fixed range and leaves out points outside it', () => {
    const svg = buildLineChartSvg({
      yRange: [0, 1],
      xRange: [0, 10],
      series: [
        {
          name: 'acc',
          points: [
            { x: 1, y: 0.5 },
            { x: 2, y: 1.5 },
            { x: 3, y: 0.9 },
          ],
        },
      ],
    })
    expect(circles(svg)).toHaveLength(2)
    expect(svg).toContain('>1.0</text>')
    expect(svg).not.toContain('>1.2</text>')
    expect(() => buildLineChartSvg({ series: [], yRange: [1, 1] })).toThrow(
      'yRange must be finite with min < max',
    )
    expect(() => buildLineChartSvg({ series: [], logY: true, yRange: [0, 1] })).toThrow(
      'min > 0 on a log axis',
    )
    expect(() => buildLineChartSvg({ series: [], width: 60, height: 60 })).toThrow('no room for the plot')
  })
})
