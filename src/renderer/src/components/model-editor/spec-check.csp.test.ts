import { afterAll, describe, expect, it } from 'vitest'

// The renderer's CSP (`script-src 'self' 'wasm-unsafe-eval'`) forbids `new Function`, which zod 4
// calls to compile object parsers (and to probe whether it may). The engine turns that off
// (src/engine/models/zod-jitless.ts); here every call of Function is trapped while the editor's
// check is loaded (the schemas are built) and run, as the renderer loads and runs it.
// Modules are imported inside the test, after the trap is set: nothing is built before it.

const RealFunction = globalThis.Function
const calls: string[] = []
globalThis.Function = new Proxy(RealFunction, {
  construct(target, args: string[]) {
    calls.push(String(args.at(-1)).slice(0, 60))
    return Reflect.construct(target, args) as object
  },
  apply(target, self, args: string[]) {
    calls.push(String(args.at(-1)).slice(0, 60))
    return Reflect.apply(target, self, args) as unknown
  },
})
afterAll(() => {
  globalThis.Function = RealFunction
})

describe('the editor’s spec check under the renderer’s CSP', () => {
  it('builds and runs the engine’s zod schemas without new Function', async () => {
    const { checkSpec, schemaIssues } = await import('./spec-check')
    const { presetIds, presetSpec } = await import('./presets')
    for (const id of presetIds) expect(checkSpec(presetSpec(id)).problem).toBeUndefined()
    const bad = {
      format: 'dllab.model/1',
      input: { channels: 1, height: 28, width: 28 },
      layers: [
        { type: 'conv2d', filters: 6, kernel: 5, stride: 2 },
        { type: 'pool2d', mode: 'x' },
      ],
    }
    expect(checkSpec(bad).problem?.message).toBe(
      "conv2d 'conv2d1': output height (28 − 5 + 2·0)/2 + 1 = 12.5 is not an integer; change stride or padding",
    )
    expect(schemaIssues(bad)).toHaveLength(2)
    expect(calls).toEqual([])
  })

  it('would see zod’s JIT if it were on (the trap works)', async () => {
    const { z } = await import('zod')
    z.config({ jitless: false })
    try {
      const schema = z.strictObject({ units: z.number() })
      expect(schema.parse({ units: 3 })).toEqual({ units: 3 })
    } finally {
      z.config({ jitless: true })
    }
    // The probe `new Function('')`, then the compiled parser of the object.
    expect(calls[0]).toBe('')
    expect(calls.some((code) => code.startsWith('return function (payload, ctx)'))).toBe(true)
  })
})
