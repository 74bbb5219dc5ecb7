// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { ScanProblem } from '../../../shared/ipc/contract'
import { createAppI18n } from '../i18n'
import ScanProblems from './ScanProblems.vue'

const problems: ScanProblem[] = [
  {
    path: 'square/broken.png',
    code: 'damaged',
    params: { format: 'PNG', detail: 'chunk IDAT is truncated' },
    reason: 'PNG: chunk IDAT is truncated',
  },
  { path: 'empty', code: 'empty-class', reason: 'no images in this class folder' },
  {
    path: 'square/gone.png',
    code: 'unreadable',
    params: { cause: 'permission' },
    reason: 'cannot read: permission denied',
  },
]

function rows(locale: 'en' | 'ja') {
  const wrapper = mount(ScanProblems, { props: { problems }, global: { plugins: [createAppI18n(locale)] } })
  return wrapper.findAll('.problem').map((row) => ({
    path: row.get('.problem-path').text(),
    sentence: row.get('.service-sentence').text(),
    label: row.find('.service-detail-label').exists() ? row.get('.service-detail-label').text() : null,
    english: row.find('[lang="en"]').exists() ? row.get('[lang="en"]').text() : null,
  }))
}

describe('ScanProblems', () => {
  it('says each problem in Japanese; the decoder’s own words only as a labelled English detail', () => {
    expect(rows('ja')).toEqual([
      {
        path: 'square/broken.png',
        sentence: 'PNG ファイルが壊れていて、デコードできません。',
        label: '詳細 (英語):',
        english: 'chunk IDAT is truncated',
      },
      { path: 'empty', sentence: 'このクラスのフォルダーには画像がありません。', label: null, english: null },
      {
        path: 'square/gone.png',
        sentence: 'ファイルを読めません (アクセスが許可されていません)。',
        label: null,
        english: null,
      },
    ])
  })

  it('says the same problems in English from their codes', () => {
    expect(rows('en').map((r) => r.sentence)).toEqual([
      'The PNG file is damaged and cannot be decoded.',
      'This class folder has no images.',
      'The file cannot be read: permission denied.',
    ])
  })
})
