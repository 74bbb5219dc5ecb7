/** NumPy .npy/.npz read and write, and state dicts as .npz: files NumPy opens with np.load, both ways. */
export { type NpyData, type NpyDataTypes, type NpyDtype, npyDtypes } from './npy-dtype'
export { type NpyArray, type NpyArrayOf, type NpyInput, readNpy, toFloat32, writeNpy } from './npy'
export {
  NPZ_MAX_TOTAL_BYTES,
  type ReadNpzOptions,
  type WriteNpzOptions,
  checkNpzKey,
  readNpz,
  writeNpz,
} from './npz'
export {
  type JsonValue,
  type LectureLayer,
  type LoadedStateDict,
  STATE_DICT_META_KEY,
  type StateDict,
  type StateTensor,
  lectureLayerFromNpz,
  lectureLayerToNpz,
  npzToStateDict,
  stateDictToNpz,
} from './state-dict'
