/**
 * Every word a run's figures carry, in the user's language: titles (small functions of their
 * parameters), axis titles, legend names, column headers, the confusion matrix's labels, the
 * fingerprint's "seed" and the notes beside the figures. The builders of this folder take their text
 * already translated; `dllab figures --lang` and the app's runs.figures pick a dictionary here, so
 * the app's SVG and the CLI's file are the same bytes for the same language.
 *
 * English is the default and reproduces the figures' historical wording exactly. Japanese uses the
 * lecture's terms (誤差, 精度, 混合行列, 重み, 再構成, 特徴マップ, エポック …). Loss names (mse,
 * softmax-cross-entropy), layer names (conv1) and class names are notation: they appear as given,
 * inside the Japanese sentence.
 */
import { type Language, languages } from '../languages'
import type { ConfusionMatrixLabels } from './confusion-matrix'
import type { RecombinationLabels, ReconstructionLabels } from './reconstruction-pairs'

/** Figures are drawn in every language of the app. */
export const FIGURE_LANGUAGES = languages
export type FigureLanguage = Language

/** Which data a curve is drawn on. */
export type CurveSplit = 'train' | 'test'

/** The set a confusion matrix was counted on: evaluation.json's test set, or one evaluated now. */
export type EvaluatedSplit = 'evaluation' | 'test' | 'train'

export interface CurveSeriesParts {
  /** A channel of the per-channel homework ("R"), or ''. */
  readonly channel: string
  /** The stage as metrics.jsonl names it ("train", "pretrain:dense1", "finetune", "scratch"). */
  readonly stage: string
  readonly split: CurveSplit
}

export interface FigureText {
  readonly lossTitle: (loss: string) => string
  readonly accuracyTitle: string
  readonly epochAxis: string
  readonly lossAxis: string
  readonly accuracyAxis: string
  /** A legend entry: the split, with the channel and the stage when there are several. */
  readonly seriesName: (parts: CurveSeriesParts) => string
  readonly noData: string
  /** The name of the set a confusion matrix was counted on (a folder is named by its path). */
  readonly splitName: (split: EvaluatedSplit) => string
  readonly confusionTitle: (split: string) => string
  readonly confusion: Required<ConfusionMatrixLabels>
  /** `channel` is '' except in the per-channel homework ("R"). */
  readonly weightsTitle: (layer: string, channel: string) => string
  readonly reconstructionTitle: string
  readonly denoisingTitle: string
  readonly reconstruction: Required<ReconstructionLabels>
  readonly recombinationTitle: string
  readonly recombination: Required<RecombinationLabels>
  readonly featureMapsTitle: (layer: string, image: number, className: string) => string
  /** The Results view's maps of one layer for test sample `sample`. */
  readonly layerMapsTitle: (layer: string, sample: number) => string
  /** The layer's type and output shape (C, Y, X), and how many channels are shown when not all. */
  readonly layerMapsCaption: (type: string, shape: readonly [number, number, number], shown: number) => string
  /** The word before the seed in the fingerprint. */
  readonly seed: string
  readonly notes: {
    readonly noCurves: string
    readonly computedNow: (split: string) => string
    readonly noWeights: string
  }
}

/** "pretrain:dense1" → the stage's kind and the layer or channel it names. */
function stageParts(stage: string): { kind: string; name: string } {
  const [kind = '', ...rest] = stage.split(':')
  return { kind, name: rest.join(':') }
}

