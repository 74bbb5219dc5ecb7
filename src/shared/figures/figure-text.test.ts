import { describe, expect, it } from 'vitest'
import { buildConfusionMatrixSvg } from './confusion-matrix'
import { FIGURE_LANGUAGES, type FigureText, figureText } from './figure-text'
import { buildLineChartSvg } from './line-chart'
import { textWidth } from './svg'

/**
 * The figures' dictionaries: the same words in both languages, Japanese without English words
 * (only the notation passed in: loss, layer, class, file and channel names), and English exactly as
 * the figures were worded before they had a language (the CLI's files and their tests depend on it).
 */

/** Every string a dictionary gives, with sample notation as the parameters. */
function allStrings(words: FigureText): Record<string, string> {
  const out: Record<string, string> = {
    lossTitle: words.lossTitle('softmax-cross-entropy'),
    accuracyTitle: words.accuracyTitle,
    epochAxis: words.epochAxis,
    lossAxis: words.lossAxis,
    accuracyAxis: words.accuracyAxis,
    noData: words.noData,
    confusionTitle: words.confusionTitle(words.splitName('evaluation')),
    weightsTitle: words.weightsTitle('conv1', ''),
    channelWeightsTitle: words.weightsTitle('enc', 'R'),
    reconstructionTitle: words.reconstructionTitle,
    denoisingTitle: words.denoisingTitle,
    recombinationTitle: words.recombinationTitle,
    featureMapsTitle: words.featureMapsTitle('conv1', 0, '7'),
    layerMapsTitle: words.layerMapsTitle('conv1', 3),
    layerMapsCaption: words.layerMapsCaption('conv2d', [64, 14, 14], 48),
    seed: words.seed,
    noCurves: words.notes.noCurves,
    computedNow: words.notes.computedNow(words.splitName('test')),
    noWeights: words.notes.noWeights,
  }
  for (const split of ['evaluation', 'test', 'train'] as const) out[`split.${split}`] = words.splitName(split)
  for (const stage of ['train', 'pretrain:dense1', 'finetune', 'scratch', 'channel:R']) {
    for (const split of ['train', 'test'] as const) {
      out[`series.${stage}.${split}`] = words.seriesName({ channel: '', stage, split })
      out[`series.G.${stage}.${split}`] = words.seriesName({ channel: 'G', stage, split })
    }
  }
  for (const [group, labels] of [
    ['confusion', words.confusion],
    ['reconstruction', words.reconstruction],
    ['recombination', words.recombination],
  ] as const) {
    for (const [key, value] of Object.entries(labels)) out[`${group}.${key}`] = value
  }
  return out
}

/** The keys of a dictionary, nested ones as "group.key", with the kind of each value. */
function shape(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'object' && v !== null
      ? shape(v as object, `${prefix}${key}.`)
      : [`${prefix}${key}:${typeof v}`],
  )
}

/**
 * Latin words a Japanese figure may carry: the notation given to it above (softmax-cross-entropy,
 * conv1, conv2d, enc, dense1, R, G) and the run's files named in the notes (metrics.jsonl, evaluation.json,
 * weights.npz).
 */
const NOTATION = new Set([
  'softmax',
  'cross',
  'entropy',
  'conv',
  'dense',
  'metrics',
  'jsonl',
  'evaluation',
  'json',
  'weights',
  'npz',
])

