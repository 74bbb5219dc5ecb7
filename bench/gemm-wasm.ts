import '../src/engine'
import { getKernel } from '../src/engine/kernels/registry'
import { loadWasmKernels } from '../src/worker/load-wasm-kernels'
import { machine } from './machine'

/**
 * GEMM GFLOP/s, JS reference against the WebAssembly backend, one thread:
 *
 *   tsx bench/gemm-wasm.ts [--budget <s>] [--json] [--only <shape id>]
 *   node --experimental-wasm-relaxed-simd --import tsx bench/gemm-wasm.ts     (adds the relaxed build)
 *
 * Shapes: square 256³ and 1024³, and the products LeNet-5 training runs per image and per batch
 * (conv2d as im2col + GEMM: U' = F·X', ∂F = Δ·X'ᵀ, ∂X' = Fᵀ·Δ; dense: u = xW, ∂W = xᵀΔ, ∂x = ΔWᵀ).
 * Each wasm build runs twice: with ordinary Float32Arrays (copied into wasm memory and back on every
 * call) and with resident arrays (allocFloat32: no copies), so the difference is the copy overhead.
 * Each figure is GFLOP/s per CPU-second, the best of five rounds (see gflops); still, on a shared
 * machine caches are shared too: run it twice and read the figures as indicative.
 */
interface Shape {
  id: string
  m: number
  n: number
  k: number
  transA: boolean
  transB: boolean
  note: string
}

const shape = (id: string, m: number, n: number, k: number, t: string, note: string): Shape => ({
  id,
  m,
  n,
  k,
  transA: t[0] === 'T',
  transB: t[1] === 'T',
  note,
})

const SHAPES: Shape[] = [
  shape('sq256', 256, 256, 256, 'NN', 'square 256³'),
  shape('sq1024', 1024, 1024, 1024, 'NN', 'square 1024³'),
  shape('c1-fwd', 6, 784, 25, 'NN', 'conv1 forward per image: F (6×25) · X′ (25×784), 28×28 pad 2'),
  shape('c1-dF', 6, 25, 784, 'NT', 'conv1 ∂F per image: Δ (6×784) · X′ᵀ'),
  shape('c2-fwd', 16, 100, 150, 'NN', 'conv2 forward per image: F (16×150) · X′ (150×100)'),
  shape('c2-dF', 16, 150, 100, 'NT', 'conv2 ∂F per image: Δ (16×100) · X′ᵀ'),
  shape('c2-dX', 150, 100, 16, 'TN', 'conv2 ∂X′ per image: Fᵀ (150×16) · Δ (16×100)'),
  shape('fc1-fwd', 64, 120, 400, 'NN', 'dense 400→120, batch 64: x (64×400) · W'),
  shape('fc1-dW', 400, 120, 64, 'TN', 'dense 400→120 ∂W: xᵀ · Δ'),
  shape('fc1-dx', 64, 400, 120, 'NT', 'dense 400→120 ∂x: Δ · Wᵀ'),
  shape('fc1-b1', 1, 120, 400, 'NN', 'dense 400→120 per sample (batch 1): x · W'),
  shape('fc1-b1-dx', 1, 400, 120, 'NT', 'dense 400→120 per sample ∂x: Δ · Wᵀ'),
  shape('dl-b1', 1, 128, 256, 'NN', 'DL.py 256→128 per sample: x · W'),
  shape('dl-b1-dW', 256, 128, 1, 'TN', 'DL.py 256→128 per sample ∂W: xᵀ · Δ (an outer product)'),
  shape('dl-small', 1, 32, 32, 'NN', 'DL.py 32→32 per sample: x · W'),
]

interface Args {
  budget: number
  json: boolean
  only: string[]
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { budget: 1, json: false, only: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--budget') args.budget = Number(argv[++i])
    else if (a === '--json') args.json = true
    else if (a === '--only') args.only.push(String(argv[++i]))
    else throw new Error(`gemm-wasm: unknown argument '${a}'; use --budget <seconds>, --json, --only <id>`)
  }
  if (!(args.budget > 0)) throw new Error('gemm-wasm: --budget must be a positive number of seconds')
  return args
}

function fill(array: Float32Array, seed: number): Float32Array {
  let s = seed
  for (let i = 0; i < array.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0
    array[i] = s / 2 ** 32 - 0.5
  }
  return array
}

