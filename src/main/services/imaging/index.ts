/**
 * Image decoding and the lecture-exact preprocessing (Pillow's convert and resize, bit for bit).
 * Electron-free: used by the dataset services, worker threads and the CLI alike.
 */
export { decodeImage, ImageDecodeError, type DecodedImage, type DecodeOptions } from './decode'
export { convertL, convertRgb } from './pillow-grey'
export { pillowResize, type ResampleFilter } from './pillow-resize'
export {
  LECTURE,
  preprocessImage,
  preprocessRaster,
  PreprocessError,
  type Colour,
  type PreprocessOptions,
  type Preprocessed,
  type Scale,
} from './preprocess'
export { ImagingError, toInterleaved, toPlanar, type Raster } from './raster'
export { sniffImage, type ImageFormat } from './sniff'
