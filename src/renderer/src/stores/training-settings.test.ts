// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import lenet5 from '../../../../resources/presets/lenet5.json'
import lenet5Model from '../../../../resources/presets/models/lenet5.json'
import { withFakeApi } from '../test-support/with-fake-api'
import { useDatasetsStore } from './datasets'
import { useModelEditorStore } from './model-editor'
import { useTrainingSettingsStore } from './training-settings'

describe('useTrainingSettingsStore', () => {
  it('waits for a model, then builds the experiment from the form, the editor and the data', () => {
    withFakeApi()
    const settings = useTrainingSettingsStore()
    expect(settings.blocker).toBe('no-model')

    const editor = useModelEditorStore()
    expect(editor.loadText(JSON.stringify(lenet5Model), 'lenet5.json')).toBe(true)
    settings.fromExperiment(lenet5, 'lenet5')
    expect(settings.blocker).toBeNull()
    expect(settings.presetId).toBe('lenet5')
    expect(settings.runName).toBe('LeNet-5 on MNIST')

    settings.set('epochs', 1)
    settings.set('perClassLimit', 30)
    settings.set('runName', '  quick look ')
    expect(settings.runName).toBe('quick look')
    const experiment = settings.experiment
    expect(experiment.model).toEqual(editor.spec)
    expect(experiment.training).toMatchObject({ epochs: 1, batchSize: 64, seed: 1 })
    expect(experiment.data).toEqual({
      source: { kind: 'mnist' },
      preprocess: { colour: 'grey', scale: 'unit' },
      perClassLimit: 30,
    })

    // An edit in the model editor is in the next experiment.
    editor.setLayerField(0, 'filters', 8)
    expect((settings.experiment.model as { layers: { filters?: number }[] }).layers[0]!.filters).toBe(8)
    editor.setLayerField(0, 'kernel', 29)
    expect(settings.blocker).toBe('invalid-model')
    editor.setLayerField(0, 'kernel', 5)
    settings.set('lr', Number.NaN)
    expect(settings.blocker).toBe('invalid-fields')
    expect(settings.invalid).toEqual(['lr'])
  })

  it("takes the Datasets view's source and preprocessing when chosen", () => {
    withFakeApi()
    const settings = useTrainingSettingsStore()
    useModelEditorStore().loadText(JSON.stringify(lenet5Model), 'lenet5.json')
    settings.fromExperiment(lenet5, 'lenet5')
    const datasets = useDatasetsStore()
    datasets.selectedSource = { kind: 'folder', train: '/data/digits/train' }
    datasets.preprocess = { colour: 'grey', size: 28, scale: 'unit', lectureExact: true }
    settings.set('source', 'datasets')
    expect(settings.experiment.data).toMatchObject({
      source: { kind: 'folder', train: '/data/digits/train' },
      preprocess: { colour: 'grey', size: 28, scale: 'unit', lectureExact: true },
    })
    settings.reset()
    expect(settings.presetId).toBeNull()
    expect(settings.draft.source).toBe('mnist')
  })

  it('asks the run for step lines, at most 500 a stage, when the data’s size is known', async () => {
    withFakeApi({
      files: { data: { digits: { '0': { 'a.png': 'image', 'b.png': 'image' }, '1': { 'c.png': 'image' } } } },
    })
    const settings = useTrainingSettingsStore()
    useModelEditorStore().loadText(JSON.stringify(lenet5Model), 'lenet5.json')
    settings.fromExperiment(lenet5, 'lenet5')
    // LeNet-5's exercise on all of MNIST: 3 epochs of ⌈60000/64⌉ = 938 steps → a line every 6 steps.
    expect(settings.experiment.training).toMatchObject({ epochs: 3, batchSize: 64, logEverySteps: 6 })
    settings.set('perClassLimit', 1000)
    settings.set('batchSize', 16)
    settings.set('epochs', 2)
    expect(settings.experiment.training?.logEverySteps).toBe(3) // 2 · 625 = 1250 steps
    // The Datasets view's folder, once read: 2 + 1 images, 1 a class at most → 2 images, 2 epochs.
    const datasets = useDatasetsStore()
    settings.set('source', 'datasets')
    settings.set('perClassLimit', 1)
    settings.set('batchSize', 1)
    expect(await datasets.chooseClassFolder('/data/digits')).toBe(true)
    expect(settings.experiment.training?.logEverySteps).toBe(1)
    // A preset's own folder is not read before the run: no step lines asked for.
    settings.fromExperiment({ ...lenet5, data: { source: { kind: 'folder', train: '/data/lecture/train' } } })
    expect(settings.draft.source).toBe('preset')
    expect(settings.experiment.data.source).toEqual({ kind: 'folder', train: '/data/lecture/train' })
    expect(settings.experiment.training?.logEverySteps).toBeUndefined()
  })
})