describe('figure text', () => {
  it('has every key in both languages, each of the same kind', () => {
    expect(FIGURE_LANGUAGES).toEqual(['en', 'ja'])
    expect(shape(figureText('ja')).sort()).toEqual(shape(figureText('en')).sort())
    expect(Object.keys(allStrings(figureText('ja'))).sort()).toEqual(
      Object.keys(allStrings(figureText('en'))).sort(),
    )
    expect(figureText()).toBe(figureText('en'))
  })

  it('says everything in Japanese, keeping only the notation it was given', () => {
    const ja = allStrings(figureText('ja'))
    for (const [key, value] of Object.entries(ja)) {
      const english = (value.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !NOTATION.has(w))
      expect(english, `${key}: ${value}`).toEqual([])
      // Every string is Japanese except the channel letters of the recombination's headers.
      if (!/^recombination\.(red|green|blue)$/.test(key))
        expect(value, key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
    }
    const en = allStrings(figureText('en'))
    for (const key of Object.keys(en)) {
      if (!/^recombination\.(red|green|blue)$/.test(key)) expect(ja[key], key).not.toBe(en[key])
    }
  })

  it('gives the lecture’s terms in Japanese, with the notation inside the sentence', () => {
    const ja = figureText('ja')
    expect(ja.lossTitle('mse')).toBe('サンプルあたりの誤差（mse）')
    expect(ja.accuracyTitle).toBe('精度')
    expect(ja.confusionTitle(ja.splitName('evaluation'))).toBe('混合行列（テストデータ）')
    expect(ja.weightsTitle('conv1', '')).toBe('conv1 の重み')
    expect(ja.weightsTitle('enc', 'R')).toBe('R チャンネル: enc の重み')
    expect(ja.reconstructionTitle).toBe('元画像 | 再構成')
    expect(ja.denoisingTitle).toBe('ノイズ除去: 元画像 | ノイズ付き | 再構成')
    expect(ja.featureMapsTitle('conv1', 0, '7')).toBe('conv1 の特徴マップ（画像 #0、クラス 7）')
    expect(ja.layerMapsTitle('conv1', 3)).toBe('conv1 の特徴マップ（画像 #3）')
    expect(ja.layerMapsCaption('conv2d', [64, 14, 14], 48)).toBe(
      'conv2d、64 × 14 × 14（最初の 48 チャンネル）',
    )
    expect(ja.layerMapsCaption('pool2d', [4, 14, 14], 4)).toBe('pool2d、4 × 14 × 14')
    expect([ja.epochAxis, ja.lossAxis, ja.accuracyAxis]).toEqual(['エポック', '誤差', '精度'])
    expect(ja.confusion).toMatchObject({
      trueAxis: '正解クラス',
      predictedAxis: '予測クラス',
      correct: '正解数',
    })
    expect(ja.seriesName({ channel: '', stage: 'train', split: 'train' })).toBe('学習データ')
    expect(ja.seriesName({ channel: '', stage: 'pretrain:dense1', split: 'test' })).toBe(
      'テストデータ（dense1 の事前学習）',
    )
    expect(ja.seriesName({ channel: 'R', stage: 'train', split: 'test' })).toBe('テストデータ（R）')
  })

  it('words English as the figures always were', () => {
    const en = figureText('en')
    expect(en.lossTitle('mse')).toBe('Loss per sample (mse)')
    expect(en.confusionTitle(en.splitName('evaluation'))).toBe('Confusion matrix (test set)')
    expect(en.weightsTitle('enc', 'R')).toBe('R: weights of enc')
    expect(en.featureMapsTitle('conv1', 0, '7')).toBe('Feature maps of conv1 (image #0, class 7)')
    expect(en.layerMapsTitle('conv1', 3)).toBe('Feature maps of conv1 (sample #3)')
    expect(en.layerMapsCaption('conv2d', [64, 14, 14], 48)).toBe(
      'conv2d, 64 × 14 × 14; the first 48 channels',
    )
    expect(en.seriesName({ channel: '', stage: 'train', split: 'train' })).toBe('train')
    expect(en.seriesName({ channel: 'R', stage: 'finetune', split: 'test' })).toBe('R finetune test')
    expect(en.notes.computedNow(en.splitName('train'))).toBe(
      'the confusion matrix was computed now on the training set (the experiment has no test set) (the run has no evaluation.json)',
    )
  })

  it('measures Japanese titles full width, so figures leave room for them', () => {
    const ja = figureText('ja')
    // 10 kana/kanji + 2 full-width parentheses at 1 em, then "mse" in Latin widths (0.86 + 2 · 0.54 em).
    expect(textWidth(ja.lossTitle('mse'), 10)).toBeCloseTo(120 + 19.4, 10)
    // The longest loss title fits a 640 px chart at the full title size (a title too wide would shrink).
    const title = ja.lossTitle('softmax-cross-entropy')
    const chart = buildLineChartSvg({
      title,
      series: [
        { name: ja.seriesName({ channel: '', stage: 'train', split: 'train' }), points: [{ x: 1, y: 1 }] },
      ],
    })
    expect(chart).toContain(
      `font-size="15" text-anchor="middle" font-weight="600" fill="#1f1f1f">${title}</text>`,
    )
    // A confusion matrix widens to its Japanese title line.
    const matrix = buildConfusionMatrixSvg({
      title: ja.confusionTitle(ja.splitName('train')),
      matrix: [
        [3, 1],
        [0, 4],
      ],
      classes: ['0', '1'],
      labels: ja.confusion,
    })
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(matrix)![1])
    const stats = `正解数 7 / 8  ·  精度 87.50 %`
    expect(matrix).toContain(stats)
    expect(width).toBeGreaterThanOrEqual(
      textWidth(ja.confusionTitle(ja.splitName('train')), 15, true) + 16 + textWidth(stats, 13) + 28,
    )
  })
})
