import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'

/** What the test folder holds, as a person would count it. */
export const dataset = {
  /** Folder under home that holds the class folders. */
  name: 'shapes',
  classes: [
    { name: 'circle', images: 4 },
    { name: 'square', images: 3 },
    { name: 'triangle', images: 2 },
  ],
  totalImages: 9,
  /** Has an image extension but is not an image. */
  corrupt: 'square/broken.png',
  /** A folder of images without class sub-folders. */
  flat: 'loose-images',
} as const

type Rgb = readonly [number, number, number]
type Inside = (x: number, y: number) => boolean

/**
 * A size×size RGB image: `ink` where `inside(x, y)` (x, y in [-1, 1]), elsewhere a vertical gradient
 * from `paper` to white.
 */
function picture(size: number, inside: Inside, ink: Rgb, paper: Rgb): Sharp {
  const pixels = Buffer.alloc(size * size * 3)
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = ((col + 0.5) / size) * 2 - 1
      const y = ((row + 0.5) / size) * 2 - 1
      const t = row / (size - 1)
      const colour = inside(x, y) ? ink : paper.map((c) => Math.round(c + (255 - c) * t * 0.6))
      pixels.set(colour as number[], (row * size + col) * 3)
    }
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
}

const circle =
  (r: number, cx = 0, cy = 0): Inside =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const square =
  (h: number, cx = 0, cy = 0): Inside =>
  (x, y) =>
    Math.abs(x - cx) <= h && Math.abs(y - cy) <= h
const triangle =
  (h: number): Inside =>
  (x, y) =>
    y <= h && y >= -h && Math.abs(x) <= (y + h) / 2

const blue: Rgb = [47, 111, 143]
const orange: Rgb = [214, 120, 38]
const green: Rgb = [60, 140, 90]
const sand: Rgb = [236, 226, 208]
const mist: Rgb = [214, 226, 236]

/**
 * Writes real image files, made with sharp, under `home`:
 *   shapes/circle/{1,2,3,10}.png   shapes/square/{a.jpg, b.jpeg, c.png, broken.png}
 *   shapes/triangle/{t1,t2}.png    shapes/README.txt (not an image: ignored)
 *   loose-images/{x,y}.png (images without class folders)
 */
export async function createImageFolder(home: string): Promise<void> {
  const root = join(home, dataset.name)
  const at = (...parts: string[]) => join(root, ...parts)
  for (const { name } of dataset.classes) await mkdir(at(name), { recursive: true })
  await mkdir(join(home, dataset.flat), { recursive: true })

  await picture(64, circle(0.6), blue, sand).png().toFile(at('circle', '1.png'))
  await picture(64, circle(0.8), orange, mist).png().toFile(at('circle', '2.png'))
  await picture(48, circle(0.4, -0.3, 0.2), green, sand)
    .png()
    .toFile(at('circle', '3.png'))
  await picture(32, circle(0.5, 0.2, -0.2), blue, mist)
    .png()
    .toFile(at('circle', '10.png'))
  await picture(64, square(0.5), orange, sand).jpeg({ quality: 95 }).toFile(at('square', 'a.jpg'))
  await picture(80, square(0.7, 0.1, 0.1), green, mist)
    .jpeg({ quality: 90 })
    .toFile(at('square', 'b.jpeg'))
  await picture(40, square(0.35, -0.3, -0.3), blue, sand)
    .png()
    .toFile(at('square', 'c.png'))
  await picture(64, triangle(0.7), green, sand).png().toFile(at('triangle', 't1.png'))
  await picture(56, triangle(0.5), orange, mist).png().toFile(at('triangle', 't2.png'))
  // Named like a PNG, but its bytes are text: the scan must list it as unreadable.
  await writeFile(at(dataset.corrupt), 'this is not a PNG file\n')
  await writeFile(at('README.txt'), 'Test shapes for DL Lab.\n')

  await picture(28, circle(0.5), blue, sand)
    .png()
    .toFile(join(home, dataset.flat, 'x.png'))
  await picture(28, square(0.5), orange, mist)
    .png()
    .toFile(join(home, dataset.flat, 'y.png'))
}
