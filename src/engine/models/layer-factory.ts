import { SpecError } from '../errors'
import type { InitOptions } from '../init/initializers'
import type { Rng } from '../init/rng'
import { ActivationLayer } from '../layers/activation'
import { Conv2dLayer } from '../layers/conv2d'
import { DenseLayer } from '../layers/dense'
import { DropoutLayer } from '../layers/dropout'
import { FlattenLayer } from '../layers/flatten'
import type { Layer, LayerContext } from '../layers/layer'
import { NoiseLayer, type NoiseConfig } from '../layers/noise'
import { Pool2dLayer } from '../layers/pool2d'
import { ReshapeLayer } from '../layers/reshape'
import { TiedDenseLayer } from '../layers/tied-dense'
import { UnitSumLayer } from '../layers/unit-sum'
import type { LayerShapeInfo } from './shape-rules'
import type { ParsedLayerSpec, ParsedNoiseSpec } from './spec'

/**
 * Turns each spec layer into layer objects: the layer itself, then, when the spec gives it an
 * `activation`, an activation layer named `${name}.act` (kept separate, not folded in, so viewers
 * can show the pre- and post-activation maps and every layer file stays one operation).
 *
 * Weights are drawn from `initRng` in layer order; dropout and noise draw from `runtimeRng` at
 * training time, so adding a dropout layer never changes the initial weights of the others.
 */
export interface BuiltLayer {
  layer: Layer
  /** Index of the spec layer it came from. */
  specIndex: number
}

export interface FactoryContext {
  init: InitOptions
  initRng: Rng
  runtimeRng: Rng
  /** Built so far, to find a tied decoder's encoder. */
  built: readonly BuiltLayer[]
}

function noiseConfig(spec: ParsedNoiseSpec): NoiseConfig {
  return spec.kind === 'gaussian'
    ? { kind: 'gaussian', sigma: spec.level }
    : { kind: spec.kind, fraction: spec.level }
}

function createLayer(spec: ParsedLayerSpec, ctx: LayerContext, f: FactoryContext): Layer {
  switch (spec.type) {
    case 'dense':
      return new DenseLayer({ units: spec.units, useBias: spec.useBias }, ctx)
    case 'conv2d':
      return new Conv2dLayer(
        {
          filters: spec.filters,
          kernel: spec.kernel,
          stride: spec.stride,
          padding: spec.padding,
          useBias: spec.useBias,
        },
        ctx,
      )
    case 'pool2d':
      return new Pool2dLayer(
        {
          mode: spec.mode,
          size: spec.size,
          stride: spec.stride,
          padding: spec.padding,
          ...(spec.p ? { p: spec.p } : {}),
        },
        ctx,
      )
    case 'flatten':
      return new FlattenLayer({}, ctx)
    case 'reshape':
      return new ReshapeLayer({ shape: spec.shape }, ctx)
    case 'activation':
      return new ActivationLayer({ activation: spec.activation }, ctx)
    case 'dropout':
      return new DropoutLayer({ rate: spec.rate }, { ...ctx, rng: f.runtimeRng })
    case 'noise':
      return new NoiseLayer(noiseConfig(spec), { ...ctx, rng: f.runtimeRng })
    case 'tied-dense': {
      const encoder = f.built.find((b) => b.layer.name === spec.tiedTo)?.layer
      if (!(encoder instanceof DenseLayer)) {
        throw new SpecError(
          `tied-dense '${spec.name}': tiedTo '${spec.tiedTo}' is not an earlier dense layer`,
        )
      }
      return new TiedDenseLayer({ useBias: spec.useBias }, ctx, encoder)
    }
    case 'unit-sum':
      return new UnitSumLayer({ mode: spec.mode, backward: spec.backward }, ctx)
  }
}

/** The layer objects of one spec layer (with its `.act` layer, if any), shapes from inference. */
export function createLayers(spec: ParsedLayerSpec, info: LayerShapeInfo, f: FactoryContext): BuiltLayer[] {
  const specIndex = info.index
  try {
    const ctx: LayerContext = { name: spec.name, inputShape: info.inputShape, init: f.init, rng: f.initRng }
    const out: BuiltLayer[] = [{ layer: createLayer(spec, ctx, f), specIndex }]
    if (spec.type !== 'activation' && 'activation' in spec && spec.activation !== undefined) {
      const actCtx: LayerContext = { ...ctx, name: `${spec.name}.act`, inputShape: info.outputShape }
      out.push({ layer: new ActivationLayer({ activation: spec.activation }, actCtx), specIndex })
    }
    return out
  } catch (error) {
    if (error instanceof SpecError && error.layerIndex === undefined)
      throw new SpecError(error.message, specIndex)
    throw error
  }
}
