export interface CspOptions {
  /** Extra connect-src sources, e.g. web mode's own ws://127.0.0.1:<port>. */
  connect?: readonly string[]
}

/**
 * The Content-Security-Policy sent with every renderer response (Electron's app:// protocol and web
 * mode's server): only bundled scripts, plus WebAssembly compilation for the engine's SIMD kernels; no
 * inline scripts or styles (Vue sets styles through the CSSOM, which CSP allows); images from the
 * bundle and data:/blob: URLs (thumbnails, figures); no plugins, no <base>, no framing.
 */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(options.connect ?? [])],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ]
  return directives.map((d) => d.join(' ')).join('; ')
}
