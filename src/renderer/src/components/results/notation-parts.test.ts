// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { createAppI18n } from '../../i18n'
import NotationText from './NotationText.vue'
import { textParts } from './notation-parts'

const names = (text: string) => textParts(text, 'ja').flatMap((p) => (p.notation ? [p.text] : []))

describe('notation in Japanese titles', () => {
  it('isolates loss, layer, type, class and file names, and nothing else', () => {
    expect(textParts('サンプルあたりの誤差（softmax-cross-entropy）', 'ja')).toEqual([
      { text: 'サンプルあたりの誤差（', notation: false },
      { text: 'softmax-cross-entropy', notation: true },
      { text: '）', notation: false },
    ])
    expect(names('conv1 の特徴マップ（画像 #0、クラス airplane）')).toEqual(['conv1', 'airplane'])
    expect(names('conv1.act (activation)、形状 4 × 28 × 28')).toEqual(['conv1.act', 'activation'])
    expect(names('重みの図と再構成はありません: この実行にはまだ weights.npz がありません')).toEqual([
      'weights.npz',
    ])
    expect(names('混合行列（テストデータ）')).toEqual([])
  })

  it('leaves English text whole', () => {
    expect(textParts('Loss per sample (mse)', 'en')).toEqual([
      { text: 'Loss per sample (mse)', notation: false },
    ])
  })

  it('renders the names in <bdi> in Japanese, the text unchanged', () => {
    // Inside a caption, as FigureCard shows it: the spaces around the names are kept.
    const render = (locale: 'en' | 'ja') =>
      mount(
        defineComponent({
          components: { NotationText },
          template:
            '<span class="caption"><NotationText text="conv1 の重み (softmax-cross-entropy)" /></span>',
        }),
        { global: { plugins: [createAppI18n(locale)] } },
      )
    const ja = render('ja')
    expect(ja.get('.caption').element.textContent).toBe('conv1 の重み (softmax-cross-entropy)')
    expect(ja.findAll('bdi').map((b) => b.text())).toEqual(['conv1', 'softmax-cross-entropy'])
    const en = render('en')
    expect(en.get('.caption').element.textContent).toBe('conv1 の重み (softmax-cross-entropy)')
    expect(en.findAll('bdi')).toHaveLength(0)
  })
})
