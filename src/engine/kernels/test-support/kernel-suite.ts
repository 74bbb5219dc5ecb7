import { describe } from 'vitest'
import { columnsSuite } from './columns-suite'
import { conv2dSuite } from './conv2d-suite'
import { elementwiseSuite } from './elementwise-suite'
import { adamSuite } from './adam-suite'
import { fillSuite } from './fill-suite'
import { squaredErrorSuite } from './squared-error-suite'
import { gemmSuite } from './gemm-suite'
import { lectureSuite } from './lecture-suite'
import { poolFixtureSuite } from './pool-fixture-suite'
import { poolSuite } from './pool-suite'
import { sgdSuite } from './sgd-suite'

/**
 * The backend-independent kernel suite: every kernel of KernelSignatures except
 * softmaxCrossEntropy (which has its own suite beside it), fetched with getKernel(name, backend).
 * A backend's test file registers its kernels and calls describeKernels('its name'); the JS
 * reference runs it in kernels/js/kernels.test.ts, the WebAssembly backend runs the same.
 *
 * Semantics held for every backend: backward kernels of pooling, col2im and the bias gradients
 * accumulate (+=); activation backward kernels write (=) and may run in place (dx = dy); every
 * kernel rejects a buffer smaller than its dimensions with a ShapeError.
 */
export function describeKernels(backend: string): void {
  describe(`kernels on backend '${backend}'`, () => {
    lectureSuite(backend)
    gemmSuite(backend)
    columnsSuite(backend)
    conv2dSuite(backend)
    poolSuite(backend)
    poolFixtureSuite(backend)
    elementwiseSuite(backend)
    sgdSuite(backend)
    fillSuite(backend)
    adamSuite(backend)
    squaredErrorSuite(backend)
  })
}
