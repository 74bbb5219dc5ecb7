import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScanError } from '../errors'
import { scanFolder } from './scan-folder'

/** A real image, encoded by sharp: a colour square with a darker stripe so decoding has work to do. */
async function image(
  format: 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff',
  size = 32,
  colour = '#c04040',
): Promise<Buffer> {
  const stripe = await sharp({ create: { width: size, height: 4, channels: 3, background: '#202020' } })
    .png()
    .toBuffer()
  return sharp({ create: { width: size, height: size, channels: 3, background: colour } })
    .composite([{ input: stripe, top: 8, left: 0 }])
    [format]()
    .toBuffer()
}

/** A 24-bit uncompressed BMP (sharp cannot write BMP): width×height of one colour. */
function bmp(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const rowSize = Math.ceil((width * 3) / 4) * 4
  const file = Buffer.alloc(54 + rowSize * height)
  file.write('BM', 0, 'latin1')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(54, 10)
  file.writeUInt32LE(40, 14)
  file.writeInt32LE(width, 18)
  file.writeInt32LE(height, 22)
  file.writeUInt16LE(1, 26)
  file.writeUInt16LE(24, 28)
  file.writeUInt32LE(rowSize * height, 34)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) file.set([b, g, r], 54 + y * rowSize + x * 3)
  }
  return file
}

let dir: string
let root: string

async function put(path: string, content: Buffer | string): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true })
  await writeFile(join(root, path), content)
}

