import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mimeType, resolveRendererFile } from './renderer-files'

let dir: string
let renderer: string

beforeAll(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-renderer-files-')))
  renderer = join(dir, 'renderer')
  await mkdir(join(renderer, 'assets'), { recursive: true })
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>DL Lab</title>')
  await writeFile(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)')
  await writeFile(join(renderer, 'assets', 'my file.css'), 'body{}')
  await writeFile(join(dir, 'secret.txt'), 'secret')
  await symlink(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('resolveRendererFile', () => {
  it('serves index.html for / and files of the build with their types', async () => {
    expect(await resolveRendererFile(renderer, '/')).toMatchObject({
      status: 200,
      path: join(renderer, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    })
    expect(await resolveRendererFile(renderer, '/assets/index-abc.js')).toMatchObject({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
      size: 14,
    })
    expect(await resolveRendererFile(renderer, '/assets/my%20file.css')).toMatchObject({ status: 200 })
  })

  it('refuses paths that lead outside the build, however they are spelled', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/link.txt',
    ]) {
      expect((await resolveRendererFile(renderer, path)).status, path).toBe(404)
    }
  })

  it('answers 404 for folders and missing files, 400 for malformed paths', async () => {
    expect((await resolveRendererFile(renderer, '/assets')).status).toBe(404)
    expect((await resolveRendererFile(renderer, '/nope.js')).status).toBe(404)
    expect((await resolveRendererFile(renderer, '/%E0%A4%A')).status).toBe(400)
    expect((await resolveRendererFile(renderer, '/a%00b')).status).toBe(400)
  })
})

describe('mimeType', () => {
  it('knows the types of a Vite build and falls back to octet-stream', () => {
    expect(mimeType('x.wasm')).toBe('application/wasm')
    expect(mimeType('x.SVG')).toBe('image/svg+xml')
    expect(mimeType('x.woff2')).toBe('font/woff2')
    expect(mimeType('x.unknown')).toBe('application/octet-stream')
  })
})
