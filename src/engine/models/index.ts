/** Model specs, shape inference and sequential models built from specs. */
export {
  MODEL_FORMAT,
  layerTypes,
  poolModes,
  noiseKinds,
  modelSpecSchema,
  layerSpecSchema,
  layerSpecSchemas,
  inputSpecSchema,
  initSpecSchema,
  type LayerType,
  type ModelSpec,
  type LayerSpec,
  type InputSpec,
  type InitSpec,
  type ZodModelSpec,
  type ZodLayerSpec,
  type DenseSpec,
  type Conv2dSpec,
  type Pool2dSpec,
  type FlattenSpec,
  type ReshapeSpec,
  type ActivationSpec,
  type DropoutSpec,
  type NoiseSpec,
  type TiedDenseSpec,
  type UnitSumSpec,
} from './spec-schema'
export {
  parseModelSpec,
  safeParseModelSpec,
  type ParsedModelSpec,
  type ParsedLayerSpec,
  type SpecParseResult,
} from './spec'
export type { SpecIssue } from './spec-issues'
export {
  specIssueCodes,
  isSpecIssueCode,
  type SpecIssueCode,
  type SpecIssueDetail,
  type SpecIssueParamsByCode,
} from './issue-codes'
export type { SchemaRule } from './schema-rules'
export {
  inferShapes,
  analyzeModelSpec,
  checkModelSpec,
  specInputShape,
  type ShapeSummary,
  type LayerShapeInfo,
  type ParamInfo,
  type SpecCheck,
  type SpecProblem,
} from './shape-inference'
export { buildModel, type BuildModelOptions } from './build-model'
export { Model, type LayerOutput } from './model'
export { backwardLayers } from './backward-layers'
export {
  collectStateDict,
  loadParameters,
  toStateDict,
  type ModelStateDict,
  type StateDictInput,
  type TensorLike,
  type LoadStateDictOptions,
  type LoadStateDictResult,
} from './state-dict'
