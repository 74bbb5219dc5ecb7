/** The engine's layers, one per file; each keeps the Layer contract of layer.ts. */
export type { BackwardOptions, ForwardOptions, Layer, LayerContext, Parameter } from './layer'
export { ActivationLayer, activations, type ActivationConfig, type ActivationName } from './activation'
export { Conv2dLayer, type Conv2dConfig } from './conv2d'
export { DenseLayer, type DenseConfig } from './dense'
export { DropoutLayer, type DropoutConfig } from './dropout'
export { FlattenLayer, type FlattenConfig } from './flatten'
export { NoiseLayer, type NoiseConfig, type NoiseKind } from './noise'
export { Pool2dLayer, type Pool2dConfig } from './pool2d'
export { ReshapeLayer, type ReshapeConfig } from './reshape'
export { TiedDenseLayer, type TiedDenseConfig } from './tied-dense'
export {
  UnitSumLayer,
  unitSumBackwards,
  unitSumModes,
  type UnitSumBackward,
  type UnitSumConfig,
  type UnitSumMode,
} from './unit-sum'
export { outputSize, perAxis, windowGeometry, type PerAxis } from './window'
