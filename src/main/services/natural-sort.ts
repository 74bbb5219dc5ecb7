const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

/**
 * Natural order, as a person sorts file names: "2" < "10", "img9" < "img10", case-insensitive.
 * Names equal under that order (e.g. "a" and "A") fall back to code-point order, so the result
 * never depends on the input order.
 */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

export function sortNatural<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareNatural(key(x), key(y)))
}
