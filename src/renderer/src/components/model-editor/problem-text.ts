import { formatNumber } from '../../../../engine/layers/window'
import { isSpecIssueCode, type SpecIssueDetail } from '../../../../engine/models/issue-codes'
import { shapeToString } from '../../../../engine/tensor/shape'
import { messageKey } from './layer-defaults'
import { code, layerAt, type ProblemI18n, ProblemWriter, quoted, type Segment } from './problem-writer'

export type { ProblemI18n, Segment } from './problem-writer'

/**
 * A problem of the model check in the screen's language, from its machine form { code, params }
 * (engine/models/issue-codes.ts) and the messages in i18n/sections/model-problems.ts. The result is a
 * list of segments: words of the sentence, and notation (names, layer types, field paths, JSON) that
 * the editor shows in <code> in every language. Numbers are written as the engine writes them, so the
 * formula reads the same in English and Japanese:
 *
 *   en  conv2d 'conv2d1': output height (28 − 5 + 2·0)/2 + 1 = 12.5 is not an integer; change …
 *   ja  畳み込み層 conv2d 'conv2d1': 出力サイズの高さ (28 − 5 + 2·0)/2 + 1 = 12.5 が整数になりません。…
 *
 * A problem without a (known) code keeps the engine's English sentence, under a lead line on screens
 * of another language.
 */

/** What the engine reports: its English sentence and, normally, its machine form. */
export type ProblemSource = { message: string } & (SpecIssueDetail | { code?: undefined; params?: undefined })

export type ProblemText =
  | { kind: 'translated'; segments: Segment[] }
  /** No code: the English sentence (to mark lang="en") and, off English screens, a lead line. */
  | { kind: 'english'; message: string; lead: string | undefined }

/** The segments of a coded problem; undefined when this version cannot say it (an unknown kind). */
function translate(detail: SpecIssueDetail, w: ProblemWriter): Segment[] | undefined {
  switch (detail.code) {
    case 'output-size-not-integer':
    case 'output-size-below-one': {
      const p = detail.params
      const parts = {
        ...w.label(p.label),
        axis: w.word(`axes.${p.axis}`),
        input: p.input,
        kernel: p.kernel,
        pad: p.pad,
        stride: p.stride,
        result: formatNumber(p.result),
      }
      return detail.code === 'output-size-not-integer'
        ? w.fill('outputSizeNotInteger', parts)
        : w.fill('outputSizeBelowOne', { ...parts, padded: detail.params.padded })
    }
    case 'window-field-invalid': {
      const p = detail.params
      return w.fill('windowFieldInvalid', {
        ...w.label(p.label),
        field: code(p.field),
        fieldTerm: w.fieldTerm(p.field),
        min: p.min,
        value: code(p.value),
      })
    }
    case 'flat-input-needed':
      return w.fill('flatInputNeeded', {
        ...w.label(detail.params.label),
        shape: shapeToString(detail.params.shape),
      })
    case 'image-input-needed':
      return w.fill('imageInputNeeded', {
        ...w.label(detail.params.label),
        shape: shapeToString(detail.params.shape),
      })
    case 'padding-more-than-half-window': {
      const p = detail.params
      return w.fill('paddingMoreThanHalfWindow', {
        ...w.label(p.label),
        axis: w.word(`axes.${p.axis}`),
        padding: p.padding,
        window: p.window,
        maxPadding: p.maxPadding,
      })
    }
    case 'lp-pool-padding':
      return w.fill('lpPoolPadding', {
        ...w.label(detail.params.label),
        padding: `[${detail.params.padding.join(', ')}]`,
      })
    case 'reshape-size-mismatch': {
      const p = detail.params
      return w.fill('reshapeSizeMismatch', {
        ...w.label(p.label),
        target: shapeToString(p.target),
        product: p.target.join('·'),
        targetSize: p.targetSize,
        shape: shapeToString(p.shape),
        size: p.size,
      })
    }
    default:
      return translateMore(detail, w)
  }
}

