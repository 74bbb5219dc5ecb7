import { describe, expect, it } from 'vitest'
import { NpyFormatError } from '../errors'
import { parsePyLiteral, pyRepr } from './py-literal'

describe('parsePyLiteral: the Python literals of an NPY header', () => {
  it('parses a NumPy header dict', () => {
    const v = parsePyLiteral(`{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }   \n`)
    expect(v).toEqual({
      kind: 'dict',
      entries: new Map<unknown, unknown>([
        ['descr', '<f4'],
        ['fortran_order', false],
        ['shape', { kind: 'tuple', items: [2n, 3n] }],
      ]),
    })
  })

  it('follows Python for tuples, parentheses, lists, escapes, None and long integers', () => {
    expect(parsePyLiteral('()')).toEqual({ kind: 'tuple', items: [] })
    expect(parsePyLiteral('(5,)')).toEqual({ kind: 'tuple', items: [5n] })
    expect(parsePyLiteral('(5)')).toBe(5n)
    expect(parsePyLiteral('[1, (2,), None, True]')).toEqual({
      kind: 'list',
      items: [1n, { kind: 'tuple', items: [2n] }, null, true],
    })
    expect(parsePyLiteral(`'a\\'b\\x41\\u00e9\\n'`)).toBe("a'bAé\n")
    expect(parsePyLiteral('-12L')).toBe(-12n)
    expect(parsePyLiteral('123456789012345678901234567890')).toBe(123456789012345678901234567890n)
  })

  it.each([
    ['(', /unexpected end/],
    ["'abc", /unterminated string/],
    ['{1 2}', /expected ':'/],
    ['(1 2)', /expected ',' or '\)'/],
    ['1.5', /expected an integer/],
    ['Truth', /expected a value/],
    ['(1,) x', /unexpected text after the literal/],
    ["'\\q'", /bad escape/],
    ['('.repeat(10000), /nesting deeper than 32/],
  ])('refuses %s', (text, message) => {
    expect(() => parsePyLiteral(text)).toThrow(NpyFormatError)
    expect(() => parsePyLiteral(text)).toThrow(message)
  })

  it('renders values back for error messages', () => {
    expect(pyRepr(parsePyLiteral(`{'a': [1, (2,)], 'b': None}`))).toBe(`{'a': [1, (2,)], 'b': None}`)
  })
})
