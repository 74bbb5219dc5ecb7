import { ServiceError } from '../errors'

/**
 * The lecture's weight files cannot be read or written as asked: a missing or misshapen
 * BP-<layer>.npz, a model the lecture's layout cannot describe, a file that would be overwritten.
 */
export class LectureInteropError extends ServiceError {}