function translateMore(detail: SpecIssueDetail, w: ProblemWriter): Segment[] | undefined {
  switch (detail.code) {
    case 'tied-to-unknown': {
      const { label, tiedTo, denseLayers } = detail.params
      return w.fill(denseLayers.length > 0 ? 'tiedToUnknown.some' : 'tiedToUnknown.none', {
        ...w.label(label),
        tiedTo: code(quoted(tiedTo)),
        denseLayers: code(denseLayers.map(quoted).join(', ')),
      })
    }
    case 'tied-to-not-dense':
      return w.fill('tiedToNotDense', {
        ...w.label(detail.params.label),
        tiedTo: code(quoted(detail.params.tiedTo)),
        encoderType: code(detail.params.encoderType),
      })
    case 'tied-input-mismatch': {
      const p = detail.params
      return w.fill('tiedInputMismatch', {
        ...w.label(p.label),
        encoder: code(`dense ${quoted(p.encoder)}`),
        inputs: p.inputs,
        units: p.units,
        shape: shapeToString(p.shape),
      })
    }
    case 'softmax-needs-flat':
    case 'softmax-activation-needs-flat':
      return w.fill(
        detail.code === 'softmax-needs-flat' ? 'softmaxNeedsFlat' : 'softmaxActivationNeedsFlat',
        {
          ...w.label(detail.params.label),
          shape: shapeToString(detail.params.shape),
        },
      )
    case 'init-range-not-uniform':
      return w.fill('initRangeNotUniform', {
        range: code('init.range'),
        uniform: code(quoted('uniform')),
        scheme: code(quoted(detail.params.scheme)),
      })
    case 'duplicate-name':
      return w.fill('duplicateName', {
        ...w.label(detail.params.label),
        earlier: layerAt(detail.params.earlier),
      })
    case 'default-name-taken': {
      const p = detail.params
      return w.fill('defaultNameTaken', {
        at: layerAt(p.index),
        type: code(p.type),
        name: code(quoted(p.name)),
        taken: layerAt(p.taken),
      })
    }
    case 'p-without-lp':
      return w.fill('pWithoutLp', {
        ...w.label(detail.params.label),
        lpMode: code(`mode ${quoted('lp')}`),
        mode: code(quoted(detail.params.mode)),
      })
    case 'noise-level-not-fraction': {
      const { label, kind, level } = detail.params
      if (kind !== 'masking' && kind !== 'salt-and-pepper') return undefined
      return w.fill(`noiseLevel.${messageKey(kind)}`, { ...w.label(label), level })
    }
    default:
      return translateSchema(detail, w)
  }
}

function translateSchema(detail: SpecIssueDetail, w: ProblemWriter): Segment[] | undefined {
  switch (detail.code) {
    case 'field-missing':
      return w.fill('fieldMissing', {
        where: w.where(detail.params),
        ...w.subject(detail.params),
        rule: w.rule(detail.params),
      })
    case 'field-invalid':
      return w.fill('fieldInvalid', {
        where: w.where(detail.params),
        ...w.subject(detail.params),
        rule: w.rule(detail.params),
        value: code(detail.params.value),
      })
    case 'layer-not-object':
      return w.fill('layerNotObject', {
        where: w.where({ index: detail.params.index, field: '' }),
        value: code(detail.params.value),
      })
    case 'unknown-field': {
      const p = detail.params
      const problem = w.fill(
        p.field === '' ? 'unknownField.here' : 'unknownField.inField',
        {
          where: w.where(p),
          field: code(p.field),
          fieldTerm: w.fieldTerm(p.field),
          keys: code(p.keys.map((key) => `"${key}"`).join(', ')),
        },
        p.keys.length,
      )
      return p.allowed
        ? w.fill('unknownField.allowed', { problem, allowed: code(p.allowed.join(', ')) })
        : problem
    }
    default:
      return undefined
  }
}

/** A problem in the screen's language (see above). */
export function problemText(problem: ProblemSource, i18n: ProblemI18n): ProblemText {
  const detail =
    problem.code !== undefined && isSpecIssueCode(problem.code) ? (problem as SpecIssueDetail) : undefined
  const segments = detail ? translate(detail, new ProblemWriter(i18n)) : undefined
  if (segments) return { kind: 'translated', segments }
  const lead = i18n.locale.startsWith('en') ? undefined : i18n.t('modelProblems.uncoded', {})
  return { kind: 'english', message: problem.message, lead }
}

/** The text a reader sees (segments joined; the lead line and the English sentence for no code). */
export function problemString(text: ProblemText): string {
  if (text.kind === 'translated') return text.segments.map((segment) => segment.text).join('')
  return text.lead ? `${text.lead} ${text.message}` : text.message
}
