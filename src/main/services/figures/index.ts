/** Figures on disk: SVG strings from src/shared/figures rendered to PNG and written atomically. */
export {
  FigureRenderError,
  PNG_SCALES,
  type PngScale,
  type RenderOptions,
  renderPng,
  svgSize,
} from './render-png'
export { type FigureFormat, type NamedFigure, type WriteFiguresOptions, writeFigures } from './write-figures'
