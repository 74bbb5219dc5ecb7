import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { englishWords } from '../../i18n/latin-names'
import { codeSpans, presetText } from './preset-text'
import { presetTextJa } from './preset-text-ja'

const presetsDir = resolve(import.meta.dirname, '../../../../../resources/presets')
const builtIn = readdirSync(presetsDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => {
    const preset = JSON.parse(readFileSync(join(presetsDir, file), 'utf8')) as {
      name: string
      description: string
      model: string
    }
    const model = JSON.parse(readFileSync(join(presetsDir, 'models', `${preset.model}.json`), 'utf8')) as {
      name: string
    }
    return { id: file.replace(/\.json$/, ''), ...preset, modelName: model.name }
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
