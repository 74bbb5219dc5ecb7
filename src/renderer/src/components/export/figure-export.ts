import { api } from '../../api'
import type { ExportFile } from './save-export'

/**
 * A figure as the user can export it: PNG at 1×, 2× or 3× (rendered in main by the renderPng the
 * CLI's `figures` uses, so the PNG equals the CLI's), the SVG string as is, and the numbers drawn as
 * CSV and JSON.
 */
export interface ExportableFigure {
  /** File name without extension ("loss", "weights-conv1"). */
  name: string
  /** The picture; absent for views that are tables only (their numbers still export). */
  svg?: string
  csv?: string
  json?: unknown
}

export const exportFormats = ['png1', 'png2', 'png3', 'svg', 'csv', 'json'] as const
export type ExportFormat = (typeof exportFormats)[number]

const PNG_SCALE = { png1: 1, png2: 2, png3: 3 } as const

/** The formats a figure offers: PNG and SVG with a picture, CSV and JSON when it carries its numbers. */
export function formatsOf(figure: ExportableFigure): ExportFormat[] {
  return exportFormats.filter((format) => {
    if (format === 'csv') return figure.csv !== undefined
    if (format === 'json') return figure.json !== undefined
    return figure.svg !== undefined
  })
}

function pictureOf(figure: ExportableFigure): string {
  if (figure.svg === undefined) throw new Error(`${figure.name} has no picture to export; export its numbers`)
  return figure.svg
}

/** The file an export format makes of a figure ("loss@2x.png" for a 2× PNG). */
export async function figureFile(figure: ExportableFigure, format: ExportFormat): Promise<ExportFile> {
  switch (format) {
    case 'png1':
    case 'png2':
    case 'png3': {
      const scale = PNG_SCALE[format]
      const { base64 } = await api['figures.png']({ svg: pictureOf(figure), scale })
      const suffix = scale === 1 ? '' : `@${scale}x`
      return {
        defaultName: `${figure.name}${suffix}.png`,
        encoding: 'base64',
        content: base64,
        mime: 'image/png',
      }
    }
    case 'svg':
      return {
        defaultName: `${figure.name}.svg`,
        encoding: 'utf8',
        content: pictureOf(figure),
        mime: 'image/svg+xml',
      }
    case 'csv':
      return {
        defaultName: `${figure.name}.csv`,
        encoding: 'utf8',
        content: figure.csv ?? '',
        mime: 'text/csv',
      }
    case 'json':
      return {
        defaultName: `${figure.name}.json`,
        encoding: 'utf8',
        content: `${JSON.stringify(figure.json ?? null, null, 2)}\n`,
        mime: 'application/json',
      }
  }
}
