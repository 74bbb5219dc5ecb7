import { describe, expect, it } from 'vitest'
import { NpyFormatError } from '../errors'
import { type NpyArray, readNpy } from './npy'
import { readNpz } from './npz'
import { npzToStateDict } from './state-dict'
import { fixtureBytes, seededBytes, valuesOf } from './test-support/npy-fixtures'

/**
 * Hostile and damaged input: the readers either return or throw NpyFormatError; never another error,
 * a hang or a huge allocation. Where a damaged file still reads, it must read to the original values
 * (a stored member's bytes are covered by its CRC-32).
 */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

function attempt(read: () => unknown): Outcome {
  try {
    return { ok: true, value: read() }
  } catch (error) {
    return { ok: false, error }
  }
}

/** Throws (failing the test) unless the outcome is a value or an NpyFormatError. */
function expectCleanOutcome(o: Outcome, what: string): void {
  if (!o.ok && !(o.error instanceof NpyFormatError)) {
    throw new Error(`${what}: threw ${String(o.error)} instead of NpyFormatError`)
  }
}

/** Order-independent summary of an npz's contents: the sorted list of (dtype, shape, values). */
function contents(arrays: Record<string, NpyArray>): string[] {
  return Object.values(arrays)
    .map((a) => JSON.stringify([a.dtype, a.shape, valuesOf(a).map(String)]))
    .sort()
}

describe('truncated files: every prefix is refused with NpyFormatError', () => {
  it.each(['f4_2x3.npy', 'fortran_2x3x4.npy', 'v2_header.npy', 'v3_header.npy', 'be_i8_2.npy'])(
    '%s',
    (name) => {
      const bytes = fixtureBytes(name)
      for (let n = 0; n < bytes.length; n++) {
        expect(() => readNpy(bytes.subarray(0, n)), `first ${n} of ${bytes.length} bytes`).toThrow(
          NpyFormatError,
        )
      }
    },
  )

  it.each(['savez_multi.npz', 'savez_compressed.npz', 'lecture_layer.npz'])('%s', (name) => {
    const bytes = fixtureBytes(name)
    for (let n = 0; n < bytes.length; n++) {
      expect(() => readNpz(bytes.subarray(0, n)), `first ${n} of ${bytes.length} bytes`).toThrow(
        NpyFormatError,
      )
    }
  })
})

describe('corrupted files: every single-byte corruption is refused or reads the original values', () => {
  it.each(['f4_2x3.npy', 'fortran_be_i4_3x2.npy', 'scalar_0d.npy'])('%s (header bytes)', (name) => {
    const bytes = fixtureBytes(name)
    const original = readNpy(bytes)
    const headerEnd = bytes.length - original.data.byteLength
    for (let i = 0; i < headerEnd; i++) {
      for (const x of [0x01, 0x20, 0xff]) {
        const damaged = bytes.slice()
        damaged[i] ^= x
        const o = attempt(() => readNpy(damaged))
        expectCleanOutcome(o, `byte ${i} ^ ${x}`)
      }
    }
  })

  it.each(['savez_multi.npz', 'savez_compressed.npz', 'lecture_layer.npz', 'state_dict_meta.npz'])(
    '%s',
    (name) => {
      const bytes = fixtureBytes(name)
      const original = contents(readNpz(bytes))
      let refused = 0
      for (let i = 0; i < bytes.length; i++) {
        const damaged = bytes.slice()
        damaged[i] ^= 0x55
        const o = attempt(() => readNpz(damaged))
        expectCleanOutcome(o, `byte ${i}`)
        if (o.ok) expect(contents(o.value as Record<string, NpyArray>), `byte ${i}`).toEqual(original)
        else refused++
      }
      expect(refused).toBeGreaterThan(bytes.length / 2)
    },
  )
})

describe('random bytes are refused with NpyFormatError', () => {
  const prefixes: [string, number[]][] = [
    ['no prefix', []],
    ['NPY v1 magic', [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]],
    ['NPY v2 magic', [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0]],
    ['zip local header', [0x50, 0x4b, 3, 4]],
  ]
  it.each(prefixes)('%s', (_what, prefix) => {
    for (let seed = 1; seed <= 300; seed++) {
      const body = seededBytes(seed, (seed * 37) % 400)
      const bytes = new Uint8Array([...prefix, ...body])
      expectCleanOutcome(
        attempt(() => readNpy(bytes)),
        `readNpy seed ${seed}`,
      )
      expectCleanOutcome(
        attempt(() => readNpz(bytes)),
        `readNpz seed ${seed}`,
      )
      expectCleanOutcome(
        attempt(() => npzToStateDict(bytes)),
        `npzToStateDict seed ${seed}`,
      )
    }
  })

  it('random bytes around a valid end-of-central-directory record', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const body = seededBytes(seed, 60 + (seed % 200))
      // "PK" start, then an EOCD claiming 1–3 entries at a random directory offset
      const eocd = [
        0x50,
        0x4b,
        5,
        6,
        0,
        0,
        0,
        0,
        1 + (seed % 3),
        0,
        1 + (seed % 3),
        0,
        46,
        0,
        0,
        0,
        seed % 60,
        0,
        0,
        0,
        0,
        0,
      ]
      const bytes = new Uint8Array([0x50, 0x4b, ...body, ...eocd])
      expectCleanOutcome(
        attempt(() => readNpz(bytes)),
        `seed ${seed}`,
      )
    }
  })
})
