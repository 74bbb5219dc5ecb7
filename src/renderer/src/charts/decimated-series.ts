/** A chart point: x is a step or an epoch, y a loss or an accuracy. */
export interface Point {
  x: number
  y: number
}

let revisions = 0
const nextRevision = () => ++revisions

/**
 * A line's points with a cap on how many are kept, for charts that must stay cheap to redraw however
 * long a run trains. Points arrive in increasing x. While there are at most `cap`, all are kept; when
 * one more arrives, the stride doubles and only the points whose arrival index is a multiple of it
 * stay, so the line keeps an even density over the whole run (between cap/2 and cap points). The
 * newest point is always shown, even off the stride, and is replaced when the next one arrives.
 *
 * A point whose x is not past the last one (a resumed run that went back to its checkpoint, or a
 * repeated report) first removes the points at or after its x: the line shows what the run did last.
 *
 * Plain arrays, never reactive: a chart reads `points` and is told to redraw.
 */
export class DecimatedSeries {
  /** What the chart draws, in increasing x. */
  readonly points: Point[] = []
  /** Arrival index of each kept point. */
  private readonly indices: number[] = []
  private stride = 1
  private arrivals = 0
  /** The last point is kept only because it is the newest (its index is off the stride). */
  private provisionalTail = false
  private changes = nextRevision()

  constructor(readonly cap = 600) {
    if (!Number.isInteger(cap) || cap < 4) throw new RangeError(`cap must be an integer ≥ 4, got ${cap}`)
  }

  get length(): number {
    return this.points.length
  }

  /**
   * Changes with every change to `points`, to a number no series has had before (a series made anew,
   * as a run's history replaces its live series, never repeats an old one's): a chart whose lines'
   * revisions are those it drew need not redraw.
   */
  get revision(): number {
    return this.changes
  }

  get last(): Point | undefined {
    return this.points.at(-1)
  }

  push(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return
    this.changes = nextRevision()
    while (this.points.length > 0 && (this.points.at(-1) as Point).x >= x) {
      this.points.pop()
      this.indices.pop()
      this.provisionalTail = false
    }
    if (this.provisionalTail) {
      this.points.pop()
      this.indices.pop()
    }
    const index = this.arrivals++
    this.points.push({ x, y })
    this.indices.push(index)
    this.provisionalTail = index % this.stride !== 0
    if (this.points.length > this.cap) this.thin()
  }

  clear(): void {
    this.changes = nextRevision()
    this.points.length = 0
    this.indices.length = 0
    this.stride = 1
    this.arrivals = 0
    this.provisionalTail = false
  }

  /** Doubles the stride and drops the points off it (the newest stays). */
  private thin(): void {
    this.stride *= 2
    const last = this.points.length - 1
    let kept = 0
    for (let i = 0; i <= last; i++) {
      if (this.indices[i]! % this.stride !== 0 && i !== last) continue
      this.points[kept] = this.points[i]!
      this.indices[kept] = this.indices[i]!
      kept++
    }
    this.points.length = kept
    this.indices.length = kept
    this.provisionalTail = this.indices[kept - 1]! % this.stride !== 0
  }
}
