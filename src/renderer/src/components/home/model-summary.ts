import { checkSpec } from '../model-editor/spec-check'

/** What a preset card says about its network: name, layer count, input shape, parameter count. */
export interface ModelSummary {
  name: string | null
  layers: number
  /** "1×28×28", "784"; null while the input is invalid. */
  input: string | null
  /** Σ parameters, null when the model does not pass shape inference. */
  parameters: number | null
}

export function modelSummary(model: unknown): ModelSummary {
  const spec = (typeof model === 'object' && model !== null ? model : {}) as {
    name?: unknown
    layers?: unknown
  }
  const check = checkSpec(model)
  return {
    name: typeof spec.name === 'string' ? spec.name : null,
    layers: Array.isArray(spec.layers) ? spec.layers.length : 0,
    input: check.inputShape ? check.inputShape.join('×') : null,
    parameters: check.problem === undefined ? check.totalParameters : null,
  }
}
