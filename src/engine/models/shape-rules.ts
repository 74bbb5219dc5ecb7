import { SpecError } from '../errors'
import type { ActivationName } from '../layers/activation'
import { outputSize, perAxis } from '../layers/window'
import { type Shape, shapeSize, shapeToString } from '../tensor/shape'
import type { LayerType } from './spec-schema'
import type {
  ParsedConv2dSpec,
  ParsedLayerSpec,
  ParsedPool2dSpec,
  ParsedReshapeSpec,
  ParsedTiedDenseSpec,
} from './spec'

/**
 * One rule per layer type: per-sample input shape → output shape and parameter shapes, by arithmetic
 * alone (nothing is constructed or allocated, so the editor can run it on every keystroke, even for
 * VGG-16). The rules and messages match the layers' own construction-time checks:
 *
 *   dense       (n) → (units)               W (n, units), b (units)
 *   conv2d      (C, H, W) → (M, OH, OW)     W (M, C·KH·KW), b (M);  O = (I − F + 2p)/s + 1
 *   pool2d      (C, H, W) → (C, OH, OW)     padding ≤ half the window; Lp pooling has none
 *   flatten     (…) → (product)
 *   reshape     (…) → shape                 same product
 *   activation, dropout, noise              shape unchanged (softmax needs a flat sample)
 *   unit-sum    (n) → (n)                    needs a flat sample
 *   tied-dense  (units of its encoder) → (inputs of its encoder), b only: W is the encoder's
 *
 * Errors are SpecErrors naming the layer ("conv2d 'c2': …") with their code and values
 * (issue-codes.ts), the sentence and the params built from the same variables; the caller adds the
 * layer index.
 */
export interface ParamInfo {
  /** The checkpoint key, `${layer}.${param}`. */
  name: string
  shape: Shape
}

export interface LayerShapeInfo {
  index: number
  name: string
  type: LayerType
  /** The activation applied after the layer (a spec's `activation` field), if any. */
  activation: ActivationName | undefined
  inputShape: Shape
  outputShape: Shape
  /** Parameters this layer owns (a tied decoder owns only its bias). */
  params: ParamInfo[]
  /** Number of values in `params`. */
  parameters: number
}

interface RuleResult {
  outputShape: Shape
  params: ParamInfo[]
}

const isImage = (shape: Shape): boolean => shape.length === 3

function needFlat(label: string, input: Shape): number {
  if (input.length !== 1) {
    throw new SpecError(
      `${label} needs a flat input but gets ${shapeToString(input)}; add a flatten layer before it`,
      undefined,
      { code: 'flat-input-needed', params: { label, shape: [...input] } },
    )
  }
  return input[0]!
}

function needImage(label: string, input: Shape): [number, number, number] {
  if (!isImage(input)) {
    throw new SpecError(
      `${label} needs an image input (C, Y, X) but gets ${shapeToString(input)}; ` +
        `add a reshape layer (e.g. shape [1, 28, 28] for 784 pixels) before it`,
      undefined,
      { code: 'image-input-needed', params: { label, shape: [...input] } },
    )
  }
  return input as unknown as [number, number, number]
}

function conv2d(label: string, layer: ParsedConv2dSpec, input: Shape): RuleResult {
  const [c, h, w] = needImage(label, input)
  const [kh, kw] = perAxis(label, 'kernel', layer.kernel, 1)
  const [sh, sw] = perAxis(label, 'stride', layer.stride, 1)
  const [ph, pw] = perAxis(label, 'padding', layer.padding, 0)
  const oh = outputSize(label, 'height', h, kh, sh, ph)
  const ow = outputSize(label, 'width', w, kw, sw, pw)
  const params: ParamInfo[] = [{ name: `${layer.name}.W`, shape: [layer.filters, c * kh * kw] }]
  if (layer.useBias) params.push({ name: `${layer.name}.b`, shape: [layer.filters] })
  return { outputShape: [layer.filters, oh, ow], params }
}

function pool2d(label: string, layer: ParsedPool2dSpec, input: Shape): RuleResult {
  const [c, h, w] = needImage(label, input)
  const size = perAxis(label, 'size', layer.size, 1)
  const [sh, sw] = perAxis(label, 'stride', layer.stride, 1)
  const padding = perAxis(label, 'padding', layer.padding, 0)
  if (layer.mode === 'lp' && (padding[0] > 0 || padding[1] > 0)) {
    throw new SpecError(
      `${label}: Lp pooling takes no padding, got [${padding.join(', ')}]; set padding 0`,
      undefined,
      { code: 'lp-pool-padding', params: { label, padding: [...padding] } },
    )
  }
  for (const axis of [0, 1] as const) {
    if (2 * padding[axis] > size[axis]) {
      const which = axis === 0 ? 'height' : 'width'
      const [pad, window, maxPadding] = [padding[axis], size[axis], Math.floor(size[axis] / 2)]
      throw new SpecError(
        `${label}: ${which} padding ${pad} is more than half the window ${window}; ` +
          `some windows would hold only padding — use padding ≤ ${maxPadding}`,
        undefined,
        {
          code: 'padding-more-than-half-window',
          params: { label, axis: which, padding: pad, window, maxPadding },
        },
      )
    }
  }
  const oh = outputSize(label, 'height', h, size[0], sh, padding[0])
  const ow = outputSize(label, 'width', w, size[1], sw, padding[1])
  return { outputShape: [c, oh, ow], params: [] }
}

