import type { Shape } from '../../../../engine/tensor/shape'
import type { LayerSpec, LayerType } from '../../../../engine/models/spec-schema'
import { layerFieldKeys } from './spec-rules'

/**
 * A new layer of each type as the "Add layer" button inserts it: sensible values a student can
 * start from, e.g. a 3×3 convolution with padding 1 (same size) or 2×2 max pooling with stride 2.
 * A tied decoder is tied to the nearest dense layer above it.
 */
export function newLayer(
  type: LayerType,
  nearestDense: string | undefined,
  input: Shape | undefined,
): LayerSpec {
  switch (type) {
    case 'dense':
      return { type, units: 10, activation: 'relu' }
    case 'conv2d':
      return { type, filters: 8, kernel: 3, stride: 1, padding: 1, activation: 'relu' }
    case 'pool2d':
      return { type, mode: 'max', size: 2, stride: 2 }
    case 'flatten':
      return { type }
    case 'reshape':
      return { type, shape: input && input.length === 3 ? [...input] : [1, 28, 28] }
    case 'activation':
      return { type, activation: 'relu' }
    case 'dropout':
      return { type, rate: 0.5 }
    case 'noise':
      return { type, kind: 'gaussian', level: 0.1 }
    case 'tied-dense':
      return { type, tiedTo: nearestDense ?? 'dense1', activation: 'sigmoid' }
    case 'unit-sum':
      return { type, mode: 'softmax', backward: 'exact' }
  }
}

/** The i18n key of a spec word: 'tied-dense' → 'tiedDense', 'salt-and-pepper' → 'saltAndPepper'. */
export function messageKey(word: string): string {
  return word.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())
}

/** The layer with its fields in the schema's order (type first), so saved files read well. */
export function orderedLayer(layer: LayerSpec): LayerSpec {
  const source = layer as Record<string, unknown>
  const out: Record<string, unknown> = { type: layer.type }
  for (const key of layerFieldKeys[layer.type] ?? []) {
    if (source[key] !== undefined) out[key] = source[key]
  }
  for (const [key, value] of Object.entries(source)) {
    if (!(key in out) && value !== undefined) out[key] = value
  }
  return out as LayerSpec
}

/** "(B, 6, 28, 28)" for a per-sample shape (6, 28, 28); a batch size replaces B. */
export function formatShape(shape: Shape, batch: number | null): string {
  return `(${[batch === null ? 'B' : String(batch), ...shape.map(String)].join(', ')})`
}
