import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import '../../../engine/kernels/js'
import type { PoolMode } from '../../../engine/kernels/kernel-types'
import { filter2d, type Plane } from '../../../engine/ops/filter2d'
import { poolPlane } from '../../../engine/ops/pool2d-plain'
import { decodeImage } from '../components/filter-bench/decode-image'
import {
  type GaborParams,
  gaborKernel,
  laplacianKernel,
  meanKernel,
  resizeKernel,
  sharpenKernel,
  sobelXKernel,
  sobelYKernel,
  type SquareKernel,
} from '../components/filter-bench/filter-kernels'
import { type AxisSize, planeSizes } from '../components/filter-bench/output-size'
import { planeRange, type Range } from '../components/filter-bench/plane-display'
import { sampleImage } from '../components/filter-bench/sample-image'

/**
 * The spatial-filter bench: one grey image, a filter h, zero padding p and stride s, the lecture's
 * output size (I − F + 2p)/s + 1 per axis, the filtered image (engine filter2d: im2col + GEMM) and
 * its pooling (engine poolPlane: max, average or Lp). Everything recomputes as a setting changes;
 * the planes stay out of Vue's deep reactivity.
 */
export const filterKinds = ['mean', 'sharpen', 'laplacian', 'sobel-x', 'sobel-y', 'gabor', 'custom'] as const
export type FilterKind = (typeof filterKinds)[number]

export interface BenchImage {
  /** The file's name; null for the built-in sample. */
  name: string | null
  width: number
  height: number
  /** Grey levels 0–255, row-major. */
  data: Float32Array
  /** The picture's own size when it was scaled down to fit the bench. */
  original: { width: number; height: number } | undefined
}

export interface PoolSettings {
  mode: PoolMode
  size: number
  stride: number
  /** The p of Lp pooling. */
  p: number
}

/** A computed plane with its value range, or why it could not be computed. */
export type Outcome = { plane: Plane; range: Range; error: undefined } | { plane: undefined; error: string }

export const MAX_KERNEL = 15
export const MAX_CUSTOM = 7

const finite = (v: number) => (Number.isFinite(v) ? v : 0)

function run(compute: () => Plane): Outcome {
  try {
    const plane = markRaw(compute())
    return { plane, range: planeRange(plane.data), error: undefined }
  } catch (error) {
    return { plane: undefined, error: error instanceof Error ? error.message : String(error) }
  }
}

export const useFilterBenchStore = defineStore('filter-bench', () => {
  const image = shallowRef<BenchImage | null>(null)
  const loading = ref(false)
  const filter = ref<FilterKind>('sharpen')
  const meanSize = ref(3)
  const gabor = ref<GaborParams>({ size: 9, theta: 0, sigma: 2, lambda: 6, gamma: 0.5, psi: 0 })
  const custom = ref<{ size: number; values: number[] }>({ size: 3, values: [0, 0, 0, 0, 1, 0, 0, 0, 0] })
  // Padding 1 keeps a 3×3 filter's output the input's size (the lecture's "same size" padding).
  const padding = ref(1)
  const stride = ref(1)
  // 3×3 windows with stride 2 fit any odd size, as the sample's 99 (2×2 with stride 2 needs even).
  const pool = ref<PoolSettings>({ mode: 'max', size: 3, stride: 2, p: 2 })

  const kernels: Record<FilterKind, () => SquareKernel> = {
    mean: () => meanKernel(meanSize.value),
    sharpen: sharpenKernel,
    laplacian: laplacianKernel,
    'sobel-x': sobelXKernel,
    'sobel-y': sobelYKernel,
    gabor: () => gaborKernel(gabor.value),
    custom: () => ({ size: custom.value.size, values: Float32Array.from(custom.value.values, finite) }),
  }
  const kernel = computed<SquareKernel>(() => kernels[filter.value]())

  /** (I − F + 2p)/s + 1 for the height and the width of the image. */
  const filterSizes = computed<AxisSize[]>(() => {
    const img = image.value
    if (!img) return []
    return planeSizes('filter2d', img.height, img.width, kernel.value.size, padding.value, stride.value)
  })

  const filtered = computed<Outcome | undefined>(() => {
    const img = image.value
    if (!img) return undefined
    const { size, values } = kernel.value
    return run(() =>
      filter2d(img.data, img.height, img.width, values, size, size, {
        padding: padding.value,
        stride: stride.value,
      }),
    )
  })

  const poolSizes = computed<AxisSize[]>(() => {
    const plane = filtered.value?.plane
    if (!plane) return []
    const { size, stride: s } = pool.value
    return planeSizes('pool2d', plane.height, plane.width, size, 0, s)
  })

  const pooled = computed<Outcome | undefined>(() => {
    const plane = filtered.value?.plane
    if (!plane) return undefined
    const { mode, size, stride: s, p } = pool.value
    return run(() => poolPlane(plane.data, plane.height, plane.width, { mode, size, stride: s, p }))
  })

  function setImage(next: BenchImage): void {
    image.value = markRaw(next)
  }

  function useSample(): void {
    setImage({ name: null, ...sampleImage(), original: undefined })
  }

  /** Decodes a picture file into grey levels; throws when the browser cannot decode it. */
  async function openFile(file: File): Promise<void> {
    loading.value = true
    try {
      const decoded = await decodeImage(file)
      setImage({ name: file.name, ...decoded })
    } finally {
      loading.value = false
    }
  }

  function setGabor<K extends keyof GaborParams>(key: K, value: GaborParams[K]): void {
    gabor.value = { ...gabor.value, [key]: value }
  }

  function setCustomSize(size: number): void {
    if (!Number.isInteger(size) || size < 1 || size > MAX_CUSTOM) return
    const { size: from, values } = custom.value
    custom.value = { size, values: resizeKernel(values, from, size) }
  }

  function setCustomValue(index: number, value: number): void {
    const values = [...custom.value.values]
    values[index] = value
    custom.value = { ...custom.value, values }
  }

  /** Copies the current filter into the custom grid (when it fits) to edit it from there. */
  function editAsCustom(): void {
    const { size, values } = kernel.value
    if (size > MAX_CUSTOM) return
    custom.value = { size, values: Array.from(values, (v) => Number(v.toFixed(4))) }
    filter.value = 'custom'
  }

  function setPool<K extends keyof PoolSettings>(key: K, value: PoolSettings[K]): void {
    pool.value = { ...pool.value, [key]: value }
  }

  return {
    image,
    loading,
    filter,
    meanSize,
    gabor,
    custom,
    padding,
    stride,
    pool,
    kernel,
    filterSizes,
    filtered,
    poolSizes,
    pooled,
    setImage,
    useSample,
    openFile,
    setGabor,
    setCustomSize,
    setCustomValue,
    editAsCustom,
    setPool,
  }
})
