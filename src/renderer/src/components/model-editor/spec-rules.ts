import { initSchemes } from '../../../../engine/init/initializers'
import { activations } from '../../../../engine/layers/activation'
import { unitSumBackwards, unitSumModes } from '../../../../engine/layers/unit-sum'
import {
  type LayerType,
  layerSpecSchemas,
  layerTypes,
  MODEL_FORMAT,
  noiseKinds,
  poolModes,
} from '../../../../engine/models/spec-schema'

/**
 * The vocabulary of a model spec ("dllab.model/1", docs/model-spec.md) as the editor's selects and
 * saved files need it, read from the engine's schema (src/engine/models/spec-schema.ts) so the
 * two cannot drift: layer types, enumerations and each type's fields in schema order.
 */
export {
  activations,
  initSchemes,
  layerTypes,
  MODEL_FORMAT,
  noiseKinds,
  poolModes,
  unitSumBackwards,
  unitSumModes,
}

/** Each layer type's fields after `type`, in the schema's order (saved files list them so). */
export const layerFieldKeys = {} as Record<LayerType, readonly string[]>
for (const type of layerTypes) {
  layerFieldKeys[type] = Object.keys(layerSpecSchemas[type].shape).filter((key) => key !== 'type')
}
