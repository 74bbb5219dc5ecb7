import { describe, expect, it } from 'vitest'
import { NpyFormatError, ShapeError } from '../errors'
import { readNpz, writeNpz } from './npz'
import {
  type StateDict,
  STATE_DICT_META_KEY,
  lectureLayerFromNpz,
  lectureLayerToNpz,
  npzToStateDict,
  stateDictToNpz,
} from './state-dict'
import { decodeValues, fixtureBytes, readManifest } from './test-support/npy-fixtures'

const manifest = readManifest()

const dict: StateDict = {
  'fc1.W': { shape: [2, 3], data: new Float32Array([0.1, -0.2, 0.3, 1e-8, -0, 3.4e38]) },
  'fc1.b': { shape: [3], data: new Float32Array([0.5, 0, -1]) },
  'opt.fc1.W.momentum': { shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
  'enc/conv1.F': { shape: [1, 1, 2, 2], data: new Float32Array([1, -1, 2, -2]) },
}
const meta = {
  format: 'dllab.checkpoint/1',
  step: 12,
  rng: [1, 2, 3, 4],
  cursor: { epoch: 2 },
  note: 'réseau',
}

describe('stateDictToNpz / npzToStateDict', () => {
  it.each([false, true])(
    'round-trips names, shapes, float32 values and meta exactly (compress %s)',
    (compress) => {
      const { tensors, meta: back } = npzToStateDict(stateDictToNpz(dict, meta, { compress }))
      expect(Object.keys(tensors)).toEqual(Object.keys(dict))
      for (const [name, t] of Object.entries(dict)) {
        expect(tensors[name]!.shape).toEqual(t.shape)
        expect(tensors[name]!.data).toEqual(t.data)
      }
      expect(back).toEqual(meta)
    },
  )

  it('writes plain float32 arrays under the names verbatim and meta as UTF-8 JSON bytes', () => {
    const arrays = readNpz(stateDictToNpz(dict, meta))
    expect(Object.keys(arrays)).toEqual([...Object.keys(dict), STATE_DICT_META_KEY])
    for (const name of Object.keys(dict)) expect(arrays[name]!.dtype).toBe('float32')
    const m = arrays[STATE_DICT_META_KEY]!
    expect(m.dtype).toBe('uint8')
    expect(new TextDecoder().decode(m.data as Uint8Array)).toBe(JSON.stringify(meta))
  })

  it('has no meta key when none is given, and meta undefined on read', () => {
    const bytes = stateDictToNpz(dict)
    expect(Object.keys(readNpz(bytes))).toEqual(Object.keys(dict))
    expect(npzToStateDict(bytes).meta).toBeUndefined()
  })

  it('reads a state dict NumPy wrote, float64 rounded to float32, with its meta', () => {
    const { tensors, meta: m } = npzToStateDict(fixtureBytes('state_dict_meta.npz'))
    const expected = manifest.npz['state_dict_meta.npz']!
    expect(Object.keys(tensors)).toEqual(['fc1.W', 'fc1.b', 'opt.fc1.W.adam_m'])
    for (const name of Object.keys(tensors)) {
      expect(tensors[name]!.shape).toEqual(expected[name]!.shape)
      expect(tensors[name]!.data).toEqual(new Float32Array(decodeValues(expected[name]!) as number[]))
    }
    expect(Array.from(tensors['opt.fc1.W.adam_m']!.data)).toEqual([0.1, 0.2, 0.3].map(Math.fround))
    expect(m).toEqual(manifest.meta['state_dict_meta.npz'])
  })

  it('keeps a tensor named __proto__ as an ordinary name', () => {
    const odd: StateDict = Object.defineProperty({}, '__proto__', {
      value: { shape: [1], data: new Float32Array([7]) },
      enumerable: true,
    })
    const back = npzToStateDict(stateDictToNpz(odd)).tensors
    expect(Object.keys(back)).toEqual(['__proto__'])
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')!.value.data).toEqual(new Float32Array([7]))
  })

  it('refuses the reserved name, wrong shapes, and meta that is not JSON bytes', () => {
    expect(() => stateDictToNpz({ [STATE_DICT_META_KEY]: dict['fc1.b']! })).toThrow(/'__meta__' is reserved/)
    expect(() => stateDictToNpz({ w: { shape: [2, 2], data: new Float32Array(3) } })).toThrow(
      new ShapeError("npz member 'w.npy': shape (2, 2) holds 4 values but the data has 3"),
    )
    const notJson = writeNpz({
      [STATE_DICT_META_KEY]: { dtype: 'uint8', shape: [3], data: new Uint8Array([123, 120, 125]) },
    })
    expect(() => npzToStateDict(notJson)).toThrow(/'__meta__' is not valid JSON/)
    const wrongType = writeNpz({
      [STATE_DICT_META_KEY]: { dtype: 'float32', shape: [1], data: new Float32Array(1) },
    })
    expect(() => npzToStateDict(wrongType)).toThrow(
      new NpyFormatError("npz: '__meta__' must be a 1-D uint8 array of UTF-8 JSON, got float32 of shape (1)"),
    )
  })
})

describe("the lecture's layer files: np.savez(file, w=W, b=b)", () => {
  it('reads the lecture-style float64 file NumPy wrote: W (inputs × units), b (units,)', () => {
    const layer = lectureLayerFromNpz(fixtureBytes('lecture_layer.npz'))
    const expected = manifest.npz['lecture_layer.npz']!
    expect(layer.w.shape).toEqual([3, 4])
    expect(layer.b.shape).toEqual([4])
    expect(layer.w.data).toEqual(new Float32Array(decodeValues(expected['w']!) as number[]))
    expect(layer.b.data).toEqual(new Float32Array(decodeValues(expected['b']!) as number[]))
    for (const v of layer.w.data) expect(Math.abs(v)).toBeLessThanOrEqual(0.5)
  })

  it('writes float64 w and b that read back to the same float32 values', () => {
    const w = { shape: [2, 3], data: new Float32Array([0.1, -0.2, 0.3, 0.4, -0.5, 0.25]) }
    const b = { shape: [3], data: new Float32Array([0.01, 0, -0.01]) }
    const bytes = lectureLayerToNpz({ w, b })
    const arrays = readNpz(bytes)
    expect(Object.keys(arrays)).toEqual(['w', 'b'])
    expect([arrays['w']!.dtype, arrays['b']!.dtype]).toEqual(['float64', 'float64'])
    expect(arrays['w']!.data).toEqual(Float64Array.from(w.data))
    const back = lectureLayerFromNpz(bytes)
    expect([back.w.shape, back.w.data, back.b.shape, back.b.data]).toEqual([w.shape, w.data, b.shape, b.data])
  })

  it('accepts b of shape (1, units)', () => {
    const bytes = writeNpz({
      w: { dtype: 'float64', shape: [1, 2], data: new Float64Array([1, 2]) },
      b: { dtype: 'float64', shape: [1, 2], data: new Float64Array([3, 4]) },
    })
    expect(lectureLayerFromNpz(bytes).b).toEqual({ shape: [2], data: new Float32Array([3, 4]) })
  })

  it('refuses other keys, integer arrays and mismatched shapes', () => {
    const f64 = (shape: number[]) =>
      ({ dtype: 'float64', shape, data: new Float64Array(shape.reduce((a, d) => a * d, 1)) }) as const
    expect(() => lectureLayerFromNpz(writeNpz({ w: f64([2, 2]) }))).toThrow(
      "lecture layer file: expected exactly the arrays 'w' and 'b' (np.savez(file, w=W, b=b)), got 'w'",
    )
    expect(() =>
      lectureLayerFromNpz(
        writeNpz({ w: f64([2, 2]), b: { dtype: 'int32', shape: [2], data: new Int32Array(2) } }),
      ),
    ).toThrow("lecture layer file: 'b' must hold floats, got dtype int32")
    expect(() => lectureLayerFromNpz(writeNpz({ w: f64([2, 3]), b: f64([2]) }))).toThrow(
      new ShapeError(
        'lecture layer file: expected w of shape (inputs, units) and b of shape (units,); got w (2, 3) and b (2)',
      ),
    )
    expect(() =>
      lectureLayerToNpz({
        w: { shape: [4], data: new Float32Array(4) },
        b: { shape: [4], data: new Float32Array(4) },
      }),
    ).toThrow(ShapeError)
  })
})
