// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { createAppI18n } from '../i18n'
import { useDatasetsStore } from '../stores/datasets'
import { CHOICE_STORAGE_KEY } from '../stores/datasets-memory'
import { withFakeApi } from '../test-support/with-fake-api'
import DatasetsView from './DatasetsView.vue'

const files = {
  data: {
    cifar: {
      ...Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`data_batch_${i}.bin`, 'text'])),
      'test_batch.bin': 'text',
    },
  },
} as const

async function mountView() {
  const fake = withFakeApi({ files: structuredClone(files) as never, home: '/data' })
  const wrapper = mount(DatasetsView, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
  await flushPromises()
  return { fake, wrapper, store: useDatasetsStore() }
}

/** The control whose <label> reads `text` (by for=id, or by wrapping it). */
function byLabel(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper'], text: string) {
  const label = wrapper.findAll('label').find((l) => l.text() === text)
  if (!label) throw new Error(`no label "${text}"`)
  const id = label.attributes('for')
  return id ? wrapper.get(`#${CSS.escape(id)}`) : label.get('input')
}

const figures = (wrapper: Awaited<ReturnType<typeof mountView>>['wrapper']) =>
  wrapper.findAll('.scan-figure').map((f) => [f.get('dt').text(), f.get('dd').text()])

describe('DatasetsView', () => {
  // The choice is remembered in localStorage (happy-dom keeps one for the whole file).
  beforeEach(() => localStorage.clear())

  it('shows built-in MNIST at once: classes with counts, and the preview of the network input', async () => {
    const { wrapper } = await mountView()
    expect(wrapper.get('h2').text()).toBe('Training uses: MNIST (built in)')
    expect(figures(wrapper)).toEqual([
      ['Classes', '10'],
      ['Training images', '60,000'],
      ['Test images', '10,000'],
      ['Unreadable files', '0'],
    ])
    expect(wrapper.findAll('.class-card .class-count').map((c) => c.text())[1]).toBe('6,742 images')
    const images = wrapper.findAll('.preview-image')
    expect(images).toHaveLength(8)
    // 28×28 drawn ×4 with square pixels.
    expect([images[0]!.attributes('width'), images[0]!.attributes('height')]).toEqual(['112', '112'])
    expect(wrapper.get('.preview-facts').text()).toContain('(1, 28, 28)')
    // The service's numbers, to three significant digits.
    const { min, max, mean } = useDatasetsStore().inspection!.preview.samples[0]!
    expect([min, max]).toEqual([0, 1])
    expect(wrapper.get('.preview-stats').text()).toBe(`min 0 · max 1 · mean ${Number(mean.toPrecision(3))}`)
    wrapper.unmount()
  })

  it('asks for a new preview when the colour, size or scaling changes', async () => {
    const { fake, wrapper } = await mountView()
    await byLabel(wrapper, 'RGB (3 channels)').setValue(true)
    await flushPromises()
    expect(wrapper.get('.preview-facts').text()).toContain('(3, 28, 28)')

    const size = byLabel(wrapper, 'Size (pixels)')
    expect(size.attributes('placeholder')).toBe('28')
    await size.setValue('14')
    await size.trigger('change')
    await flushPromises()
    expect(wrapper.get('.preview-facts').text()).toContain('(3, 14, 14)')
    expect(wrapper.findAll('.preview-image')[0]!.attributes('width')).toBe('112')

    await size.setValue('0')
    await size.trigger('change')
    expect(size.attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Enter a whole number from 1 to 4096')

    await byLabel(wrapper, 'x / Σx, values sum to 1 (the lecture’s autoencoder)').setValue(true)
    await flushPromises()
    const requests = fake.calls.filter((c) => c.channel === 'datasets.inspect').map((c) => c.request)
    expect(requests.map((r) => (r as { preprocess: unknown }).preprocess)).toEqual([
      { colour: 'grey', scale: 'unit', lectureExact: false },
      { colour: 'rgb', scale: 'unit', lectureExact: false },
      { colour: 'rgb', size: 14, scale: 'unit', lectureExact: false },
      { colour: 'rgb', size: 14, scale: 'unit-sum', lectureExact: false },
    ])
    wrapper.unmount()
  })

  it('reads CIFAR-10 batches from a chosen folder with the published file names', async () => {
    const { wrapper, store } = await mountView()
    await byLabel(wrapper, 'CIFAR-10 binary').setValue(true)
    const use = wrapper.findAll('button').find((b) => b.text() === 'Use these files')!
    expect(use.attributes('disabled')).toBeDefined()

    // Web mode: the folder browser opens at home (/data); open cifar and choose it.
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Choose folder…')!
      .trigger('click')
    await flushPromises()
    const picker = (await import('../stores/folder-picker')).useFolderPickerStore()
    await picker.openFolder('/data/cifar')
    picker.choose()
    await flushPromises()
    expect(byLabel(wrapper, 'Training batches').element).toHaveProperty(
      'value',
      'data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin',
    )
    await byLabel(wrapper, 'Training batches').setValue('data_batch_1.bin, data_batch_2.bin')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(store.selectedSource).toEqual({
      kind: 'cifar-binary',
      trainBatches: ['/data/cifar/data_batch_1.bin', '/data/cifar/data_batch_2.bin'],
      testBatch: '/data/cifar/test_batch.bin',
    })
    expect(figures(wrapper).slice(1, 3)).toEqual([
      ['Training images', '20,000'],
      ['Test images', '10,000'],
    ])
    expect(wrapper.findAll('.class-card .class-name').map((c) => c.text())).toContain('airplane')
    wrapper.unmount()
  })

  it('comes back to MNIST with a notice when the folder chosen last time is gone', async () => {
    localStorage.setItem(
      CHOICE_STORAGE_KEY,
      JSON.stringify({
        source: { kind: 'folder', train: '/data/shapes-moved' },
        preprocess: { colour: 'rgb', size: 32, scale: 'unit', lectureExact: false },
      }),
    )
    const { wrapper, store } = await mountView()
    const notice = wrapper.get('[role="alert"]')
    expect(notice.text()).toContain(
      'The dataset chosen last time (/data/shapes-moved) cannot be read any more, so built-in MNIST is used.',
    )
    expect(wrapper.get('h2').text()).toBe('Training uses: MNIST (built in)')
    expect(byLabel(wrapper, 'MNIST (built in)').element).toHaveProperty('checked', true)
    expect(store.preprocess).toEqual({ colour: 'grey', scale: 'unit', lectureExact: false })
    await notice.get('button').trigger('click')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the CIFAR files chosen last time after a reload', async () => {
    const first = await mountView()
    await byLabel(first.wrapper, 'CIFAR-10 binary').setValue(true)
    await first.store.chooseSource({ kind: 'cifar-binary', trainBatches: ['/data/cifar/data_batch_1.bin'] })
    first.wrapper.unmount()

    const { wrapper, store } = await mountView()
    expect(store.selectedSource).toEqual({
      kind: 'cifar-binary',
      trainBatches: ['/data/cifar/data_batch_1.bin'],
    })
    expect(byLabel(wrapper, 'CIFAR-10 binary').element).toHaveProperty('checked', true)
    expect(figures(wrapper)[1]).toEqual(['Training images', '10,000'])
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
