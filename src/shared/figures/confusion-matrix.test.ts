import { describe, expect, it } from 'vitest'
import { buildConfusionMatrixSvg } from './confusion-matrix'
import { checkXml } from './test-support/xml-check'

// The lecture's Predict() result (正解数 747).
const LECTURE = [
  [96, 0, 0, 0, 2, 1, 1, 0, 0, 0],
  [0, 90, 1, 0, 0, 0, 0, 1, 7, 1],
  [9, 0, 54, 0, 0, 3, 9, 3, 18, 4],
  [0, 0, 0, 32, 0, 53, 1, 2, 11, 1],
  [0, 0, 0, 0, 82, 0, 7, 0, 1, 10],
  [3, 0, 0, 0, 3, 85, 1, 2, 4, 2],
  [3, 0, 1, 0, 3, 2, 91, 0, 0, 0],
  [0, 0, 3, 0, 3, 0, 0, 71, 5, 18],
  [2, 0, 0, 0, 6, 14, 2, 1, 69, 6],
  [0, 0, 0, 0, 19, 3, 0, 0, 1, 77],
]
const DIGITS = [...'0123456789']

/** The cells as drawn: fill colour and the count text with its colour, row-major. */
function cells(svg: string): { fill: string; count?: string; textFill?: string }[] {
  const rects = [
    ...svg.matchAll(
      /<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="\1" fill="(#[0-9a-f]{6})" stroke="#ffffff"/g,
    ),
  ]
  const texts = [...svg.matchAll(/fill="(#[0-9a-f]{6})" dominant-baseline="central">(\d+)<\/text>/g)]
  return rects.map((r, i) => ({ fill: r[2], count: texts[i]?.[2], textFill: texts[i]?.[1] }))
}

describe('buildConfusionMatrixSvg', () => {
  it("draws the lecture's matrix with counts, correct count and accuracy in the title line", () => {
    const svg = buildConfusionMatrixSvg({
      matrix: LECTURE,
      classes: DIGITS,
      fingerprint: { runId: 'r', seed: 1 },
    })
    expect(checkXml(svg).errors).toEqual([])
    expect(svg).toContain('Correct 747 / 1000  ·  Accuracy 74.70 %')
    const drawn = cells(svg)
    expect(drawn).toHaveLength(100)
    expect(drawn.map((c) => Number(c.count))).toEqual(LECTURE.flat())
    // Rows are true classes: row 3, column 5 holds the 53 threes taken for fives.
    expect(drawn[3 * 10 + 5].count).toBe('53')
    expect(
      buildConfusionMatrixSvg({ matrix: LECTURE, classes: DIGITS, fingerprint: { runId: 'r', seed: 1 } }),
    ).toBe(svg)
  })

  it('colours by count and switches the text colour for contrast', () => {
    const drawn = cells(buildConfusionMatrixSvg({ matrix: LECTURE, classes: DIGITS }))
    expect(drawn[0]).toEqual({ fill: '#08306b', count: '96', textFill: '#ffffff' }) // the largest count
    expect(drawn[2 * 10 + 0]).toMatchObject({ count: '9', textFill: '#1f1f1f' }) // light cell, dark text
    expect(drawn[1]).toEqual({ fill: '#f7fbff', count: '0', textFill: '#a3a3a3' }) // zeros recede
  })

  it('colours by share of the row when asked, keeping the counts', () => {
    const matrix = [
      [1, 0],
      [0, 100],
    ]
    const byCount = cells(buildConfusionMatrixSvg({ matrix, classes: ['a', 'b'] }))
    const byRow = cells(buildConfusionMatrixSvg({ matrix, classes: ['a', 'b'], normalise: 'row' }))
    expect(byCount[0].fill).not.toBe('#08306b') // 1 of max 100: nearly white
    expect(byRow[0].fill).toBe('#08306b') // 1 of its row of 1: full
    expect(byRow.map((c) => c.count)).toEqual(['1', '0', '0', '100'])
    expect(buildConfusionMatrixSvg({ matrix, classes: ['a', 'b'], normalise: 'row' })).toContain(
      '>100 %</text>',
    )
  })

  it('escapes class names and translated labels', () => {
    const svg = buildConfusionMatrixSvg({
      matrix: [
        [2, 1],
        [0, 3],
      ],
      classes: ['<cat & "dog">', 'ねこ'],
      title: '混合行列 <&>',
      labels: {
        correct: '正解数',
        accuracy: '正解率',
        trueAxis: '正解',
        predictedAxis: '予測',
      },
    })
    expect(checkXml(svg).errors).toEqual([])
    expect(svg).toContain('&lt;cat &amp; &quot;dog&quot;&gt;')
    expect(svg).not.toContain('<cat')
    expect(svg).toContain('正解数 5 / 6  ·  正解率 83.33 %')
    expect(svg).toContain('>混合行列 &lt;&amp;&gt;</tspan>')
    expect(svg).toContain('>予測</text>')
  })

  it('rejects a matrix that does not fit the classes', () => {
    expect(() => buildConfusionMatrixSvg({ matrix: [[1, 2]], classes: ['a', 'b'] })).toThrow(
      'expected a 2 × 2 matrix for 2 classes, got 1 rows of 2',
    )
    expect(() => buildConfusionMatrixSvg({ matrix: [[-1]], classes: ['a'] })).toThrow('non-negative integers')
    expect(() => buildConfusionMatrixSvg({ matrix: [], classes: [] })).toThrow('no classes')
  })

  it('handles an empty evaluation and many classes', () => {
    const empty = buildConfusionMatrixSvg({ matrix: [[0]], classes: ['a'] })
    expect(empty).toContain('Correct 0 / 0  ·  Accuracy 0.00 %')
    const n = 40
    const big = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1000 : 1)))
    const svg = buildConfusionMatrixSvg({ matrix: big, classes: big.map((_, i) => `class-${i}`) })
    expect(checkXml(svg).errors).toEqual([])
    expect(svg).toContain('rotate(-45') // long names turn to fit narrow columns
  })
})
