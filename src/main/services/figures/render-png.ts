/**
 * SVG figure → PNG with sharp (librsvg underneath). A scale of 1, 2 or 3 renders at 72·scale dpi, so
 * an SVG of width × height px gives a PNG of (width·scale) × (height·scale) px: the same picture,
 * sharper, for reports. Text uses the fonts fontconfig finds; the figures ask for Noto Sans CJK JP
 * first, so Japanese labels render where fonts-noto-cjk (or another Noto CJK) is installed.
 */
import sharp from 'sharp'

export type PngScale = 1 | 2 | 3

export const PNG_SCALES: readonly PngScale[] = [1, 2, 3]

export class FigureRenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

export interface RenderOptions {
  /** 1×, 2× or 3×; default 1. */
  readonly scale?: PngScale
}

/** The pixel size an SVG declares on its root element (width / height attributes, in px). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0]
  const width = root ? /\swidth="(\d+(?:\.\d+)?)(?:px)?"/.exec(root)?.[1] : undefined
  const height = root ? /\sheight="(\d+(?:\.\d+)?)(?:px)?"/.exec(root)?.[1] : undefined
  if (!width || !height) {
    throw new FigureRenderError('renderPng: the SVG root has no width and height in px; give it both')
  }
  return { width: Number(width), height: Number(height) }
}

export async function renderPng(svg: string, options: RenderOptions = {}): Promise<Buffer> {
  const scale = options.scale ?? 1
  if (!PNG_SCALES.includes(scale)) {
    throw new FigureRenderError(`renderPng: scale must be 1, 2 or 3, got ${String(scale)}`)
  }
  const { width, height } = svgSize(svg)
  try {
    // Our own SVGs embed their images as data URIs, which can exceed librsvg's default limits.
    const png = await sharp(Buffer.from(svg, 'utf8'), { density: 72 * scale, unlimited: true })
      .png({ compressionLevel: 9, adaptiveFiltering: true })
      .toBuffer({ resolveWithObject: true })
    const expected = { width: Math.round(width * scale), height: Math.round(height * scale) }
    if (png.info.width !== expected.width || png.info.height !== expected.height) {
      throw new FigureRenderError(
        `renderPng: expected ${expected.width}×${expected.height} px at ${scale}×, ` +
          `the renderer gave ${png.info.width}×${png.info.height}`,
      )
    }
    return png.data
  } catch (error) {
    if (error instanceof FigureRenderError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new FigureRenderError(`renderPng: the SVG could not be rendered (${reason})`, { cause: error })
  }
}
