// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createAppI18n } from '../../i18n'
import type { FakeApi } from '../../test-support/fake-api'
import { withFakeApi } from '../../test-support/with-fake-api'
import ResultsView from '../../views/ResultsView.vue'

const experiment = (name: string, kind: string) => ({ format: 'dllab.experiment/1', name, task: { kind } })

async function finished(fake: FakeApi, name: string, kind: string): Promise<string> {
  const { runId } = await fake['training.start']({ experiment: experiment(name, kind) })
  fake.finishRun(runId)
  return runId
}

async function mountView() {
  // happy-dom has no object URLs for the figures' <img>.
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:figure')
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
  const wrapper = mount(ResultsView, {
    attachTo: document.body,
    global: { plugins: [getActivePinia()!, createAppI18n('en')] },
  })
  await vi.waitFor(async () => {
    await flushPromises()
    expect(wrapper.find('[role="tablist"]').exists()).toBe(true)
  })
  return wrapper
}

describe('ResultsView', () => {
  it("shows a classifier's confusion matrix, correct count and a cell's images", async () => {
    const fake = withFakeApi()
    await finished(fake, 'digits', 'classify')
    const wrapper = await mountView()
    expect(wrapper.get('[data-testid="accuracy"]').text()).toBe('77.78 %')
    expect(wrapper.get('[data-testid="correct-count"]').text()).toBe('7 of 9')
    const cells = wrapper.findAll('.confusion-button')
    expect(cells.map((c) => c.text())).toEqual(['2', '1', '0', '0', '3', '0', '1', '0', '2'])
    expect(cells[1]!.attributes('aria-label')).toBe('1 test images of circle predicted as square')
    // Only the first cell is in the tab order; the arrow keys move through the matrix.
    expect(cells.map((c) => c.attributes('tabindex'))).toEqual([
      '0',
      '-1',
      '-1',
      '-1',
      '-1',
      '-1',
      '-1',
      '-1',
      '-1',
    ])
    await cells[0]!.trigger('keydown', { key: 'ArrowRight' })
    await flushPromises()
    expect(document.activeElement?.getAttribute('data-cell')).toBe('0-1')

    await cells[6]!.trigger('click')
    await flushPromises()
    const panel = wrapper.get('.cell-panel')
    expect(panel.get('h3').text()).toContain('triangle predicted as circle')
    expect(panel.findAll('.cell-sample-confidence').map((c) => c.text())).toEqual(['Confidence 55.0 %'])
    expect(panel.get('img').attributes('alt')).toBe('Test image 7: triangle, predicted circle')
    expect(
      wrapper.findAll('.metrics-table tbody tr').map((r) => r.findAll('td').map((d) => d.text())),
    ).toEqual([
      ['3', '3', '0.667', '0.667', '0.667'],
      ['3', '4', '0.750', '1.000', '0.857'],
      ['3', '2', '1.000', '0.667', '0.800'],
    ])
    wrapper.unmount()
  })

  it("opens an autoencoder run on its figures and switches the weight tiles' range", async () => {
    const fake = withFakeApi()
    await finished(fake, 'ae', 'autoencode')
    const wrapper = await mountView()
    expect(wrapper.findAll('[role="tab"]').map((t) => t.text())).toEqual(['Figures'])
    expect(wrapper.findAll('.figure-card').map((f) => f.attributes('data-figure'))).toEqual([
      'loss',
      'weights-enc',
      'reconstructions',
    ])
    await wrapper.get('input[type="radio"][value="global"]').trigger('change')
    await flushPromises()
    expect(fake.calls.filter((c) => c.channel === 'runs.figures').at(-1)?.request).toMatchObject({
      normalise: 'global',
    })
    wrapper.unmount()
  })

  it('opens each run on its first tab: a classifier on its evaluation', async () => {
    const fake = withFakeApi()
    const digits = await finished(fake, 'digits', 'classify')
    await finished(fake, 'ae', 'autoencode')
    const wrapper = await mountView()
    const selected = () => wrapper.get('[role="tab"][aria-selected="true"]').text()
    expect(selected()).toBe('Figures')
    await wrapper.get('select').setValue(digits)
    await vi.waitFor(async () => {
      await flushPromises()
      expect(selected()).toBe('Evaluation')
    })
    // Choosing the run shown again neither reloads it nor leaves its tab.
    const detailCalls = fake.calls.filter((c) => c.channel === 'runs.detail').length
    await wrapper.get('select').trigger('change')
    await flushPromises()
    expect(selected()).toBe('Evaluation')
    expect(fake.calls.filter((c) => c.channel === 'runs.detail')).toHaveLength(detailCalls)
    wrapper.unmount()
  })

  it("draws a running run's live reconstructions as they arrive", async () => {
    const fake = withFakeApi()
    const { runId } = await fake['training.start']({ experiment: experiment('live ae', 'autoencode') })
    const wrapper = await mountView()
    expect(wrapper.get('.live-preview').text()).toContain('Waiting for the first reconstructions…')
    const preview = {
      kind: 'reconstructions' as const,
      stage: 'train',
      epoch: 3,
      sampleShape: [4],
      indices: [5, 8],
      inputs: [
        [0, 1, 0, 1],
        [1, 1, 0, 0],
      ],
      outputs: [
        [0.1, 0.9, 0.2, 0.8],
        [0.7, 0.8, 0.1, 0.2],
      ],
    }
    fake.emit('training.preview', { type: 'preview', runId, job: 'train', preview })
    await flushPromises()
    expect(wrapper.get('.live-job-title').text()).toBe('Epoch 3')
    expect(wrapper.findAll('canvas').map((c) => c.attributes('aria-label'))).toEqual([
      'Input of test image 5',
      'Reconstruction of test image 5',
      'Input of test image 8',
      'Reconstruction of test image 8',
    ])
    wrapper.unmount()
  })

  it("recombines the homework's R, G and B channel previews into colour images", async () => {
    const fake = withFakeApi()
    const { runId } = await fake['training.start']({
      experiment: experiment('cifar homework', 'per-channel-autoencode'),
    })
    const wrapper = await mountView()
    for (const job of ['R', 'G', 'B'] as const) {
      const preview = {
        kind: 'reconstructions' as const,
        stage: `channel:${job}`,
        epoch: 1,
        sampleShape: [4],
        indices: [2],
        inputs: [[0, 0.5, 1, 0.5]],
        outputs: [[0.1, 0.4, 0.9, 0.5]],
      }
      fake.emit('training.preview', { type: 'preview', runId, job, preview })
    }
    await flushPromises()
    expect(wrapper.findAll('.live-job-title').map((p) => p.text())).toEqual([
      'Job R · Epoch 1',
      'Job G · Epoch 1',
      'Job B · Epoch 1',
      'Recombined colour (R, G, B) · Epoch 1',
    ])
    expect(wrapper.findAll('canvas')).toHaveLength(8)
    wrapper.unmount()
  })

  it('computes the im2col view of a patch from the form', async () => {
    const fake = withFakeApi()
    await finished(fake, 'digits', 'classify')
    const wrapper = await mountView()
    const im2colTab = wrapper.findAll('[role="tab"]').find((t) => t.text() === 'im2col')!
    await im2colTab.trigger('click')
    await wrapper.get('form.inspect-form').trigger('submit')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-testid="im2col-formula"]').exists()).toBe(true)
    })
    expect(wrapper.get('[data-testid="im2col-formula"]').text()).toBe(
      'U′ = F X′ + b: (2 × 9) · (9 × 4) = (2 × 4)',
    )
    // The lecture's order: the input read, F (with b) beside X′, U′, then U′ as the two feature maps.
    expect(wrapper.findAll('.matrix-table caption').map((c) => c.text())).toEqual([
      'Input X read by the patch (channel 0, zero padding included)',
      'F: one row per filter',
      'X′: unrolled input, (C·FY·FX) rows × one column per output position',
      'U′ = F X′ + b',
      'Feature map 0',
      'Feature map 1',
    ])
    const product = wrapper.findAll('.matrix-table').find((m) => m.get('caption').text() === 'U′ = F X′ + b')!
    // Sample 0 is X[y][x] = ((3y + 5x) mod 11)/10, zero padded; outputs (0,0) (0,1) (1,0) (1,1).
    // Sharpen + 0.1 at (1,1): 5·0.8 − 0.5 − 0 − 0.3 − 0.2 + 0.1 = 3.1;
    // Sobel x − 0.2 at (1,1): −0 + 1.0 − 2·0.3 + 2·0.2 − 0.6 + 0.5 − 0.2 = 0.5.
    expect(product.findAll('tbody tr').map((r) => r.findAll('td').map((d) => d.text()))).toEqual([
      ['−0.7', '0.8', '0.2', '3.1'],
      ['1.6', '1.7', '1.9', '0.5'],
    ])
    wrapper.unmount()
  })
})
