// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError, ApiTimeoutError } from '../api'
import { createAppI18n } from '../i18n'
import { useErrorsStore } from '../stores/errors'
import ErrorBanner from './ErrorBanner.vue'

function mountBanner(locale: 'en' | 'ja') {
  return mount(ErrorBanner, { global: { plugins: [createAppI18n(locale)] } })
}

const missingFolder = new ApiError(
  'Cannot read the training folder /data/gone: it does not exist',
  'datasets.inspect',
  'DatasetError',
  { code: 'folder-unreadable', params: { path: '/data/gone', cause: 'missing' } },
)

describe('ErrorBanner', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('says a coded service error in Japanese, the path verbatim, with no English sentence', async () => {
    const wrapper = mountBanner('ja')
    useErrorsStore().report(missingFolder)
    await wrapper.vm.$nextTick()
    const message = wrapper.get('.error-message')
    expect(message.text()).toBe('フォルダー /data/gone を開けません (存在しません)。')
    expect(message.get('code').text()).toBe('/data/gone')
    expect(message.find('[lang="en"]').exists()).toBe(false)
  })

  it('says the same error in English from the same code', async () => {
    const wrapper = mountBanner('en')
    useErrorsStore().report(missingFolder)
    await wrapper.vm.$nextTick()
    expect(wrapper.get('.error-message').text()).toBe(
      'The folder /data/gone cannot be opened: it does not exist.',
    )
  })

  it('leads an error without a code by its class, its English message apart and marked lang="en"', async () => {
    const wrapper = mountBanner('ja')
    useErrorsStore().report(
      new ApiError('cannot pause run 1: it is stopping', 'training.pause', 'RunStateError'),
    )
    useErrorsStore().report(new TypeError('x is undefined'))
    await wrapper.vm.$nextTick()
    const [known, other] = wrapper.findAll('.error-message')
    expect(known!.get('.service-sentence').text()).toBe('実行が今の状態では、その操作はできません。')
    expect(known!.get('.service-detail-label').text()).toBe('詳細 (英語):')
    expect(known!.get('[lang="en"]').text()).toBe('cannot pause run 1: it is stopping')
    expect(other!.get('.service-sentence').text()).toBe('エラーが発生しました。')
    expect(other!.get('[lang="en"]').text()).toBe('x is undefined')
  })

  it('translates an error made in the renderer (a timeout) with its numbers', async () => {
    const wrapper = mountBanner('ja')
    useErrorsStore().report(new ApiTimeoutError('app.info', 30))
    await wrapper.vm.$nextTick()
    expect(wrapper.get('.error-message').text()).toBe('30 秒以内に応答がありませんでした。')
  })

  it('shows a sentence reported as text as it is, and dismisses an error', async () => {
    const wrapper = mountBanner('ja')
    useErrorsStore().report('画像を読み込めませんでした')
    await wrapper.vm.$nextTick()
    expect(wrapper.get('.error-message').text()).toBe('画像を読み込めませんでした')
    await wrapper.get('button').trigger('click')
    expect(wrapper.findAll('.error-item')).toHaveLength(0)
  })
})
