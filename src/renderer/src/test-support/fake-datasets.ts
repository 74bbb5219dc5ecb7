import { type FakeHandlers, notFaked } from './fake-handlers'

/** datasets.inspect for the fake api (Datasets view: built-in MNIST, IDX, CIFAR, preview). */
export function createFakeDatasets(): FakeHandlers<'datasets.inspect'> {
  return { 'datasets.inspect': notFaked('datasets.inspect') }
}
