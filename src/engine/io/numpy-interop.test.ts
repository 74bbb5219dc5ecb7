import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { type NpyInput, writeNpy } from './npy'
import { writeNpz } from './npz'
import { lectureLayerToNpz, stateDictToNpz } from './state-dict'
import type { EncodedArray } from './test-support/npy-fixtures'

/**
 * Engine → NumPy: files written by the engine are loaded by NumPy (tools/numpy/check_npz.py, with
 * allow_pickle=False) and must give back exactly the dtypes, shapes, keys and values written.
 * Needs Debian's /usr/bin/python3 with NumPy (CI installs python3-numpy); without it this test FAILS.
 */
const PYTHON = '/usr/bin/python3'
const CHECK = fileURLToPath(new URL('../../../tools/numpy/check_npz.py', import.meta.url))

type NumpyReport =
  | { kind: 'npy'; version: number[]; array: EncodedArray; resaved_identical: boolean }
  | {
      kind: 'npz'
      keys: string[]
      arrays: Record<string, EncodedArray>
      compression: Record<string, string>
      crc_ok: boolean
    }
  | { kind: 'error'; error: string }

/** The engine-side twin of tools/numpy/npy_json.py's encode. */
function encode(a: NpyInput): EncodedArray {
  const values = Array.from(a.data as ArrayLike<number | bigint>, (v) => {
    if (typeof v === 'bigint') return v.toString()
    if (Number.isNaN(v)) return 'nan'
    if (v === Infinity) return 'inf'
    if (v === -Infinity) return '-inf'
    return v
  })
  return { dtype: a.dtype, shape: [...a.shape], values }
}

