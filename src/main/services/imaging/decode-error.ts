import { ImagingError } from './raster'

/** The file is empty, not an image, damaged, or uses something no decoder here reads. */
export class ImageDecodeError extends ImagingError {}
