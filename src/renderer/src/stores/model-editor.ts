import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { LayerShapeInfo } from '../../../engine/models/shape-rules'
import type { SpecIssue } from '../../../engine/models/spec-issues'
import type { InitSpec, LayerSpec, LayerType, ModelSpec } from '../../../engine/models/spec-schema'
import { formatShape, newLayer, orderedLayer } from '../components/model-editor/layer-defaults'
import type { ProblemSource } from '../components/model-editor/problem-text'
import { type PresetId, presetSpec } from '../components/model-editor/presets'
import { checkSpec, layerNames, schemaIssues } from '../components/model-editor/spec-check'
import { MODEL_FORMAT } from '../components/model-editor/spec-rules'

/**
 * The architecture editor: a model spec being edited as a form (input, initialisation, a list of
 * layers), checked on every edit. Each layer shows its output shape and parameter count; the first
 * invalid layer shows the engine's message with the formula and numbers, and the layers after it
 * are not computed. Specs come from presets or JSON files and are saved as JSON.
 */
export type InputKind = 'image' | 'features'

export interface ImageInput {
  channels: number
  height: number
  width: number
}

export interface LayerDraft {
  /** Stable key for the list while layers move. */
  id: number
  spec: LayerSpec
}

export type LayerStatus = 'ok' | 'invalid' | 'not-computed'

export interface LayerRow {
  id: number
  index: number
  /** The layer's name, or the default name the engine gives it (conv2d1, pool2d1, …). */
  name: string
  type: LayerType
  status: LayerStatus
  /** Shapes and parameters when status is 'ok'. */
  info: LayerShapeInfo | undefined
  /** The engine's messages when status is 'invalid'. */
  messages: string[]
  /** The same problems with their codes and params (shown in the screen's language). */
  issues: SpecIssue[]
  /** Fields named by those messages ("kernel", "stride", …). */
  invalidFields: string[]
}

/** Why a file could not be loaded: not JSON at all, or not a valid model spec. */
export interface LoadProblem {
  fileName: string
  kind: 'json' | 'spec'
  messages: string[]
  /** The same problems to show: the schema's with codes; JSON.parse's message has none. */
  issues: ProblemSource[]
}

let nextId = 1