type Alloc = (n: number) => Float32Array

/** CPU seconds this process has used (user + system): unlike wall time, not inflated when the OS
 * runs other processes on our core, so the figures stay comparable on a busy, shared machine. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/**
 * GFLOP/s per CPU-second, the best of five rounds of budget/5 CPU-seconds each (after a warm-up
 * round): the least disturbed round is the most repeatable figure. Calls are timed in batches of at
 * least ~2 ms, since reading the CPU clock (a system call) costs about a microsecond — as much as a
 * small product.
 */
function gflops(gemm: ReturnType<typeof getKernel<'gemm'>>, s: Shape, alloc: Alloc, budget: number): number {
  const a = fill(alloc(s.m * s.k), 1)
  const b = fill(alloc(s.k * s.n), 2)
  const c = alloc(s.m * s.n)
  const flops = 2 * s.m * s.n * s.k
  const run = (calls: number): void => {
    for (let i = 0; i < calls; i++) gemm(c, a, b, s.m, s.n, s.k, s.transA, s.transB, false)
  }
  let batch = 1
  for (let start = cpuSeconds(); run(batch), cpuSeconds() - start < 0.002; start = cpuSeconds()) batch *= 2
  const round = budget / 5
  let best = 0
  for (let r = 0; r <= 5; r++) {
    const start = cpuSeconds()
    let calls = 0
    let elapsed: number
    do {
      run(batch)
      calls += batch
      elapsed = cpuSeconds() - start
    } while (elapsed < round)
    if (r > 0) best = Math.max(best, (flops * calls) / elapsed)
  }
  return best / 1e9
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const shapes = SHAPES.filter((s) => args.only.length === 0 || args.only.some((o) => s.id.includes(o)))
  const simd = await loadWasmKernels({ relaxed: false, backend: 'wasm-simd', activate: false })
  const builds = [{ name: 'wasm-simd', backend: simd }]
  try {
    const relaxed = await loadWasmKernels({ relaxed: true, backend: 'wasm-relaxed', activate: false })
    builds.push({ name: 'wasm-relaxed', backend: relaxed })
  } catch {
    // no relaxed SIMD here (Node 20 without --experimental-wasm-relaxed-simd)
  }
  const ordinary: Alloc = (n) => new Float32Array(n)
  if (!args.json) {
    const m = machine()
    console.log(`GEMM, one thread — ${m.cpu}, Node ${m.node}; GFLOP/s per CPU-second, best of 5 rounds`)
    console.log(`copy = ordinary Float32Arrays copied in/out per call; resident = arrays in wasm memory\n`)
    const columns = ['js', ...builds.flatMap((b) => [`${b.name} copy`, `${b.name} resident`])]
    console.log(`${'shape'.padEnd(10)} ${'m×n×k'.padEnd(15)} ${columns.map((c) => c.padStart(23)).join('')}`)
  }
  for (const s of shapes) {
    const results: Record<string, number> = {}
    results['js'] = gflops(getKernel('gemm', 'js'), s, ordinary, args.budget)
    for (const { name, backend } of builds) {
      const heap = backend.heap
      heap.resetAllocations()
      heap.reserve(4 * (s.m * s.k + s.k * s.n + s.m * s.n) + 1024 + 8 * 1024 * 1024)
      results[`${name} copy`] = gflops(backend.kernels.gemm, s, ordinary, args.budget)
      results[`${name} resident`] = gflops(backend.kernels.gemm, s, (n) => heap.allocFloat32(n), args.budget)
      heap.resetAllocations()
    }
    if (args.json) {
      console.log(
        JSON.stringify({
          shape: s.id,
          m: s.m,
          n: s.n,
          k: s.k,
          trans: `${s.transA ? 'T' : 'N'}${s.transB ? 'T' : 'N'}`,
          gflops: results,
        }),
      )
    } else {
      const dims = `${s.m}×${s.n}×${s.k} ${s.transA ? 'T' : 'N'}${s.transB ? 'T' : 'N'}`
      const cells = Object.values(results)
        .map((v) => v.toFixed(2).padStart(23))
        .join('')
      console.log(`${s.id.padEnd(10)} ${dims.padEnd(15)} ${cells}   ${s.note}`)
    }
  }
}

await main()
