/**
 * Writes figures into a folder (a run's figures/, or the folder `dllab figures --out` names): for
 * each figure {name}.svg and/or {name}.png, each file written atomically (temp + rename), so a reader
 * never sees half a picture. The SVG is the builder's string as is; the PNG is renderPng of that
 * same string — the files equal what the renderer's export gives for the same figure.
 */
import { join } from 'node:path'
import { writeFileAtomic } from '../atomic-write'
import { FigureRenderError, type PngScale, renderPng } from './render-png'

export type FigureFormat = 'svg' | 'png'

export interface NamedFigure {
  /** File name without extension: letters, digits, '.', '_' and '-' (e.g. "loss", "confusion-matrix"). */
  readonly name: string
  readonly svg: string
}

export interface WriteFiguresOptions {
  /** Default both. */
  readonly formats?: readonly FigureFormat[]
  /** PNG scale; default 1. */
  readonly scale?: PngScale
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

/** Writes every figure and returns the paths written, in order. */
export async function writeFigures(
  folder: string,
  figures: readonly NamedFigure[],
  options: WriteFiguresOptions = {},
): Promise<string[]> {
  const formats = options.formats ?? ['svg', 'png']
  if (formats.length === 0)
    throw new FigureRenderError('writeFigures: no format was asked for; give svg, png or both')
  for (const format of formats) {
    if (format !== 'svg' && format !== 'png') {
      throw new FigureRenderError(`writeFigures: unknown format '${String(format)}'; use svg or png`)
    }
  }
  const seen = new Set<string>()
  for (const { name } of figures) {
    if (!NAME.test(name) || name.endsWith('.')) {
      throw new FigureRenderError(
        `writeFigures: '${name}' is not a usable file name; use letters, digits, '.', '_' and '-'`,
      )
    }
    if (seen.has(name)) throw new FigureRenderError(`writeFigures: two figures are named '${name}'`)
    seen.add(name)
  }
  const written: string[] = []
  for (const figure of figures) {
    for (const format of formats) {
      const path = join(folder, `${figure.name}.${format}`)
      const data = format === 'svg' ? figure.svg : await renderPng(figure.svg, { scale: options.scale ?? 1 })
      await writeFileAtomic(path, data)
      written.push(path)
    }
  }
  return written
}
