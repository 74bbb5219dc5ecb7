import { describe, expect, it } from 'vitest'
import type { KernelName } from '../kernel-types'
import { getKernel, kernelBackends, registeredBackends } from '../registry'
import { describeKernels } from '../test-support/kernel-suite'
import { JS_BACKEND, jsKernels } from './index'

describe('JS backend registration', () => {
  it("registers every kernel of the contract under 'js' and activates it when nothing else is", () => {
    const names = Object.keys(jsKernels) as KernelName[]
    expect(names).toHaveLength(28)
    for (const name of names) {
      expect(registeredBackends(name)).toContain(JS_BACKEND)
      expect(getKernel(name, JS_BACKEND)).toBe(jsKernels[name])
      expect(getKernel(name)).toBe(jsKernels[name])
      expect(kernelBackends()[name]).toBe(JS_BACKEND)
    }
  })
})

describeKernels(JS_BACKEND)
