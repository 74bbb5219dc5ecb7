import { describe, expect, it } from 'vitest'
import { createAppI18n, messages } from './index'

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
