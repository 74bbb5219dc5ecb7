import { describe, expect, it } from 'vitest'
import { SpecError } from '../errors'
import { formatNumber } from '../layers/window'
import { specIssueCodes } from './issue-codes'
import { parseModelSpec } from './spec'
import { leNet5Spec } from './test-support/lecture-specs'
import { issueCases } from './test-support/issue-cases'

/** Every number a params object holds (arrays and nested values included). */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value]
  if (Array.isArray(value)) return value.flatMap(numbersIn)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn)
  return []
}

/**
 * Every string a params object holds, except those that choose words rather than being shown: the
 * rule id (the phrase's name) and a noise kind (masking → "zeroed").
 */
function stringsIn(params: object): string[] {
  return Object.entries(params).flatMap(([key, value]) => {
    if (key === 'rule' || key === 'kind') return []
    if (typeof value === 'string') return [value]
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
    return []
  })
}

describe('problem codes: each problem of the model check carries its rule and its numbers', () => {
  for (const c of issueCases) {
    it(`${c.detail.code}: ${c.title}`, () => {
      const issue = c.issue()
      expect(issue.message).toBe(c.message)
      expect({ code: issue.code, params: issue.params }).toEqual(c.detail)
    })
  }

  it('has a spec for every code', () => {
    const covered = new Set(issueCases.map((c) => c.detail.code))
    expect(specIssueCodes.filter((code) => !covered.has(code))).toEqual([])
  })

  it('the English sentence shows every number and name of the params', () => {
    for (const c of issueCases) {
      // Numbers as the formulas write them: 12.5, −2 (a true minus).
      for (const n of numbersIn(c.detail.params)) {
        const shown = c.detail.code.startsWith('field-') ? String(n) : formatNumber(n)
        expect(c.message, `${c.title}: ${n}`).toContain(shown)
      }
      for (const text of stringsIn(c.detail.params)) expect(c.message, c.title).toContain(text)
    }
  })

  it('the output-size params rebuild the formula and its value: (I − F + 2p)/s + 1', () => {
    for (const c of issueCases) {
      if (c.detail.code !== 'output-size-not-integer' && c.detail.code !== 'output-size-below-one') continue
      const { input, kernel, pad, stride, result } = c.detail.params
      expect(result).toBe((input - kernel + 2 * pad) / stride + 1)
      expect(c.message).toContain(`(${input} − ${kernel} + 2·${pad})/${stride} + 1 = ${formatNumber(result)}`)
    }
  })

  it('a thrown SpecError keeps the code and params of its first problem, with the layer index', () => {
    const spec = { ...leNet5Spec, layers: [{ ...leNet5Spec.layers[0]!, padding: 0, stride: 2 }] }
    let thrown: unknown
    try {
      parseModelSpec({ ...spec, layers: [...spec.layers, { type: 'dense', units: 0 }] })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SpecError)
    const error = thrown as SpecError
    expect(error.message).toBe('model spec layers[1] (dense): units must be a positive integer, got 0')
    expect(error.layerIndex).toBe(1)
    expect(error.code).toBe('field-invalid')
    expect(error.params).toEqual({
      index: 1,
      layer: 'dense',
      field: 'units',
      rule: 'positive-integer',
      value: '0',
    })
  })
})
