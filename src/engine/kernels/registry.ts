import { KernelError } from '../errors'
import { useFloat32Allocator } from '../tensor/float32-allocator'
import type { KernelName, KernelSignatures } from './kernel-types'

/**
 * The kernel registry (tfjs style): kernels are registered by name per backend; `kernels` always
 * points at the fastest registered implementation of each name. The JS reference registers every
 * name at import (kernels/js/index.ts); a faster backend overrides the names it implements.
 */
type Backend = string
const registered = new Map<KernelName, Map<Backend, KernelSignatures[KernelName]>>()
const active: Partial<KernelSignatures> = {}
const activeBackend = new Map<KernelName, Backend>()

export function registerKernel<K extends KernelName>(
  name: K,
  backend: Backend,
  fn: KernelSignatures[K],
  options: { activate?: boolean } = {},
): void {
  let byBackend = registered.get(name)
  if (!byBackend) {
    byBackend = new Map()
    registered.set(name, byBackend)
  }
  byBackend.set(backend, fn)
  if (options.activate !== false || !(name in active)) {
    ;(active as Record<K, KernelSignatures[K]>)[name] = fn
    activeBackend.set(name, backend)
  }
}

/**
 * Switch every kernel a backend registered to that backend (tests run the same suite per backend),
 * and the allocator of new training arrays to the backend's (tensor/float32-allocator.ts).
 */
export function useBackend(backend: Backend): void {
  useFloat32Allocator(backend)
  for (const [name, byBackend] of registered) {
    const fn = byBackend.get(backend)
    if (fn) {
      ;(active as Record<string, unknown>)[name] = fn
      activeBackend.set(name, backend)
    }
  }
}

export function getKernel<K extends KernelName>(name: K, backend?: Backend): KernelSignatures[K] {
  const fn = backend ? registered.get(name)?.get(backend) : active[name]
  if (!fn) {
    throw new KernelError(
      `kernel '${name}'${backend ? ` for backend '${backend}'` : ''} is not registered; ` +
        `import the engine through src/engine/index.ts so the JS reference kernels are loaded`,
    )
  }
  return fn as KernelSignatures[K]
}

/** Which backend each kernel currently runs on (for benchmarks and the About box). */
export function kernelBackends(): Record<string, Backend> {
  return Object.fromEntries(activeBackend)
}

export function registeredBackends(name: KernelName): Backend[] {
  return [...(registered.get(name)?.keys() ?? [])]
}

/**
 * The active kernels as one object. Layers call `kernels.gemm(…)`; the lookup goes through the
 * getter each time so a backend switch takes effect immediately.
 */
export const kernels: KernelSignatures = new Proxy({} as KernelSignatures, {
  get(_target, name) {
    return getKernel(name as KernelName)
  },
})
