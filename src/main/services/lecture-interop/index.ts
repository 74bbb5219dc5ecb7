/**
 * The lecture's weight files (DL.py's and AE.py's dat/BP-*.npz, np.savez(file, w=W, b=b) in float64)
 * to and from DL Lab runs, so the lecture's Predict() loads weights trained here and weights trained
 * by the lecture's program are evaluated here.
 */
export { LectureInteropError } from './errors'
export { lectureLayout, lectureFileName, LECTURE_OUTPUT_FILE, type LectureFile } from './layout'
export { readLectureWeights, writeLectureWeights, type WriteLectureOptions } from './lecture-files'
export {
  exportLectureRun,
  importLectureRun,
  type ExportLectureOptions,
  type ImportedRun,
  type ImportLectureOptions,
} from './lecture-runs'