export const useModelEditorStore = defineStore('model-editor', () => {
  const name = ref('')
  const description = ref<string | undefined>(undefined)
  const inputKind = ref<InputKind>('image')
  const image = ref<ImageInput>({ channels: 1, height: 28, width: 28 })
  const features = ref(784)
  const init = ref<InitSpec>({ scheme: 'uniform' })
  const layers = ref<LayerDraft[]>([])
  /** The batch size B shown in shapes; null shows the letter B. */
  const batch = ref<number | null>(null)
  /** The preset the model started from, until it is replaced by a file. */
  const preset = ref<PresetId | null>(null)
  const loadProblem = ref<LoadProblem | null>(null)

  const spec = computed<ModelSpec>(() => ({
    format: MODEL_FORMAT,
    ...(name.value.trim() !== '' ? { name: name.value.trim() } : {}),
    ...(description.value !== undefined ? { description: description.value } : {}),
    input: inputKind.value === 'image' ? { ...image.value } : { features: features.value },
    init: { ...init.value },
    layers: layers.value.map((draft) => orderedLayer(draft.spec)),
  }))

  const check = computed(() => checkSpec(spec.value))
  const names = computed(() => layerNames(layers.value.map((draft) => draft.spec)))

  const rows = computed<LayerRow[]>(() => {
    const { layers: computedLayers, problem } = check.value
    return layers.value.map((draft, index) => {
      const info = computedLayers[index]
      const invalid = problem !== undefined && problem.layerIndex === index
      const prefix = `layers[${index}].`
      return {
        id: draft.id,
        index,
        name: names.value[index]!,
        type: draft.spec.type,
        status: info ? 'ok' : invalid ? 'invalid' : 'not-computed',
        info,
        messages: invalid ? problem.messages : [],
        issues: invalid ? problem.issues : [],
        invalidFields: invalid
          ? problem.paths
              .filter((p) => p.startsWith(prefix))
              .map((p) => p.slice(prefix.length).split(/[.[]/)[0]!)
          : [],
      }
    })
  })

  /** A problem outside the layers (input, initialisation), if any. */
  const specProblem = computed(() => {
    const problem = check.value.problem
    return problem !== undefined && problem.layerIndex === undefined && layers.value.length > 0
      ? problem
      : undefined
  })

  const isEmpty = computed(() => layers.value.length === 0)
  const isValid = computed(() => !isEmpty.value && check.value.problem === undefined)
  const inputShapeText = computed(() => {
    const shape = check.value.inputShape
    return shape ? formatShape(shape, batch.value) : undefined
  })
  const json = computed(() => `${JSON.stringify(spec.value, null, 2)}\n`)
  const fileName = computed(() => {
    const slug = name.value
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
    return `${slug || 'model'}.json`
  })

  function shapeText(shape: readonly number[]): string {
    return formatShape(shape, batch.value)
  }

  /** Replaces the whole model with a spec that passed the schema check. */
  function setSpec(next: ModelSpec): void {
    name.value = next.name ?? ''
    description.value = next.description
    if ('features' in next.input) {
      inputKind.value = 'features'
      features.value = next.input.features
    } else {
      inputKind.value = 'image'
      image.value = { ...next.input }
    }
    init.value = next.init ? { ...next.init } : { scheme: 'uniform' }
    layers.value = next.layers.map((layer) => ({ id: nextId++, spec: { ...layer } }))
  }

  function usePreset(id: PresetId): void {
    setSpec(presetSpec(id))
    preset.value = id
    loadProblem.value = null
  }

  function addLayer(type: LayerType): void {
    const denseNames = names.value.filter((_, i) => layers.value[i]!.spec.type === 'dense')
    const shapes = check.value.layers
    const lastShape = shapes.length === layers.value.length ? shapes.at(-1)?.outputShape : undefined
    const spec = newLayer(type, denseNames.at(-1), lastShape ?? check.value.inputShape)
    layers.value = [...layers.value, { id: nextId++, spec }]
  }

  function removeLayer(index: number): void {
    layers.value = layers.value.filter((_, i) => i !== index)
  }

  /** Moves a layer up (delta −1) or down (+1); does nothing at either end. */
  function moveLayer(index: number, delta: -1 | 1): void {
    const target = index + delta
    if (target < 0 || target >= layers.value.length) return
    const next = [...layers.value]
    ;[next[index], next[target]] = [next[target]!, next[index]!]
    layers.value = next
  }

  /** Sets one field of a layer; undefined removes it (the engine's default applies). */
  function setLayerField(index: number, key: string, value: unknown): void {
    const draft = layers.value[index]
    if (!draft) return
    const before = names.value[index]!
    const next: Record<string, unknown> = { ...draft.spec, [key]: value }
    if (value === undefined || (key === 'name' && value === '')) delete next[key]
    // p belongs to Lp pooling only.
    if (key === 'mode' && value !== 'lp') delete next.p
    draft.spec = next as LayerSpec
    if (key === 'name') renameTies(before, names.value[index]!)
  }

  /** A renamed encoder keeps its tied decoders. */
  function renameTies(before: string, after: string): void {
    if (before === after) return
    for (const draft of layers.value) {
      if (draft.spec.type === 'tied-dense' && draft.spec.tiedTo === before) {
        draft.spec = { ...draft.spec, tiedTo: after }
      }
    }
  }

  function setInputKind(kind: InputKind): void {
    inputKind.value = kind
  }

  function setImageInput(key: keyof ImageInput, value: number): void {
    image.value = { ...image.value, [key]: value }
  }

  function setFeatures(value: number): void {
    features.value = value
  }

  function setInitScheme(scheme: InitSpec['scheme']): void {
    // range belongs to the uniform scheme only.
    init.value = scheme === 'uniform' ? { ...init.value, scheme } : { scheme }
  }

  function setInitRange(range: number | undefined): void {
    const { scheme } = init.value
    init.value = range === undefined ? { scheme } : { scheme, range }
  }

  function setName(value: string): void {
    name.value = value
  }

  function setBatch(value: number | null): void {
    batch.value = value !== null && Number.isInteger(value) && value >= 1 ? value : null
  }

  /**
   * Loads a spec from a file's text. A file that is not JSON, or fails the schema, leaves the model
   * as it was and sets loadProblem; one that only has invalid shapes loads, marked inline.
   */
  function loadText(text: string, fileName: string): boolean {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      loadProblem.value = { fileName, kind: 'json', messages: [message], issues: [{ message }] }
      return false
    }
    const issues = schemaIssues(parsed)
    if (issues.length > 0) {
      loadProblem.value = { fileName, kind: 'spec', messages: issues.map((issue) => issue.message), issues }
      return false
    }
    setSpec(parsed as ModelSpec)
    preset.value = null
    loadProblem.value = null
    return true
  }

  function dismissLoadProblem(): void {
    loadProblem.value = null
  }

  return {
    name,
    description,
    inputKind,
    image,
    features,
    init,
    layers,
    batch,
    preset,
    loadProblem,
    spec,
    check,
    names,
    rows,
    specProblem,
    isEmpty,
    isValid,
    inputShapeText,
    json,
    fileName,
    shapeText,
    usePreset,
    addLayer,
    removeLayer,
    moveLayer,
    setLayerField,
    setInputKind,
    setImageInput,
    setFeatures,
    setInitScheme,
    setInitRange,
    setName,
    setBatch,
    loadText,
    dismissLoadProblem,
  }
})
