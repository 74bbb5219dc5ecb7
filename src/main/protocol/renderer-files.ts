import { realpath, stat } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { isInside } from '../services/folder-access'

/** Content types of what a Vite build of the renderer contains. */
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

export function mimeType(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export type RendererFile =
  { status: 200; path: string; contentType: string; size: number } | { status: 400 | 404; message: string }

/**
 * Maps a URL path ("/", "/assets/index-abc.js") to a file of the built renderer in `rendererDir`.
 * "/" is index.html. Anything that is not a file inside rendererDir after decoding, `..` resolution
 * and following symbolic links is refused: a traversal attempt is simply "not found".
 */
export async function resolveRendererFile(rendererDir: string, urlPath: string): Promise<RendererFile> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return { status: 400, message: 'Bad request: malformed URL path' }
  }
  if (decoded.includes('\0')) return { status: 400, message: 'Bad request: malformed URL path' }
  const notFound = { status: 404 as const, message: `Not found: ${urlPath}` }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  try {
    const root = await realpath(rendererDir)
    const real = await realpath(resolve(root, relative))
    if (real === root || !isInside(root, real)) return notFound
    const info = await stat(real)
    if (!info.isFile()) return notFound
    return { status: 200, path: real, contentType: mimeType(real), size: info.size }
  } catch {
    return notFound
  }
}
