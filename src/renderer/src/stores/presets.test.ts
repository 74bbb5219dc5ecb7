// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { withFakeApi } from '../test-support/with-fake-api'
import { useErrorsStore } from './errors'
import { useModelEditorStore } from './model-editor'
import { useNavigationStore } from './navigation'
import { inLectureOrder, usePresetsStore } from './presets'
import { useTrainingSettingsStore } from './training-settings'

describe('usePresetsStore', () => {
  beforeEach(() => history.replaceState(null, '', '/'))

  it('lists the exercises once', async () => {
    const fake = withFakeApi()
    const store = usePresetsStore()
    await Promise.all([store.load(), store.load()])
    await store.load()
    expect(store.presets.map((p) => [p.id, p.task])).toEqual([
      ['cifar-per-channel', 'per-channel-autoencode'],
      ['lenet5', 'classify'],
      ['stacked-ae', 'pretrain-stack'],
    ])
    expect(fake.calls.filter((c) => c.channel === 'presets.list')).toHaveLength(1)
  })

  it('opens LeNet-5: its model in the editor, its experiment in Train, and the Model view', async () => {
    withFakeApi()
    const store = usePresetsStore()
    await store.load()
    expect(store.open('lenet5')).toBe(true)
    const editor = useModelEditorStore()
    expect(editor.name).toBe('LeNet-5')
    expect(editor.rows.map((r) => r.name)).toEqual([
      'conv1',
      'pool1',
      'conv2',
      'pool2',
      'flatten1',
      'fc1',
      'fc2',
      'fc3',
    ])
    expect(editor.check.totalParameters).toBe(61_706)
    const settings = useTrainingSettingsStore()
    expect(settings.presetId).toBe('lenet5')
    expect(settings.draft).toMatchObject({
      name: 'LeNet-5 on MNIST',
      epochs: 3,
      batchSize: 64,
      optimizer: 'adam',
    })
    expect(useNavigationStore().current).toBe('model')
    expect(location.hash).toBe('#/model')
    expect(store.openedId).toBe('lenet5')
    expect(store.open('no-such-preset')).toBe(false)
  })

  it("puts the lecture's programs first, then the networks, then the rest in the service's order", () => {
    const preset = (id: string) => ({
      id,
      name: id,
      description: '',
      task: 'classify' as const,
      experiment: {},
      model: {},
    })
    const ids = ['ae-tied', 'my-own', 'lenet5', 'lecture-ae-100', 'another', 'lecture-dl']
    expect(inLectureOrder(ids.map(preset)).map((p) => p.id)).toEqual([
      'lecture-dl',
      'lecture-ae-100',
      'lenet5',
      'ae-tied',
      'my-own',
      'another',
    ])
  })

  it('reports a list that cannot be read and can try again', async () => {
    const fake = withFakeApi()
    const store = usePresetsStore()
    fake.failNext('presets.list', 'presets.list is not available yet')
    await store.load()
    expect(store.loaded).toBe(false)
    expect(useErrorsStore().errors[0]?.message).toBe('presets.list is not available yet')
    await store.load()
    expect(store.presets).toHaveLength(3)
  })
})
