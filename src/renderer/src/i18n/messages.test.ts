import { describe, expect, it } from 'vitest'
import { createAppI18n, messages } from './index'
import { englishWords } from './latin-names'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  )
}

const keys = leaves(messages.en).map(([key]) => key)
/** Same in both languages on purpose. */
const sameEverywhere = new Set(['app.name'])

describe('messages', () => {
  it('has the same keys in Japanese as in English', () => {
    expect(leaves(messages.ja).map(([key]) => key)).toEqual(keys)
  })

  it('translates every message (nothing left in English in the Japanese screens)', () => {
    const untranslated = leaves(messages.ja).filter(
      ([key, value]) => !sameEverywhere.has(key) && !/[\u3040-\u30ff\u4e00-\u9fff]/.test(value),
    )
    expect(untranslated).toEqual([])
  })

  it('shows no English words in the Japanese screens, only the names allowed above', () => {
    const english = leaves(messages.ja)
      .filter(([key]) => !sameEverywhere.has(key))
      .flatMap(([key, value]) => englishWords(value).map((word) => `${key}: ${word}`))
    expect(english).toEqual([])
  })

  it('finds English words but not allowed names, placeholders or short abbreviations', () => {
    expect(englishWords('{count} 個の画像を Load します')).toEqual(['Load'])
    expect(englishWords('MNIST と CIFAR-10 の PNG を VGG-mini と LeNet-5 で (ReLU, tanh) {name}')).toEqual([])
    expect(englishWords('epoch ごとの Loss')).toEqual(['epoch', 'Loss'])
    // An allowed name inside a longer word does not excuse it.
    expect(englishWords('MNISTdata')).toEqual(['MNISTdata'])
  })

  for (const locale of ['en', 'ja'] as const) {
    it(`renders every ${locale} message with no leftover syntax or missing key`, () => {
      const { t } = createAppI18n(locale).global
      const params = {
        n: 2,
        name: 'cats',
        path: '/data',
        pattern: 'a/b',
        className: 'cat',
        index: 1,
        version: '1.0',
        title: 'MNIST',
        zoom: 4,
        train: 'train',
        test: 'test',
        folder: 'cifar-10-batches-bin',
        mnist: 'mnist',
      }
      for (const key of keys) {
        const text = t(key as never, params, 2)
        expect(text, key).not.toBe(key)
        expect(text, key).not.toMatch(/[{}|@]/)
        expect(text.length, key).toBeGreaterThan(0)
      }
    })
  }

  it('chooses the plural form by count in English and writes counts the Japanese way', () => {
    const en = createAppI18n('en').global
    expect([0, 1, 3].map((n) => en.t('common.images', n))).toEqual(['no images', '1 image', '3 images'])
    const ja = createAppI18n('ja').global
    expect(ja.t('common.images', 3)).toBe('画像 3 枚')
  })
})
