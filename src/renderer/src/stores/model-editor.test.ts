import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { checkModelSpec } from '../../../engine/models/shape-inference'
import { useModelEditorStore } from './model-editor'

const shapes = (store: ReturnType<typeof useModelEditorStore>) =>
  store.rows.map((row) => [row.name, row.status, row.info ? store.shapeText(row.info.outputShape) : null])

describe('useModelEditorStore', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('starts empty and loads LeNet-5 with every shape and 61,706 parameters', () => {
    const store = useModelEditorStore()
    expect(store.isEmpty).toBe(true)
    expect(store.isValid).toBe(false)
    store.usePreset('lenet5')
    expect(store.preset).toBe('lenet5')
    expect(store.inputShapeText).toBe('(B, 1, 28, 28)')
    expect(shapes(store)).toEqual([
      ['conv2d1', 'ok', '(B, 6, 28, 28)'],
      ['pool2d1', 'ok', '(B, 6, 14, 14)'],
      ['conv2d2', 'ok', '(B, 16, 10, 10)'],
      ['pool2d2', 'ok', '(B, 16, 5, 5)'],
      ['flatten1', 'ok', '(B, 400)'],
      ['dense1', 'ok', '(B, 120)'],
      ['dense2', 'ok', '(B, 84)'],
      ['dense3', 'ok', '(B, 10)'],
    ])
    expect(store.rows.map((row) => row.info?.parameters)).toEqual([156, 0, 2416, 0, 0, 48120, 10164, 850])
    expect(store.check.totalParameters).toBe(61706)
    expect(store.isValid).toBe(true)
  })

  it('shows a batch size in place of B', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    store.setBatch(64)
    expect(store.inputShapeText).toBe('(64, 1, 28, 28)')
    expect(store.shapeText(store.rows[0]!.info!.outputShape)).toBe('(64, 6, 28, 28)')
    store.setBatch(null)
    expect(store.inputShapeText).toBe('(B, 1, 28, 28)')
    store.setBatch(0)
    expect(store.batch).toBeNull()
  })

  it('editing a layer updates the shapes: kernel 3 with padding 1 keeps LeNet-5’s 28×28', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    store.setLayerField(0, 'kernel', 3)
    // (28 − 3 + 2·2)/1 + 1 = 30 until the padding follows
    expect(store.shapeText(store.rows[0]!.info!.outputShape)).toBe('(B, 6, 30, 30)')
    store.setLayerField(0, 'padding', 1)
    expect(shapes(store).slice(0, 3)).toEqual([
      ['conv2d1', 'ok', '(B, 6, 28, 28)'],
      ['pool2d1', 'ok', '(B, 6, 14, 14)'],
      ['conv2d2', 'ok', '(B, 16, 10, 10)'],
    ])
    // conv2d1 now has 6·(1·3·3) + 6 = 60 parameters
    expect(store.rows[0]!.info!.parameters).toBe(60)
    expect(store.check.totalParameters).toBe(61706 - 156 + 60)
  })

  it('marks the first invalid layer with the formula and leaves the rest not computed', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    store.setLayerField(0, 'padding', 0)
    store.setLayerField(0, 'stride', 2)
    const [first, ...rest] = store.rows
    expect(first!.status).toBe('invalid')
    expect(first!.messages[0]).toContain('(28 − 5 + 2·0)/2 + 1 = 12.5')
    expect(first!.messages[0]).toBe(
      "conv2d 'conv2d1': output height (28 − 5 + 2·0)/2 + 1 = 12.5 is not an integer; change stride or padding",
    )
    // Its machine form, for the screen's language: the formula's numbers.
    expect(first!.issues[0]).toMatchObject({
      code: 'output-size-not-integer',
      params: {
        label: "conv2d 'conv2d1'",
        axis: 'height',
        input: 28,
        kernel: 5,
        pad: 0,
        stride: 2,
        result: 12.5,
      },
    })
    expect(rest.every((row) => row.status === 'not-computed' && row.issues.length === 0)).toBe(true)
    expect(store.isValid).toBe(false)
    // The engine says the same about the spec the editor holds.
    const engine = checkModelSpec(store.spec)
    expect(engine.ok ? '' : engine.error.message).toBe(first!.messages[0])
  })

  it('points at the field a schema problem names', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    store.setLayerField(2, 'filters', Number.NaN)
    const row = store.rows[2]!
    expect(row.status).toBe('invalid')
    expect(row.messages).toEqual([
      'model spec layers[2] (conv2d): filters must be a positive integer, got null',
    ])
    expect(row.invalidFields).toEqual(['filters'])
    expect(store.rows.slice(0, 2).every((r) => r.status === 'ok')).toBe(true)
  })

  it('reports an invalid input outside the layers', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    store.setImageInput('height', 0)
    expect(store.specProblem?.message).toBe('model spec: input.height must be a positive integer, got 0')
    expect(store.rows.every((row) => row.status === 'not-computed')).toBe(true)
    store.setInputKind('features')
    expect(store.specProblem).toBeUndefined()
    expect(store.rows[0]!.status).toBe('invalid')
    expect(store.rows[0]!.messages[0]).toMatch(
      /^conv2d 'conv2d1' needs an image input \(C, Y, X\) but gets \(784\)/,
    )
  })

  it('adds, removes and reorders layers, renaming the defaults as the engine does', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    store.addLayer('dropout')
    expect(store.rows.at(-1)).toMatchObject({ name: 'dropout1', status: 'ok' })
    expect(store.spec.layers.at(-1)).toEqual({ type: 'dropout', rate: 0.5 })
    store.moveLayer(8, -1)
    expect(store.rows.map((r) => r.name).slice(-2)).toEqual(['dropout1', 'dense3'])
    store.moveLayer(0, -1) // already first: nothing happens
    expect(store.rows[0]!.name).toBe('conv2d1')
    store.moveLayer(0, 1) // conv2d1 below pool2d1
    expect(store.rows.slice(0, 2).map((r) => [r.name, r.type])).toEqual([
      ['pool2d1', 'pool2d'],
      ['conv2d1', 'conv2d'],
    ])
    expect(store.shapeText(store.rows[0]!.info!.outputShape)).toBe('(B, 1, 14, 14)')
    store.removeLayer(0)
    store.removeLayer(store.rows.length - 2)
    expect(store.rows.map((r) => r.name)).toEqual([
      'conv2d1',
      'conv2d2',
      'pool2d1',
      'flatten1',
      'dense1',
      'dense2',
      'dense3',
    ])
    expect(store.check.totalParameters).toBe(156 + 2416 + 16 * 12 * 12 * 120 + 120 + 10164 + 850)
  })

  it('keeps the row keys stable while layers move', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    const ids = store.rows.map((r) => r.id)
    store.moveLayer(3, 1)
    expect(store.rows.map((r) => r.id)).toEqual([ids[0], ids[1], ids[2], ids[4], ids[3], ...ids.slice(5)])
  })

  it('drops p when pooling leaves Lp, and a tied decoder follows its renamed encoder', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    store.setLayerField(1, 'mode', 'lp')
    store.setLayerField(1, 'p', 3)
    expect(store.spec.layers[1]).toEqual({ type: 'pool2d', mode: 'lp', size: 2, stride: 2, p: 3 })
    store.setLayerField(1, 'mode', 'avg')
    expect(store.spec.layers[1]).toEqual({ type: 'pool2d', mode: 'avg', size: 2, stride: 2 })

    store.usePreset('tied-autoencoder')
    expect(shapes(store)).toEqual([
      ['encoder', 'ok', '(B, 100)'],
      ['decoder', 'ok', '(B, 784)'],
    ])
    expect(store.check.totalParameters).toBe(784 * 100 + 100 + 784)
    store.setLayerField(0, 'name', 'enc')
    expect(store.spec.layers[1]).toMatchObject({ type: 'tied-dense', tiedTo: 'enc' })
    store.setLayerField(0, 'name', '')
    expect(store.spec.layers[0]).not.toHaveProperty('name')
    expect(store.spec.layers[1]).toMatchObject({ tiedTo: 'dense1' })
    expect(store.isValid).toBe(true)
  })

  it('a new tied decoder ties itself to the nearest dense layer', () => {
    const store = useModelEditorStore()
    store.usePreset('lecture-mlp')
    store.addLayer('tied-dense')
    expect(store.spec.layers.at(-1)).toEqual({ type: 'tied-dense', tiedTo: 'outunit', activation: 'sigmoid' })
    expect(store.shapeText(store.rows.at(-1)!.info!.outputShape)).toBe('(B, 32)')
  })

  it('saves JSON that loads back into the same model', () => {
    const store = useModelEditorStore()
    store.usePreset('vgg-mini')
    store.setLayerField(0, 'kernel', 5)
    store.setLayerField(0, 'padding', 2)
    store.setName('My VGG')
    store.setInitScheme('glorot')
    const saved = store.json
    expect(store.fileName).toBe('my-vgg.json')
    const spec = JSON.parse(saved)
    expect(Object.keys(spec)).toEqual(['format', 'name', 'input', 'init', 'layers'])
    expect(Object.keys(spec.layers[0])).toEqual([
      'type',
      'name',
      'filters',
      'kernel',
      'stride',
      'padding',
      'activation',
    ])
    expect(checkModelSpec(spec).ok).toBe(true)

    setActivePinia(createPinia())
    const other = useModelEditorStore()
    expect(other.loadText(saved, 'my-vgg.json')).toBe(true)
    expect(other.json).toBe(saved)
    expect(other.rows.map((r) => r.info?.outputShape)).toEqual(store.rows.map((r) => r.info?.outputShape))
    expect(other.preset).toBeNull()
    expect(other.loadProblem).toBeNull()
  })

  it('loads a file with an invalid shape and marks the layer', () => {
    const store = useModelEditorStore()
    const spec = {
      format: 'dllab.model/1',
      input: { channels: 1, height: 28, width: 28 },
      layers: [{ type: 'conv2d', filters: 6, kernel: 5, stride: 2 }],
    }
    expect(store.loadText(JSON.stringify(spec), 'odd.json')).toBe(true)
    expect(store.rows[0]!.messages[0]).toContain('(28 − 5 + 2·0)/2 + 1 = 12.5')
  })

  it('refuses a file that is not a valid spec, keeping the model and listing every problem', () => {
    const store = useModelEditorStore()
    store.usePreset('lenet5')
    const before = store.json
    const bad = {
      format: 'dllab.model/1',
      input: { channels: 1, height: 28, width: 28 },
      layers: [{ type: 'conv2d', filter: 6, kernel: 0 }, { type: 'maxpool' }],
    }
    expect(store.loadText(JSON.stringify(bad), 'bad.json')).toBe(false)
    expect(store.loadProblem).toEqual({
      fileName: 'bad.json',
      kind: 'spec',
      messages: [
        'model spec layers[0] (conv2d): filters is missing; it must be a positive integer',
        'model spec layers[0] (conv2d): kernel must be a positive integer, got 0',
        'model spec layers[0] (conv2d): unknown field "filter"; the fields here are type, name, filters, ' +
          'kernel, stride, padding, activation, useBias',
        expect.stringMatching(
          /^model spec layers\[1\] \(maxpool\): type must be one of dense, conv2d, pool2d, .*, got "maxpool"$/,
        ),
      ],
      issues: expect.any(Array),
    })
    // The same problems with their codes, for the screen's language.
    expect(store.loadProblem?.issues.map((issue) => [issue.message, issue.code])).toEqual(
      store.loadProblem?.messages.map((message, i) => [
        message,
        ['field-missing', 'field-invalid', 'unknown-field', 'field-invalid'][i],
      ]),
    )
    expect(store.loadProblem?.issues[1]?.params).toEqual({
      index: 0,
      layer: 'conv2d',
      field: 'kernel',
      rule: 'positive-integer',
      value: '0',
    })
    expect(store.json).toBe(before)
    expect(store.preset).toBe('lenet5')

    expect(store.loadText('{"format": ', 'cut.json')).toBe(false)
    expect(store.loadProblem?.kind).toBe('json')
    expect(store.loadProblem?.messages[0]).toMatch(/JSON/)
    store.dismissLoadProblem()
    expect(store.loadProblem).toBeNull()
  })

  it('changing the initialisation scheme drops a range only uniform takes', () => {
    const store = useModelEditorStore()
    store.usePreset('lecture-mlp')
    expect(store.spec.init).toEqual({ scheme: 'uniform', range: 0.5 })
    store.setInitScheme('he')
    expect(store.spec.init).toEqual({ scheme: 'he' })
    store.setInitScheme('uniform')
    store.setInitRange(0.1)
    expect(store.spec.init).toEqual({ scheme: 'uniform', range: 0.1 })
    store.setInitRange(undefined)
    expect(store.spec.init).toEqual({ scheme: 'uniform' })
  })
})
