import { describe, expect, it } from 'vitest'
import { englishWords } from '../../i18n/latin-names'
import { codeSpans, presetText } from './preset-text'
import { presetTextJa } from './preset-text-ja'

interface PresetFile {
  name: string
  description: string
  model: string
}

// The files themselves (bundled by Vite for the test), so a new preset without a translation fails.
const presetFiles = import.meta.glob<PresetFile>('../../../../../resources/presets/*.json', {
  eager: true,
  import: 'default',
})
const modelFiles = import.meta.glob<{ name: string }>('../../../../../resources/presets/models/*.json', {
  eager: true,
  import: 'default',
})
const idOf = (path: string) => path.replace(/^.*\/|\.json$/g, '')
const builtIn = Object.entries(presetFiles).map(([path, preset]) => {
  const model = Object.entries(modelFiles).find(([modelPath]) => idOf(modelPath) === preset.model)?.[1]
  return { id: idOf(path), ...preset, modelName: model?.name ?? '' }
})

/** The prose of a text, code spans left out. */
const prose = (text: string) =>
  codeSpans(text)
    .filter((span) => !span.code)
    .map((span) => span.text)
    .join(' ')

describe('presetText', () => {
  it('has a Japanese name, description and model name for every built-in preset, and no others', () => {
    expect(builtIn.length).toBeGreaterThanOrEqual(11)
    expect(Object.keys(presetTextJa).sort()).toEqual(builtIn.map((p) => p.id).sort())
  })

  it('leaves no English words in the Japanese texts outside code, only the allowed names', () => {
    const english = Object.entries(presetTextJa).flatMap(([id, text]) =>
      [text.name, prose(text.description), text.model].flatMap((t) =>
        englishWords(t).map((w) => `${id}: ${w}`),
      ),
    )
    expect(english).toEqual([])
  })

  it('keeps the numbers of the English description (layer sizes, epochs, learning rate)', () => {
    for (const preset of builtIn) {
      const numbers = (text: string) => (text.match(/\d[\d,.]*/g) ?? []).map((n) => n.replace(/[,.]$/, ''))
      const ja = presetTextJa[preset.id]!
      for (const n of numbers(preset.description)) expect(ja.description, `${preset.id}: ${n}`).toContain(n)
      for (const n of numbers(preset.modelName)) expect(ja.model, `${preset.id} model: ${n}`).toContain(n)
    }
  })

  it('gives the file’s own English in English, and for a preset it has no translation of', () => {
    const lenet5 = builtIn.find((p) => p.id === 'lenet5')!
    expect(presetText(lenet5, lenet5.modelName, 'en')).toEqual({
      name: lenet5.name,
      description: lenet5.description,
      model: 'LeNet-5',
      lang: 'en',
    })
    expect(presetText(lenet5, lenet5.modelName, 'ja')).toMatchObject({ name: 'MNIST で LeNet-5', lang: 'ja' })
    const own = { id: 'my-net', name: 'My net', description: 'Mine' }
    expect(presetText(own, 'mine', 'ja')).toEqual({
      name: 'My net',
      description: 'Mine',
      model: 'mine',
      lang: 'en',
    })
  })

  it('cuts a text at backquotes into prose and code', () => {
    expect(codeSpans('export with `dllab export-mnist DIR` first')).toEqual([
      { text: 'export with ', code: false },
      { text: 'dllab export-mnist DIR', code: true },
      { text: ' first', code: false },
    ])
  })
})
