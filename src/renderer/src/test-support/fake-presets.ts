import type { PresetSummary } from '../../../shared/ipc/lab-types'
import cifarPerChannel from '../../../../resources/presets/cifar-per-channel.json'
import lenet5 from '../../../../resources/presets/lenet5.json'
import cifarPerChannelModel from '../../../../resources/presets/models/cifar-per-channel.json'
import lenet5Model from '../../../../resources/presets/models/lenet5.json'
import stackedAeModel from '../../../../resources/presets/models/stacked-ae.json'
import stackedAe from '../../../../resources/presets/stacked-ae.json'
import { type FakeHandlers } from './fake-handlers'

/**
 * Three of the real preset files (resources/presets) as the service lists them, in file-name order:
 * the homework's per-channel autoencoders, LeNet-5, the stacked autoencoders. The model is the preset
 * model file the experiment names (the service also fills in defaults; the files are complete enough).
 */
export const fakePresets: readonly PresetSummary[] = [
  { id: 'cifar-per-channel', experiment: cifarPerChannel, model: cifarPerChannelModel },
  { id: 'lenet5', experiment: lenet5, model: lenet5Model },
  { id: 'stacked-ae', experiment: stackedAe, model: stackedAeModel },
].map(({ id, experiment, model }) => ({
  id,
  name: experiment.name,
  description: experiment.description,
  task: experiment.task.kind as PresetSummary['task'],
  experiment,
  model,
}))

/** presets.list for the fake api (Home view, Train view). */
export function createFakePresets(): FakeHandlers<'presets.list'> {
  return { 'presets.list': () => fakePresets }
}
