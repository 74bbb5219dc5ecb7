import type { PresetSummary } from '../../../../shared/ipc/lab-types'
import { presetTextJa } from './preset-text-ja'

/** A preset's name and description in the screen's language, and the language they are in. */
export interface PresetText {
  name: string
  description: string
  /** The name of the preset's model, when the preset gives one. */
  model: string | undefined
  /** 'en' where a preset has no translation (a user's own preset file). */
  lang: 'en' | 'ja'
}

export function presetText(
  preset: Pick<PresetSummary, 'id' | 'name' | 'description'>,
  modelName: string | undefined,
  locale: string,
): PresetText {
  const ja = locale === 'ja' ? presetTextJa[preset.id] : undefined
  if (ja) return { ...ja, lang: 'ja' }
  return { name: preset.name, description: preset.description, model: modelName, lang: 'en' }
}

/** A text cut at backquotes: the odd pieces are code (variables, paths, commands). */
export function codeSpans(text: string): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((piece, i) => ({ text: piece, code: i % 2 === 1 }))
    .filter((piece) => piece.text !== '')
}
