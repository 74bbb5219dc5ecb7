/** Small inputs shared by the figure tests. */
import type { ImagePlane } from '../raster'

/** A grey (1, h, w) plane with values v(y, x) = f(y, x). */
export function greyPlane(height: number, width: number, f: (y: number, x: number) => number): ImagePlane {
  const data = new Float32Array(height * width)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(y, x)
  return { channels: 1, height, width, data }
}

/** The PNG data URIs embedded in an SVG, base64 payloads in document order. */
export function embeddedPngBase64(svg: string): string[] {
  return [...svg.matchAll(/href="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((m) => m[1])
}