/** Every path under `folder` with its size and modification time, not following links. */
async function snapshot(folder: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    const info = await stat(path).catch(() => null)
    out.push(`${prefix}${entry.name} ${info?.size ?? '-'} ${info?.mtimeMs ?? '-'}`)
    if (entry.isDirectory()) out.push(...(await snapshot(path, `${prefix}${entry.name}/`)))
  }
  return out.sort()
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-scan-'))
  root = join(dir, 'dataset')
  const png = await image('png')
  const jpeg = await image('jpeg', 64)
  // Class "2": five good images; natural order 1, 9, 10, a, b.
  for (const name of ['10.png', '9.png', 'a.png', '1.png']) await put(`2/${name}`, png)
  await put('2/b.jpg', jpeg)
  // Class "10": good images of every other format, and the damaged files.
  await put('10/good.JPEG', jpeg)
  await put('10/photo.webp', await image('webp'))
  await put('10/anim.gif', await image('gif'))
  await put('10/scan.tif', await image('tiff'))
  await put('10/paint.bmp', bmp(5, 3, [0, 200, 0]))
  await put('10/really-a-jpeg.png', jpeg) // content decides, not the extension
  await put('10/zero.jpg', Buffer.alloc(0))
  await put('10/truncated.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))
  // Cut inside the compressed scan data: the header is intact, only a full decode notices.
  const photo = await sharp({
    create: {
      width: 300,
      height: 200,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 50 },
    },
  })
    .jpeg()
    .toBuffer()
  await put('10/cut-photo.jpg', photo.subarray(0, Math.floor(photo.length * 0.8)))
  await put('10/x.png', 'this is a text file with an image name\n')
  await put('10/notes.txt', 'not an image and not named like one: skipped silently')
  await put('10/.hidden.png', 'hidden: skipped')
  // Problems at class level, hidden folders and files at the root.
  await mkdir(join(root, 'empty'))
  await put('nested/0/1.png', png)
  await put('.git/HEAD', 'ref: refs/heads/main')
  await put('.thumbs/1.png', png)
  await put('README.txt', 'the root itself has no images')
  // Symbolic-link loops: a class folder that links back to the root, a link inside a class.
  await symlink(root, join(root, 'loop'))
  await symlink(join(root, '10'), join(root, '10', 'self'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('scanFolder', () => {
  it('lists the class folders in natural order with their image counts', async () => {
    const scan = await scanFolder(root)
    expect(scan.root).toBe(root)
    expect(scan.classes.map((c) => [c.name, c.imageCount])).toEqual([
      ['2', 5],
      ['10', 6],
      ['empty', 0],
      ['loop', 0],
      ['nested', 0],
    ])
    expect(scan.totalImages).toBe(11)
  })

  it('lists every file it cannot read with its relative path and why, and does not count it', async () => {
    const { problems } = await scanFolder(root)
    expect(problems.map((p) => p.path)).toEqual([
      '10/cut-photo.jpg',
      '10/truncated.jpg',
      '10/x.png',
      '10/zero.jpg',
      'empty',
      'loop',
      'nested',
    ])
    const reason = (path: string) => problems.find((p) => p.path === path)?.reason
    expect(reason('10/zero.jpg')).toBe('empty file (0 bytes)')
    expect(reason('10/truncated.jpg')).toMatch(/^JPEG could not be decoded: .*premature end of JPEG image$/)
    expect(reason('10/cut-photo.jpg')).toBe('JPEG could not be decoded: premature end of JPEG image')
    expect(reason('10/x.png')).toMatch(/^not an image/)
    expect(reason('empty')).toBe('no images in this class folder')
    expect(reason('nested')).toBe(
      'no images, only sub-folders: if they are the classes, choose nested itself as the dataset folder',
    )
  })

  it('renders up to four 48×48 PNG thumbnails per class from the first good images', async () => {
    const scan = await scanFolder(root)
    const [two, ten, empty] = scan.classes
    expect(two?.thumbnails).toHaveLength(4)
    expect(ten?.thumbnails).toHaveLength(4)
    expect(empty?.thumbnails).toEqual([])
    for (const url of [...(two?.thumbnails ?? []), ...(ten?.thumbnails ?? [])]) {
      expect(url.startsWith('data:image/png;base64,')).toBe(true)
      const meta = await sharp(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64')).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 48, 48])
    }
  })

  it('fits the whole image into the thumbnail on a neutral grey background', async () => {
    // Class "10" starts with anim.gif (32×32, square) … the BMP is 5×3: find its thumbnail alone.
    const bmpOnly = join(dir, 'bmp-only')
    await mkdir(join(bmpOnly, 'green'), { recursive: true })
    await writeFile(join(bmpOnly, 'green', 'paint.bmp'), bmp(5, 3, [0, 200, 0]))
    const [green] = (await scanFolder(bmpOnly)).classes
    const url = green?.thumbnails[0] ?? ''
    const { data, info } = await sharp(Buffer.from(url.split(',')[1] ?? '', 'base64'))
      .raw()
      .toBuffer({ resolveWithObject: true })
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * 48 + x) * info.channels, (y * 48 + x) * info.channels + 3),
    ]
    expect(pixel(24, 24)).toEqual([0, 200, 0]) // the image, centred
    expect(pixel(24, 2)).toEqual([128, 128, 128]) // the band above the 5:3 picture
  })

  it('uses the same natural order for the thumbnails as for the files', async () => {
    const ordered = join(dir, 'ordered')
    const colours = {
      '1.png': '#ff0000',
      '2.png': '#00ff00',
      '10.png': '#0000ff',
      '11.png': '#ffff00',
      '3.png': '#ffffff',
    }
    for (const [name, colour] of Object.entries(colours)) {
      await mkdir(join(ordered, 'c'), { recursive: true })
      await writeFile(
        join(ordered, 'c', name),
        await sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
          .png()
          .toBuffer(),
      )
    }
    const [c] = (await scanFolder(ordered)).classes
    const centres = await Promise.all(
      (c?.thumbnails ?? []).map(async (url) => {
        const raw = await sharp(Buffer.from(url.split(',')[1] ?? '', 'base64'))
          .raw()
          .toBuffer()
        return [...raw.subarray(0, 3)]
      }),
    )
    // 1, 2, 3, 10 — not 1, 10, 11, 2
    expect(centres).toEqual([
      [255, 0, 0],
      [0, 255, 0],
      [255, 255, 255],
      [0, 0, 255],
    ])
  })

  it('never writes into the dataset folder', async () => {
    const before = await snapshot(root)
    await scanFolder(root)
    expect(await snapshot(root)).toEqual(before)
  })

  it('refuses a folder without class folders with a message saying what to do', async () => {
    const flat = join(dir, 'flat')
    await mkdir(flat)
    await writeFile(join(flat, '1.png'), await image('png'))
    await expect(scanFolder(flat)).rejects.toThrow(ScanError)
    await expect(scanFolder(flat)).rejects.toThrow(
      `${flat} has no class folders: put each class's images in a subfolder, e.g. ${join(flat, 'cat', '1.png')}`,
    )
  })

  it('says when the folder is missing or is a file', async () => {
    await expect(scanFolder(join(dir, 'missing'))).rejects.toThrow(
      `Cannot scan ${join(dir, 'missing')}: it does not exist`,
    )
    await expect(scanFolder(join(root, 'README.txt'))).rejects.toThrow('it is not a folder')
  })

  it('keeps the event loop responsive while decoding', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    try {
      await scanFolder(root, { concurrency: 2 })
    } finally {
      clearInterval(timer)
    }
    expect(ticks).toBeGreaterThan(0)
  })
})
