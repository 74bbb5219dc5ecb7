/**
 * CIFAR-10's class names in label order (label byte 0–9 of the binary batches; batches.meta.txt
 * lists the same). Shared by the CIFAR source (main) and the renderer's test double of datasets.inspect.
 */
export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const
