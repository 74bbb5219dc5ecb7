/**
 * Report figures as standalone SVG strings, built by pure functions so the renderer shows exactly
 * what the CLI writes (docs/figures.md). Every figure is deterministic, escapes user text, takes
 * its labels already translated and can carry a fingerprint (run id, seed) in a corner.
 */
export { FigureError } from './errors'
export { FONT_FAMILY, type FigureCommon, type Fingerprint, escapeXml, textWidth } from './svg'
export { type Ticks, formatTick, linearTicks, logTicks, niceStep } from './ticks'
export { SERIES_COLOURS, contrastText, heatColour, luminance, rgbHex, seriesColour } from './colour'
export { type PngChannels, type PngImage, crc32, encodePng } from './png-encode'
export { base64 } from './base64'
export {
  type ImagePlane,
  type Normalisation,
  type ValueRange,
  gridRanges,
  planeToPng,
  toByte,
} from './raster'
export { type GridCell, type TileGridOptions, autoScale, tileGridSvg } from './tile-grid'
export {
  type BankLayoutOptions,
  type BankShape,
  type FilterDisplay,
  bankLayout,
  denseWeightBank,
} from './tile-sources'
export { type ChartPoint, type ChartSeries, type LineChartOptions, buildLineChartSvg } from './line-chart'
export {
  type ConfusionMatrixLabels,
  type ConfusionMatrixOptions,
  buildConfusionMatrixSvg,
} from './confusion-matrix'
export {
  type ConvFilterTilesOptions,
  type DenseWeightTilesOptions,
  type ImageTilesOptions,
  buildConvFilterTilesSvg,
  buildDenseWeightTilesSvg,
  buildImageTilesSvg,
} from './image-tiles'
export {
  type RecombinationLabels,
  type RecombinationOptions,
  type ReconstructionLabels,
  type ReconstructionOptions,
  buildRecombinationSvg,
  buildReconstructionSvg,
  channelOf,
  recombineChannels,
} from './reconstruction-pairs'
export { type FeatureMapsOptions, buildFeatureMapsSvg } from './feature-maps'
export {
  FIGURE_LANGUAGES,
  type CurveSeriesParts,
  type CurveSplit,
  type EvaluatedSplit,
  type FigureLanguage,
  type FigureText,
  figureText,
} from './figure-text'
