/** Shapes are row-major, batch first; images are NCHW = (batch, channels, Y, X) as in the lecture. */
export type Shape = readonly number[]

/** Number of elements of a shape: the product of its dimensions (1 for a scalar shape []). */
export function shapeSize(shape: Shape): number {
  let n = 1
  for (const d of shape) n *= d
  return n
}

export function shapeToString(shape: Shape): string {
  return `(${shape.join(', ')})`
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i])
}
