// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { buildLineChartSvg, figureText } from '../../../../shared/figures'
import { createAppI18n } from '../../i18n'
import { withFakeApi } from '../../test-support/with-fake-api'
import FigureCard from './FigureCard.vue'

/** A figure card names its picture by its caption, with the notation of a Japanese title in <bdi>. */
describe('FigureCard', () => {
  it('labels the picture with its Japanese caption, the loss name isolated', () => {
    withFakeApi()
    // happy-dom has no object URLs of its own.
    URL.createObjectURL = () => 'blob:figure'
    URL.revokeObjectURL = () => undefined
    const title = figureText('ja').lossTitle('softmax-cross-entropy')
    const svg = buildLineChartSvg({ title, series: [{ name: 'a', points: [{ x: 1, y: 1 }] }] })
    const card = mount(FigureCard, {
      props: { figure: { name: 'loss', svg, csv: '', json: null }, title },
      global: { plugins: [createAppI18n('ja')] },
    })
    const caption = card.get('.figure-card-title')
    expect(caption.text()).toBe('サンプルあたりの誤差（softmax-cross-entropy）')
    expect(caption.findAll('bdi').map((b) => b.text())).toEqual(['softmax-cross-entropy'])
    const image = card.get('img')
    expect(image.attributes('src')).toBe('blob:figure')
    expect(image.attributes('aria-labelledby')).toBe(caption.attributes('id'))
    expect(image.attributes('alt')).toBeUndefined()
  })
})
