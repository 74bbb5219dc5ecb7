import { readFile } from 'node:fs/promises'
import { contentSecurityPolicy } from '../security/csp'
import { appHost, appScheme } from '../security/origin'
import { resolveRendererFile } from './renderer-files'

/**
 * How app:// is registered (before the app is ready): a standard, secure scheme, so the renderer has
 * a real origin (app://dllab), a secure context, and fetch() of its own files (WebAssembly).
 */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
}

/** Headers on every renderer response, Electron or web mode. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  }
}

/**
 * The app:// protocol handler (Electron's protocol.handle takes a fetch-style handler): serves only
 * files of the built renderer in `rendererDir`, only to GET/HEAD requests for app://dllab/…, each
 * with the CSP header. Electron-free: Request and Response are the web standard ones Node also has.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const headers = securityHeaders(contentSecurityPolicy())
  const plain = (status: number, message: string) =>
    new Response(message, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } })

  return async (request) => {
    const url = new URL(request.url)
    if (url.protocol !== `${appScheme}:` || url.host !== appHost)
      return plain(404, `Not found: ${request.url}`)
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed')
    const file = await resolveRendererFile(rendererDir, url.pathname)
    if (file.status !== 200) return plain(file.status, file.message)
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file.path))
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': file.contentType },
    })
  }
}
