import { describe, expect, it } from 'vitest'
import { errorCodes, fsCauses, scanProblemCodes } from '../../../shared/ipc/message-codes'
import { createAppI18n, messages } from './index'
import { errorText, scanProblemText, type Translator } from './service-text'

function translator(locale: 'en' | 'ja'): Translator {
  const { t, te } = createAppI18n(locale).global
  return { t: (key) => t(key as never), te: (key) => te(key as never), locale }
}

/** The sentence as a screen shows it: each value's text in place of its placeholder. */
function render(locale: 'en' | 'ja', text: ReturnType<typeof errorText>): string {
  const { t } = createAppI18n(locale).global
  return t(text.key as never, Object.fromEntries(Object.entries(text.parts).map(([k, p]) => [k, p.text])))
}

describe('service text', () => {
  for (const locale of ['en', 'ja'] as const) {
    const section = messages[locale].serviceText
    it(`has a ${locale} message for every scan problem, error code and file-system cause`, () => {
      expect(Object.keys(section.scanProblems).sort()).toEqual([...scanProblemCodes].sort())
      expect(Object.keys(section.errors).sort()).toEqual([...errorCodes].sort())
      expect(Object.keys(section.causes).sort()).toEqual([...fsCauses].sort())
    })
  }

  it('says a missing folder with its path verbatim and its cause translated', () => {
    const error = {
      name: 'DatasetError',
      message: 'Cannot read the training folder /d/x: it does not exist',
      code: 'folder-unreadable',
      params: { path: '/d/x', cause: 'missing' },
    }
    const ja = errorText(error, translator('ja'))
    expect(ja.parts).toEqual({
      path: { text: '/d/x', verbatim: true },
      cause: { text: '存在しません', verbatim: false },
    })
    expect(ja.detail).toBeUndefined()
    expect(render('ja', ja)).toBe('フォルダー /d/x を開けません (存在しません)。')
    expect(render('en', errorText(error, translator('en')))).toBe(
      'The folder /d/x cannot be opened: it does not exist.',
    )
  })

  it('writes counts the locale’s way and names every missing file', () => {
    const error = {
      name: 'DatasetError',
      message: '…',
      code: 'files-unreadable',
      params: { files: '/a/train-images, /a/train-labels', count: 2, cause: 'missing' },
    }
    expect(render('ja', errorText(error, translator('ja')))).toBe(
      'データセットのファイルを 2 個読めません (存在しません): /a/train-images, /a/train-labels',
    )
    const timeout = { name: 'ApiTimeoutError', message: '…', code: 'timeout', params: { seconds: 1500 } }
    expect(errorText(timeout, translator('en')).parts.seconds).toEqual({ text: '1,500', verbatim: false })
  })

  it('leads an error without a code by its class, or generically, with its message as detail', () => {
    const state = errorText({ name: 'RunStateError', message: 'cannot pause run 1' }, translator('ja'))
    expect(state).toEqual({
      key: 'serviceText.byName.RunStateError',
      parts: {},
      detail: 'cannot pause run 1',
    })
    const unknownCode = errorText({ name: 'Oops', message: 'boom', code: 'not-a-code' }, translator('ja'))
    expect(unknownCode).toEqual({ key: 'serviceText.byName.generic', parts: {}, detail: 'boom' })
  })

  it('keeps a decoder’s own words as the detail of a damaged image, not in the sentence', () => {
    const problem = {
      path: 'square/broken.png',
      code: 'damaged' as const,
      params: { format: 'PNG', detail: 'image file is truncated (10 of 3072 bytes of image data)' },
      reason: 'PNG: image file is truncated (10 of 3072 bytes of image data)',
    }
    const ja = scanProblemText(problem, translator('ja'))
    expect(ja.detail).toBe('image file is truncated (10 of 3072 bytes of image data)')
    expect(render('ja', ja)).toBe('PNG ファイルが壊れていて、デコードできません。')
    const unknown = scanProblemText({ ...problem, code: 'future' as never }, translator('ja'))
    expect(unknown).toEqual({ key: 'serviceText.skipped', parts: {}, detail: problem.reason })
  })
})
