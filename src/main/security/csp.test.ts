import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './csp'

const directives = (csp: string) =>
  new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))

describe('contentSecurityPolicy', () => {
  it('allows only bundled scripts plus WebAssembly compilation, and nothing inline', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    )
    const csp = contentSecurityPolicy()
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain("'unsafe-eval'")
  })

  it('adds web mode’s WebSocket to connect-src only', () => {
    const d = directives(contentSecurityPolicy({ connect: ['ws://127.0.0.1:5173'] }))
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5173'])
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
  })
})
