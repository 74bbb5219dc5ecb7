import { describe, expect, it } from 'vitest'
import { formatNumber } from '../../../../engine/layers/window'
import { issueCases } from '../../../../engine/models/test-support/issue-cases'
import { englishWords } from '../../i18n/latin-names'
import {
  type ProblemI18n,
  type ProblemSource,
  problemString,
  problemText,
  type Segment,
} from './problem-text'
import { problemI18n } from './test-support/problem-i18n'

const en = problemI18n('en')
const ja = problemI18n('ja')

const segmentsOf = (problem: ProblemSource, i18n: ProblemI18n): Segment[] => {
  const text = problemText(problem, i18n)
  if (text.kind !== 'translated') throw new Error(`not translated: ${problem.message}`)
  return text.segments
}
/** The numbers a sentence shows, sorted: 12.5, 28, 2 … (digits inside names included). */
const numbers = (text: string): string[] => (text.match(/\d+(?:\.\d+)?/g) ?? []).sort()
const words = (segments: Segment[]): string =>
  segments
    .filter((s) => !s.notation)
    .map((s) => s.text)
    .join('')

describe('problemText: every problem of the model check, in English and Japanese', () => {
  for (const c of issueCases) {
    it(`${c.detail.code}: ${c.title}`, () => {
      const issue = c.issue()
      // English: exactly the engine's sentence.
      expect(problemString(problemText(issue, en))).toBe(c.message)

      const jaSegments = segmentsOf(issue, ja)
      const jaText = problemString({ kind: 'translated', segments: jaSegments })
      // Japanese: the same numbers (the formula's included), Japanese words, names only as notation.
      expect(numbers(jaText)).toEqual(numbers(c.message))
      expect(words(jaSegments)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
      expect(englishWords(words(jaSegments))).toEqual([])
    })
  }

  it('shows the formula (I − F + 2p)/s + 1 with its numbers the same in both languages', () => {
    const c = issueCases.find((x) => x.detail.code === 'output-size-not-integer')!
    const jaText = problemString(problemText(c.issue(), ja))
    expect(jaText).toBe(
      "畳み込み層 conv2d 'conv2d1': 出力サイズの高さ (28 − 5 + 2·0)/2 + 1 = 12.5 が整数になりません。" +
        'ストライドかパディングを変えてください',
    )
    const below = issueCases.find((x) => x.detail.code === 'output-size-below-one')!
    if (below.detail.code !== 'output-size-below-one') throw new Error('case')
    const { input, kernel, pad, stride, result } = below.detail.params
    const formula = `(${input} − ${kernel} + 2·${pad})/${stride} + 1 = ${formatNumber(result)}`
    expect(formula).toBe('(4 − 7 + 2·0)/1 + 1 = −2')
    expect(problemString(problemText(below.issue(), ja))).toContain(formula)
    expect(problemString(problemText(below.issue(), en))).toContain(formula)
  })

  it('marks names, layer types, field paths and JSON values as notation', () => {
    const c = issueCases.find((x) => x.title === 'a misspelt field')!
    const notation = segmentsOf(c.issue(), ja)
      .filter((s) => s.notation)
      .map((s) => s.text)
    expect(notation).toEqual(['layers[0]', 'dense', '"unit"', 'type, name, units, activation, useBias'])
    const field = issueCases.find((x) => x.title === '0 filters')!
    expect(problemString(problemText(field.issue(), ja))).toBe(
      'モデル仕様の layers[0](conv2d): フィルタ数 filters は正の整数でなければなりません(値: 0)',
    )
  })

  it('spaces Japanese from the Latin letters and digits of a value, never inside notation', () => {
    const bias = issueCases.find((x) => x.title === 'useBias 1')!
    const segments = segmentsOf(bias.issue(), ja)
    expect(problemString({ kind: 'translated', segments })).toBe(
      'モデル仕様の layers[0](conv2d): 閾値 b useBias は true か false でなければなりません(値: 1)',
    )
    expect(segments.filter((s) => s.notation).map((s) => s.text)).toEqual([
      'layers[0]',
      'conv2d',
      'useBias',
      'true',
      'false',
      '1',
    ])
  })

  it('keeps a problem without a code in English, under a Japanese lead line', () => {
    const parseError: ProblemSource = { message: 'Unexpected token } in JSON at position 12' }
    expect(problemText(parseError, ja)).toEqual({
      kind: 'english',
      message: 'Unexpected token } in JSON at position 12',
      lead: '次の問題は英語でのみ報告されています:',
    })
    expect(problemText(parseError, en)).toEqual({
      kind: 'english',
      message: 'Unexpected token } in JSON at position 12',
      lead: undefined,
    })
    // A code this version does not know, or a kind it has no sentence for, is treated the same way.
    const unknown = { message: 'm', code: 'future-rule', params: {} } as unknown as ProblemSource
    expect(problemText(unknown, ja).kind).toBe('english')
    const gaussian: ProblemSource = {
      message: 'n',
      code: 'noise-level-not-fraction',
      params: { label: "noise 'n1'", kind: 'gaussian', level: 2 },
    }
    expect(problemText(gaussian, ja)).toMatchObject({ kind: 'english', message: 'n' })
  })
})