function runNumpy(dir: string): Record<string, NumpyReport> {
  let out: string
  try {
    out = execFileSync(PYTHON, [CHECK, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string }
    const why = err.code === 'ENOENT' ? `${PYTHON} does not exist` : `${err.stderr ?? ''}`.trim() || String(e)
    throw new Error(
      `The NumPy interop check needs ${PYTHON} with NumPy (Debian: apt-get install python3-numpy; ` +
        `.ci/run installs it). ${why}`,
      { cause: e },
    )
  }
  return JSON.parse(out) as Record<string, NumpyReport>
}

const f32 = (shape: number[], values: number[]): NpyInput => ({
  dtype: 'float32',
  shape,
  data: new Float32Array(values),
})

const npyFiles: Record<string, NpyInput> = {
  'float32.npy': f32([2, 3], [0.1, -0, 3.4e38, NaN, Infinity, -1.5e-45]),
  'float64.npy': { dtype: 'float64', shape: [4], data: new Float64Array([0.1, 1 / 3, -1e-300, -Infinity]) },
  'int8.npy': { dtype: 'int8', shape: [3], data: new Int8Array([-128, 0, 127]) },
  'int16.npy': { dtype: 'int16', shape: [2], data: new Int16Array([-32768, 32767]) },
  'int32.npy': { dtype: 'int32', shape: [2, 1], data: new Int32Array([-(2 ** 31), 2 ** 31 - 1]) },
  'int64.npy': {
    dtype: 'int64',
    shape: [3],
    data: new BigInt64Array([-(2n ** 63n), 2n ** 53n + 1n, 2n ** 63n - 1n]),
  },
  'uint8.npy': { dtype: 'uint8', shape: [3], data: new Uint8Array([0, 128, 255]) },
  'uint16.npy': { dtype: 'uint16', shape: [1], data: new Uint16Array([65535]) },
  'uint32.npy': { dtype: 'uint32', shape: [1], data: new Uint32Array([2 ** 32 - 1]) },
  'uint64.npy': { dtype: 'uint64', shape: [1], data: new BigUint64Array([2n ** 64n - 1n]) },
  'bool.npy': { dtype: 'bool', shape: [2, 2], data: new Uint8Array([1, 0, 0, 1]) },
  'scalar.npy': { dtype: 'float64', shape: [], data: new Float64Array([3.5]) },
  'empty.npy': f32([0, 3], []),
  'nchw.npy': f32(
    [1, 2, 2, 3],
    Array.from({ length: 12 }, (_, i) => i / 8 - 0.75),
  ),
}

const record: Record<string, NpyInput> = {
  'fc1.W': f32([3, 2], [0.5, -0.25, 1e-7, 2, -3, 0]),
  'fc1.b': f32([2], [0.1, -0.1]),
  'opt.fc1.W.momentum': f32([3, 2], [1, 2, 3, 4, 5, 6]),
  'enc/conv1.F': f32([2, 1, 1, 2], [1, -1, 0.5, -0.5]),
  'réseau.poids': { dtype: 'int64', shape: [], data: new BigInt64Array([7n]) },
  mask: { dtype: 'bool', shape: [3], data: new Uint8Array([0, 1, 1]) },
}

const meta = { format: 'dllab.checkpoint/1', step: 3, note: 'é' }
const lecture = {
  w: { shape: [2, 3], data: new Float32Array([0.1, -0.2, 0.3, -0.4, 0.5, -0.05]) },
  b: { shape: [3], data: new Float32Array([0.01, 0, -0.01]) },
}

describe('engine → NumPy (np.load, allow_pickle=False)', () => {
  // Written and checked once, on first use inside a test: without NumPy every test FAILS (not skips).
  let dir = ''
  let outcome: { report: Record<string, NumpyReport> } | { error: unknown } | undefined
  const report = (): Record<string, NumpyReport> => {
    outcome ??= (() => {
      try {
        dir = mkdtempSync(join(tmpdir(), 'dllab-npz-'))
        for (const [name, a] of Object.entries(npyFiles)) writeFileSync(join(dir, name), writeNpy(a))
        writeFileSync(join(dir, 'stored.npz'), writeNpz(record))
        writeFileSync(join(dir, 'compressed.npz'), writeNpz(record, { compress: true }))
        writeFileSync(join(dir, 'empty.npz'), writeNpz({}))
        writeFileSync(
          join(dir, 'state.npz'),
          stateDictToNpz({ 'fc1.W': lecture.w, 'fc1.b': lecture.b }, meta),
        )
        writeFileSync(join(dir, 'lecture.npz'), lectureLayerToNpz(lecture))
        return { report: runNumpy(dir) }
      } catch (error) {
        return { error }
      }
    })()
    if ('error' in outcome) throw outcome.error
    return outcome.report
  }
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it.each(Object.entries(npyFiles))(
    '%s: same dtype, shape and values; np.save writes the same bytes',
    (name, a) => {
      expect(report()[name]).toEqual({
        kind: 'npy',
        version: [1, 0],
        array: encode(a),
        resaved_identical: true,
      })
    },
  )

  it.each([
    ['stored.npz', 'stored'],
    ['compressed.npz', 'deflated'],
  ])("%s: the keys verbatim (with '.', '/' and non-ASCII), values exact, CRCs valid", (name, method) => {
    const keys = Object.keys(record)
    expect(report()[name]).toEqual({
      kind: 'npz',
      keys,
      arrays: Object.fromEntries(keys.map((k) => [k, encode(record[k]!)])),
      compression: Object.fromEntries(keys.map((k) => [`${k}.npy`, method])),
      crc_ok: true,
    })
  })

  it('empty.npz: no arrays', () => {
    expect(report()['empty.npz']).toEqual({
      kind: 'npz',
      keys: [],
      arrays: {},
      compression: {},
      crc_ok: true,
    })
  })

  it('state.npz: float32 tensors and __meta__ as UTF-8 JSON bytes json.loads can read', () => {
    const r = report()['state.npz']!
    if (r.kind !== 'npz') throw new Error(`NumPy could not read state.npz: ${JSON.stringify(r)}`)
    expect(r.keys).toEqual(['fc1.W', 'fc1.b', '__meta__'])
    expect(r.arrays['fc1.W']).toEqual(encode({ dtype: 'float32', ...lecture.w }))
    const metaBytes = new Uint8Array(r.arrays['__meta__']!.values as number[])
    expect(JSON.parse(new TextDecoder().decode(metaBytes))).toEqual(meta)
  })

  it("lecture.npz: float64 w and b, as the lecture's Save writes them", () => {
    expect(report()['lecture.npz']).toEqual({
      kind: 'npz',
      keys: ['w', 'b'],
      arrays: {
        w: encode({ dtype: 'float64', shape: [2, 3], data: Float64Array.from(lecture.w.data) }),
        b: encode({ dtype: 'float64', shape: [3], data: Float64Array.from(lecture.b.data) }),
      },
      compression: { 'w.npy': 'stored', 'b.npy': 'stored' },
      crc_ok: true,
    })
  })
})