function reshape(label: string, layer: ParsedReshapeSpec, input: Shape): RuleResult {
  const inSize = shapeSize(input)
  const outSize = shapeSize(layer.shape)
  if (inSize !== outSize) {
    throw new SpecError(
      `${label}: target ${shapeToString(layer.shape)} holds ${layer.shape.join('·')} = ${outSize} values but ` +
        `the input ${shapeToString(input)} holds ${inSize}; choose a shape whose product is ${inSize}`,
      undefined,
      {
        code: 'reshape-size-mismatch',
        params: { label, target: [...layer.shape], targetSize: outSize, shape: [...input], size: inSize },
      },
    )
  }
  return { outputShape: [...layer.shape], params: [] }
}

function tiedDense(
  label: string,
  layer: ParsedTiedDenseSpec,
  input: Shape,
  earlier: readonly LayerShapeInfo[],
): RuleResult {
  const encoder = earlier.find((info) => info.name === layer.tiedTo)
  if (!encoder) {
    const denses = earlier.filter((info) => info.type === 'dense').map((info) => info.name)
    throw new SpecError(
      `${label}: tiedTo '${layer.tiedTo}' names no earlier layer; tie it to an earlier dense layer` +
        (denses.length > 0 ? ` (${denses.map((name) => `'${name}'`).join(', ')})` : ' (there is none yet)'),
      undefined,
      { code: 'tied-to-unknown', params: { label, tiedTo: layer.tiedTo, denseLayers: denses } },
    )
  }
  if (encoder.type !== 'dense') {
    throw new SpecError(
      `${label}: tiedTo '${layer.tiedTo}' is a ${encoder.type} layer; a tied decoder uses the transposed W ` +
        `of a dense layer`,
      undefined,
      { code: 'tied-to-not-dense', params: { label, tiedTo: layer.tiedTo, encoderType: encoder.type } },
    )
  }
  const inputs = encoder.inputShape[0]!
  const units = encoder.outputShape[0]!
  const got = needFlat(label, input)
  if (got !== units) {
    throw new SpecError(
      `${label}: is tied to dense '${encoder.name}' (W ${inputs} × ${units}) so it expects a per-sample ` +
        `input (${units}), got ${shapeToString(input)}; tie it to the encoder whose output it decodes`,
      undefined,
      {
        code: 'tied-input-mismatch',
        params: { label, encoder: encoder.name, inputs, units, shape: [...input] },
      },
    )
  }
  const params: ParamInfo[] = layer.useBias ? [{ name: `${layer.name}.b`, shape: [inputs] }] : []
  return { outputShape: [inputs], params }
}

function checkActivation(
  label: string,
  activation: ActivationName | undefined,
  shape: Shape,
  own: boolean,
): void {
  if (activation === 'softmax' && shape.length !== 1) {
    const params = { label, shape: [...shape] }
    throw own
      ? new SpecError(
          `${label}: softmax normalises over a flat (features) sample, got ${shapeToString(shape)}; ` +
            `insert a flatten layer before it`,
          undefined,
          { code: 'softmax-needs-flat', params },
        )
      : new SpecError(
          `${label}: activation softmax normalises over a flat (features) output, got ${shapeToString(shape)}; ` +
            `use another activation here, or end with flatten and a dense layer with softmax`,
          undefined,
          { code: 'softmax-activation-needs-flat', params },
        )
  }
}

/** Output and parameter shapes of one layer given its per-sample input; throws SpecError. */
export function layerShapes(
  layer: ParsedLayerSpec,
  input: Shape,
  earlier: readonly LayerShapeInfo[],
): RuleResult {
  const label = `${layer.type} '${layer.name}'`
  let result: RuleResult
  switch (layer.type) {
    case 'dense': {
      const inputs = needFlat(label, input)
      const params: ParamInfo[] = [{ name: `${layer.name}.W`, shape: [inputs, layer.units] }]
      if (layer.useBias) params.push({ name: `${layer.name}.b`, shape: [layer.units] })
      result = { outputShape: [layer.units], params }
      break
    }
    case 'conv2d':
      result = conv2d(label, layer, input)
      break
    case 'pool2d':
      result = pool2d(label, layer, input)
      break
    case 'flatten':
      result = { outputShape: [shapeSize(input)], params: [] }
      break
    case 'reshape':
      result = reshape(label, layer, input)
      break
    case 'activation':
      checkActivation(label, layer.activation, input, true)
      result = { outputShape: [...input], params: [] }
      break
    case 'dropout':
    case 'noise':
      result = { outputShape: [...input], params: [] }
      break
    case 'tied-dense':
      result = tiedDense(label, layer, input, earlier)
      break
    case 'unit-sum':
      result = { outputShape: [needFlat(label, input)], params: [] }
      break
  }
  if ('activation' in layer && layer.type !== 'activation') {
    checkActivation(label, layer.activation, result.outputShape, false)
  }
  return result
}
