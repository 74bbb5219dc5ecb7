import { describe, expect, it } from 'vitest'
import { compareNatural, sortNatural } from './natural-sort'

describe('natural order', () => {
  it('orders numbers by value, as a person would', () => {
    expect(['10', '2', '1', '100', '20'].sort(compareNatural)).toEqual(['1', '2', '10', '20', '100'])
    expect(['img10.png', 'img9.png', 'img1.png'].sort(compareNatural)).toEqual([
      'img1.png',
      'img9.png',
      'img10.png',
    ])
  })

  it('ignores case but stays deterministic for names that differ only in case', () => {
    expect(['b', 'A', 'a', 'B'].sort(compareNatural)).toEqual(['A', 'a', 'B', 'b'])
    expect(['a', 'A'].sort(compareNatural)).toEqual(['A', 'a'])
  })

  it('sorts objects by a key without changing the input', () => {
    const input = [{ n: 'cat10' }, { n: 'cat2' }]
    expect(sortNatural(input, (x) => x.n).map((x) => x.n)).toEqual(['cat2', 'cat10'])
    expect(input[0]?.n).toBe('cat10')
  })
})
