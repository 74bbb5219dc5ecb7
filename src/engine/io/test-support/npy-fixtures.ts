import { readFileSync } from 'node:fs'
import type { NpyArray } from '../npy'

/**
 * Test helpers for src/engine/io: the NumPy-written fixtures (tools/numpy/gen_npz_fixtures.py) and the
 * JSON encoding of arrays shared with tools/numpy/npy_json.py (64-bit integers as decimal strings,
 * non-finite floats as "nan" / "inf" / "-inf", bools as 0/1).
 */
export interface EncodedArray {
  readonly dtype: string
  readonly shape: number[]
  readonly values: (number | string)[]
}

export interface Manifest {
  readonly npy: Record<string, EncodedArray>
  readonly npz: Record<string, Record<string, EncodedArray>>
  readonly meta: Record<string, unknown>
  readonly refused: Record<string, string>
}

const fixtureDir = new URL('../fixtures/', import.meta.url)

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, fixtureDir)))
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(new URL('manifest.json', fixtureDir), 'utf8')) as Manifest
}

const special: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity }

/** The values an EncodedArray stands for: bigint for 64-bit integers, numbers otherwise. */
export function decodeValues(e: EncodedArray): (number | bigint)[] {
  const wide = e.dtype === 'int64' || e.dtype === 'uint64'
  return e.values.map((v) => (wide ? BigInt(v) : typeof v === 'string' ? special[v]! : v))
}

/** An array's values as plain numbers/bigints, comparable with decodeValues (Object.is per element). */
export function valuesOf(a: Pick<NpyArray, 'data'>): (number | bigint)[] {
  return Array.from(a.data as ArrayLike<number | bigint>)
}

/** Deterministic pseudo-random bytes (mulberry32), for fuzzing the readers. */
export function seededBytes(seed: number, length: number): Uint8Array {
  let s = seed >>> 0
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff
  }
  return out
}
