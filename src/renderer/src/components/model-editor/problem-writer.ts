import type { RuleParams, SchemaWhere } from '../../../../engine/models/issue-codes'
import { messageKey } from './layer-defaults'

/**
 * Fills the messages of i18n/sections/model-problems.ts into segments: words of the sentence, and
 * notation (names, layer types, field paths, JSON) shown as written in every language. Each value
 * goes into the message as a marker first, so a value stays notation whatever the message does
 * around it; where Japanese words meet Latin letters or digits a space is put between them.
 */
export interface Segment {
  text: string
  /** Shown as written (in <code>): a name, a layer type, a field path, a JSON value. */
  notation: boolean
}

/** The part of vue-i18n's composer the translation needs. */
export interface ProblemI18n {
  t: (key: string, named: Record<string, string>, plural?: number) => string
  te: (key: string) => boolean
  locale: string
}

/** A value of a message: words (string, number) or segments already made (notation, nested messages). */
export type Part = string | number | Segment[]

export const code = (text: string): Segment[] => [{ text, notation: true }]
export const quoted = (name: string): string => `'${name}'`
export const layerAt = (index: number): Segment[] => code(`layers[${index}]`)

/** Layer types, JSON fragments and fixed values the sentences quote: notation in every language. */
const notation: Record<string, Segment[]> = {
  flatten: code('flatten'),
  reshape: code('reshape'),
  dense: code('dense'),
  softmax: code('softmax'),
  true: code('true'),
  false: code('false'),
  imageInput: code('{channels, height, width}'),
  vectorInput: code('{features}'),
  formatField: code('format'),
  inputField: code('input'),
  layersField: code('layers'),
  initExample: code('{"scheme": "he"}'),
  typeField: code('"type"'),
  example: code('{"type": "flatten"}'),
}

const MARK = /\uE000(\d+)\uE001/

/** Kana and kanji (not the middle dot ・, which joins without spaces). */
const CJK_END = /[\u3040-\u30fa\u30fc-\u30ff\u4e00-\u9fff]$/
const CJK_START = /^[\u3040-\u30fa\u30fc-\u30ff\u4e00-\u9fff]/
const LATIN_END = /[A-Za-z0-9"'}]$/
const LATIN_START = /^[A-Za-z0-9[("'{−-]/

/**
 * Where a value meets the message around it, a space between Japanese and Latin letters or digits
 * ("値が 0 以上", "false でなければ"), as the app's Japanese messages write them. English messages have
 * no such meeting point, so they stay as the engine writes them.
 */
function gap(before: string, after: string): string {
  return (CJK_END.test(before) && LATIN_START.test(after)) ||
    (LATIN_END.test(before) && CJK_START.test(after))
    ? ' '
    : ''
}

/** Joins the pieces (neighbours of the same kind into one), spaced where Japanese meets Latin. */
function merged(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = []
  for (const next of segments) {
    if (next.text === '') continue
    const last = out.at(-1)
    if (!last) {
      out.push({ ...next })
      continue
    }
    // The space goes with the words, never inside notation.
    const space = gap(last.text, next.text)
    if (last.notation === next.notation) last.text += space + next.text
    else if (last.notation) out.push({ ...next, text: space + next.text })
    else {
      last.text += space
      out.push({ ...next })
    }
  }
  return out
}

export class ProblemWriter {
  constructor(private readonly i18n: ProblemI18n) {}

  /** The message `key` with `parts` put in, each in a marker first so notation stays notation. */
  fill(key: string, parts: Record<string, Part>, plural?: number): Segment[] {
    const all: Record<string, Part> = { ...notation, ...parts }
    const names = Object.keys(all)
    const named = Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE001`]))
    const text = this.i18n.t(`modelProblems.${key}`, named, plural)
    const pieces = text.split(MARK)
    const out: Segment[] = []
    pieces.forEach((piece, i) => {
      if (i % 2 === 0) out.push({ text: piece, notation: false })
      else out.push(...segmentsOf(all[names[Number(piece)]!]!))
    })
    return merged(out)
  }

  word(key: string): string {
    return this.i18n.t(`modelProblems.${key}`, {})
  }

  /** "conv2d 'c1'" as notation, and with the layer type's name before it ("畳み込み層 conv2d 'c1'"). */
  label(label: string): Record<string, Part> {
    const typeKey = `modelEditor.types.${messageKey(label.split(' ')[0] ?? '')}`
    const typedLabel = this.i18n.te(typeKey)
      ? [{ text: `${this.i18n.t(typeKey, {})} `, notation: false }, ...code(label)]
      : code(label)
    return { label: code(label), typedLabel }
  }

  /** A field path as notation, after its name on the editor's screens ("フィルタ数 filters"). */
  fieldTerm(field: string): Segment[] {
    const last = (field.split('.').at(-1) ?? '').replace(/\[\d+\]$/, '')
    const key = `modelProblems.fields.${last}`
    if (last === '' || !this.i18n.te(key)) return code(field)
    return [{ text: `${this.i18n.t(key, {})} `, notation: false }, ...code(field)]
  }

  where(at: SchemaWhere): Segment[] {
    if (at.index === undefined) return this.fill('where.spec', {})
    if (at.layer) return this.fill('where.layerWhat', { at: layerAt(at.index), what: code(at.layer) })
    return this.fill('where.layer', { at: layerAt(at.index) })
  }

  /** The field the problem is about, or the spec / the layer itself. */
  subject(at: SchemaWhere): Record<string, Part> {
    if (at.field !== '') return { subject: code(at.field), subjectTerm: this.fieldTerm(at.field) }
    const words = this.word(at.index === undefined ? 'subject.spec' : 'subject.layer')
    return { subject: words, subjectTerm: words }
  }

  rule(params: RuleParams): Segment[] {
    const options = params.options ?? []
    return this.fill(`rules.${params.rule}`, {
      options: code(options.join(', ')),
      format: code(`"${options[0] ?? ''}"`),
    })
  }
}

function segmentsOf(part: Part): Segment[] {
  return typeof part === 'object' ? part : [{ text: String(part), notation: false }]
}
