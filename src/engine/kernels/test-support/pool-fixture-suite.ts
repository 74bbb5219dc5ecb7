import { describe, expect, it } from 'vitest'
import type { Conv2dGeometry, PoolMode } from '../kernel-types'
import { expectClose, readJson } from './close'
import { poolBackward, poolForward } from './pool-suite'

/**
 * Pooling against PyTorch: src/engine/kernels/js/fixtures/pool.json, written by
 * tools/torch/gen_pool_fixtures.py (F.max_pool2d with indices, F.avg_pool2d count_include_pad=True,
 * F.lp_pool2d on |x|; float64 reference for float32 inputs). Forward values, argmax positions (ties
 * included) and the input gradient for a given upstream gradient, to 1e−5 relative.
 */
interface PoolFixtureCase {
  name: string
  mode: PoolMode
  p?: number
  geometry: Conv2dGeometry
  x: number[]
  y: number[]
  dy: number[]
  dx: number[]
  argmax?: number[]
}

const TOLERANCE = { rtol: 1e-5, atol: 1e-6 }

export function poolFixtureSuite(backend: string): void {
  const fixture = readJson<{ cases: PoolFixtureCase[] }>('../js/fixtures/pool.json', import.meta.url)
  describe('pooling vs PyTorch (fixtures/pool.json)', () => {
    it('holds max, avg and lp cases with p = 1, 2, 3', () => {
      const kinds = new Set(fixture.cases.map((c) => (c.mode === 'lp' ? `lp${c.p}` : c.mode)))
      for (const kind of ['max', 'avg', 'lp1', 'lp2', 'lp3']) expect(kinds).toContain(kind)
    })

    for (const c of fixture.cases) {
      it(c.name, () => {
        const x = Float32Array.from(c.x)
        const forward = poolForward(backend, c.mode, x, c.geometry, c.p)
        expectClose(forward.y, c.y, TOLERANCE, `${c.name}: y`)
        if (c.argmax) expect(Array.from(forward.argmax)).toEqual(c.argmax)
        const dx = new Float32Array(x.length)
        poolBackward(backend, c.mode, dx, Float32Array.from(c.dy), x, forward, c.geometry, c.p)
        expectClose(dx, c.dx, TOLERANCE, `${c.name}: dx`)
      })
    }
  })
}