const en: FigureText = {
  lossTitle: (loss) => `Loss per sample (${loss})`,
  accuracyTitle: 'Accuracy',
  epochAxis: 'epoch',
  lossAxis: 'loss',
  accuracyAxis: 'accuracy',
  seriesName: ({ channel, stage, split }) => {
    const name = [channel, stage === 'train' ? '' : stage].filter(Boolean).join(' ')
    return name ? `${name} ${split}` : split
  },
  noData: 'No data',
  splitName: (split) =>
    ({
      evaluation: 'test set',
      test: 'the test set',
      train: 'the training set (the experiment has no test set)',
    })[split],
  confusionTitle: (split) => `Confusion matrix (${split})`,
  confusion: {
    trueAxis: 'True class',
    predictedAxis: 'Predicted class',
    correct: 'Correct',
    accuracy: 'Accuracy',
    count: 'Count',
    rowShare: 'Share of row',
  },
  weightsTitle: (layer, channel) => `${channel ? `${channel}: ` : ''}weights of ${layer}`,
  reconstructionTitle: 'Original | reconstruction',
  denoisingTitle: 'Denoising: clean | noisy | reconstruction',
  reconstruction: { original: 'Original', noisy: 'Noisy', reconstruction: 'Reconstruction' },
  recombinationTitle: 'One autoencoder per channel, recombined',
  recombination: { input: 'Input', red: 'R', green: 'G', blue: 'B', recombined: 'Recombined' },
  featureMapsTitle: (layer, image, className) =>
    `Feature maps of ${layer} (image #${image}, class ${className})`,
  layerMapsTitle: (layer, sample) => `Feature maps of ${layer} (sample #${sample})`,
  layerMapsCaption: (type, [c, h, w], shown) =>
    `${type}, ${c} × ${h} × ${w}${shown < c ? `; the first ${shown} channels` : ''}`,
  seed: 'seed',
  notes: {
    noCurves: 'no loss curves: the run has no epoch in metrics.jsonl',
    computedNow: (split) =>
      `the confusion matrix was computed now on ${split} (the run has no evaluation.json)`,
    noWeights: 'no weight tiles or samples: the run has no weights.npz yet',
  },
}

/** Stages as the Train view names them in Japanese (事前学習, ファインチューニング). */
function jaStage(stage: string): string {
  const { kind, name } = stageParts(stage)
  if (kind === 'pretrain') return `${name} の事前学習`
  if (kind === 'finetune') return 'ファインチューニング'
  if (kind === 'scratch') return '事前学習なし'
  if (kind === 'channel') return `${name} チャンネル`
  return stage
}

const ja: FigureText = {
  lossTitle: (loss) => `サンプルあたりの誤差（${loss}）`,
  accuracyTitle: '精度',
  epochAxis: 'エポック',
  lossAxis: '誤差',
  accuracyAxis: '精度',
  seriesName: ({ channel, stage, split }) => {
    const data = split === 'train' ? '学習データ' : 'テストデータ'
    const part = [channel, stage === 'train' ? '' : jaStage(stage)].filter(Boolean).join(' ')
    return part ? `${data}（${part}）` : data
  },
  noData: 'データなし',
  splitName: (split) =>
    ({
      evaluation: 'テストデータ',
      test: 'テストデータ',
      train: '学習データ（テストデータがないため）',
    })[split],
  confusionTitle: (split) => `混合行列（${split}）`,
  confusion: {
    trueAxis: '正解クラス',
    predictedAxis: '予測クラス',
    correct: '正解数',
    accuracy: '精度',
    count: '件数',
    rowShare: '行内の割合',
  },
  weightsTitle: (layer, channel) => `${channel ? `${channel} チャンネル: ` : ''}${layer} の重み`,
  reconstructionTitle: '元画像 | 再構成',
  denoisingTitle: 'ノイズ除去: 元画像 | ノイズ付き | 再構成',
  reconstruction: { original: '元画像', noisy: 'ノイズ付き', reconstruction: '再構成' },
  recombinationTitle: 'チャンネルごとのオートエンコーダの再構成を再結合',
  recombination: { input: '入力', red: 'R', green: 'G', blue: 'B', recombined: '再結合' },
  featureMapsTitle: (layer, image, className) =>
    `${layer} の特徴マップ（画像 #${image}、クラス ${className}）`,
  layerMapsTitle: (layer, sample) => `${layer} の特徴マップ（画像 #${sample}）`,
  layerMapsCaption: (type, [c, h, w], shown) =>
    `${type}、${c} × ${h} × ${w}${shown < c ? `（最初の ${shown} チャンネル）` : ''}`,
  seed: '乱数シード',
  notes: {
    noCurves: '誤差の推移はありません: metrics.jsonl に終わったエポックがありません',
    computedNow: (split) =>
      `混合行列はいま${split}で計算しました（この実行には evaluation.json がありません）`,
    noWeights: '重みの図と再構成はありません: この実行にはまだ weights.npz がありません',
  },
}

const dictionaries: Record<FigureLanguage, FigureText> = { en, ja }

/** The figures' words in `language` (English when not given). */
export function figureText(language: FigureLanguage = 'en'): FigureText {
  return dictionaries[language]
}
