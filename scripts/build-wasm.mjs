#!/usr/bin/env node
// Builds the WebAssembly kernels (assembly/ → build/wasm/) with AssemblyScript's compiler API:
//
//   build/wasm/kernels-simd.wasm      128-bit SIMD: every runtime we support (Node 20, Electron)
//   build/wasm/kernels-relaxed.wasm   + relaxed SIMD (f32x4.relaxed_madd: fused multiply-add where the
//                                     CPU has it); Chromium/Electron, Node 20 only with
//                                     --experimental-wasm-relaxed-simd. The loader validates it first.
//   build/wasm/kernels-*-shared.wasm  the same two over a SHARED imported memory (--enable threads
//                                     --sharedMemory, up to 4 GiB), from assembly/threaded.ts: every
//                                     kernel plus gemmPanel, for the worker-thread GEMM (src/worker/gemm-pool/)
//
// All builds: -O3 (speed, no shrinking), --runtime stub (no GC: the kernels never allocate),
// --noAssert, memory imported from env.memory (the engine owns it), no abort import. The compiler is
// deterministic, so the same sources give the same bytes.
//
//   node scripts/build-wasm.mjs            build both
//   node scripts/build-wasm.mjs --if-stale build only when an output is missing or older than a source
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import asc from 'assemblyscript/asc'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const sources = join(root, 'assembly')
const outDir = join(root, 'build', 'wasm')

// prettier-ignore
const COMMON = [
  '--optimizeLevel', '3', '--shrinkLevel', '0', // speed, no size trade-offs
  '--runtime', 'stub', // no GC: the kernels never allocate
  '--noAssert',
  '--importMemory', '--noExportMemory', // the engine creates the memory and hands it in
  '--use', 'abort=', // no env.abort import: nothing can abort
  '--enable', 'simd',
  // AS112 warns that v128 values cross module boundaries; ours stay inside the module (only helper
  // functions shared between our files take v128), so the warning does not apply.
  '--disableWarning', '112',
]

const RELAXED = ['--enable', 'relaxed-simd']
// prettier-ignore
const SHARED = [
  '--enable', 'threads', '--sharedMemory',
  '--maximumMemory', '65536', // pages: the import accepts any shared memory of at most 4 GiB
]

export const TARGETS = [
  { file: 'kernels-simd.wasm', entry: 'assembly/index.ts', flags: [] },
  { file: 'kernels-relaxed.wasm', entry: 'assembly/index.ts', flags: RELAXED },
  { file: 'kernels-simd-shared.wasm', entry: 'assembly/threaded.ts', flags: SHARED },
  { file: 'kernels-relaxed-shared.wasm', entry: 'assembly/threaded.ts', flags: [...RELAXED, ...SHARED] },
]

function newestSource(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

function isStale(file) {
  try {
    return statSync(join(outDir, file)).mtimeMs < newestSource(sources)
  } catch {
    return true
  }
}

export async function buildWasm({ ifStale = false, log = console.log } = {}) {
  mkdirSync(outDir, { recursive: true })
  for (const target of TARGETS) {
    if (ifStale && !isStale(target.file)) continue
    const started = performance.now()
    const outFile = join(outDir, target.file)
    // Written under a temporary name, then renamed: a reader (a test in another process) never sees
    // half a module, and concurrent builds of the same sources just replace identical bytes.
    const temporary = `${outFile}.${process.pid}.tmp`
    const { error, stderr } = await asc.main([
      target.entry,
      ...COMMON,
      ...target.flags,
      '--outFile',
      temporary,
      '--baseDir',
      root,
    ])
    if (error) {
      throw new Error(`build-wasm: ${target.file} failed: ${error.message}\n${stderr.toString()}`)
    }
    renameSync(temporary, outFile)
    const size = statSync(outFile).size
    log(
      `build-wasm: ${relative(root, outFile)} (${size} bytes, ${Math.round(performance.now() - started)} ms)`,
    )
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale')
  buildWasm({ ifStale }).catch((error) => {
    console.error(error.message)
    process.exit(1)
  })
}
