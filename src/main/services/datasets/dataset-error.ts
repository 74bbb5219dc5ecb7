import { ServiceError } from '../errors'

/**
 * A dataset cannot be loaded as asked: a missing or empty folder, a test class the training folder
 * lacks, images of different sizes without a size to resize to, a source with no usable image. The
 * message says which file or folder and what to change. (Unreadable single files are not errors:
 * they are listed as problems and skipped.)
 */
export class DatasetError extends ServiceError {}
