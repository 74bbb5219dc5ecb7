import { z } from 'zod'

/**
 * zod without its JIT, in every process. zod 4 compiles an object schema's parser with
 * `new Function(…)` after probing `new Function('')`; the renderer's CSP
 * (`script-src 'self' 'wasm-unsafe-eval'`) forbids both, and a strict CSP reports even the caught
 * probe as a securitypolicyviolation. Under `jitless` zod neither probes nor compiles (zod 4.6:
 * `util.allowsEval` returns false at once, and `$ZodObjectJIT` tests `jit && allowsEval.value`,
 * so the probe is never reached); every schema runs its interpreted parser.
 *
 * The flag is read when an object schema is CONSTRUCTED, so spec-schema.ts imports this module
 * before it builds any schema. It is process-wide (globalThis.__zod_globalConfig): main, workers,
 * CLI and web mode parse the same way as the renderer. A spec is parsed once per edit or run, never
 * per training step (~0.1–0.2 ms for VGG-16 either way), so the JIT bought nothing measurable.
 */
z.config({ jitless: true })
