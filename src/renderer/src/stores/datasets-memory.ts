import type { DataSource, Preprocess } from '../../../shared/experiment/schema'

/**
 * The Datasets view's choice (source and preprocessing) kept in the window's localStorage, so a
 * reload or a restart of the app comes back to it. In the desktop app the app:// origin is fixed, so
 * the choice outlives a restart; in web mode it lives as long as the server's address (a fixed
 * DLLAB_PORT keeps it).
 *
 * What is read back was written by an earlier version or edited by hand, so it is checked field by
 * field against the experiment schema's shapes (src/shared/experiment/schema.ts: sourceSchema,
 * preprocessSchema, without zod in the bundle); anything else is ignored and built-in MNIST is used.
 */
export interface RememberedChoice {
  source: DataSource
  preprocess: Preprocess
}

/** The part of the Web Storage API used here (localStorage, or a fake in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const CHOICE_STORAGE_KEY = 'dllab.datasets.choice/1'

/** The window's localStorage; undefined where there is none or it is refused (storage disabled). */
export function windowStorage(): KeyValueStorage | undefined {
  try {
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage
  } catch {
    return undefined
  }
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isPath = (value: unknown): value is string => typeof value === 'string' && value.length > 0
const optionalPath = (value: unknown) => value === undefined || isPath(value)
/** Only the listed keys (the schema's objects are strict). */
const onlyKeys = (value: Json, keys: readonly string[]) => Object.keys(value).every((k) => keys.includes(k))

function readSource(value: unknown): DataSource | null {
  if (!isObject(value)) return null
  switch (value.kind) {
    case 'mnist':
      return onlyKeys(value, ['kind']) ? { kind: 'mnist' } : null
    case 'folder':
      return onlyKeys(value, ['kind', 'train', 'test']) && isPath(value.train) && optionalPath(value.test)
        ? (value as DataSource)
        : null
    case 'idx':
      return onlyKeys(value, ['kind', 'trainImages', 'trainLabels', 'testImages', 'testLabels']) &&
        isPath(value.trainImages) &&
        isPath(value.trainLabels) &&
        optionalPath(value.testImages) &&
        optionalPath(value.testLabels)
        ? (value as DataSource)
        : null
    case 'cifar-binary':
      return onlyKeys(value, ['kind', 'trainBatches', 'testBatch']) &&
        Array.isArray(value.trainBatches) &&
        value.trainBatches.length > 0 &&
        value.trainBatches.every(isPath) &&
        optionalPath(value.testBatch)
        ? (value as DataSource)
        : null
    default:
      return null
  }
}

function readPreprocess(value: unknown): Preprocess | null {
  if (!isObject(value) || !onlyKeys(value, ['colour', 'size', 'scale', 'lectureExact'])) return null
  const { colour, size, scale, lectureExact } = value
  if (colour !== 'grey' && colour !== 'rgb') return null
  if (scale !== 'unit' && scale !== 'unit-sum' && scale !== 'none') return null
  if (typeof lectureExact !== 'boolean') return null
  if (size !== undefined && !(Number.isInteger(size) && (size as number) >= 1 && (size as number) <= 4096))
    return null
  return { colour, scale, lectureExact, ...(size === undefined ? {} : { size: size as number }) }
}

/** The remembered choice, or null when there is none or it is not a valid source and preprocessing. */
export function readRememberedChoice(storage: KeyValueStorage | undefined): RememberedChoice | null {
  let text: string | null
  try {
    text = storage?.getItem(CHOICE_STORAGE_KEY) ?? null
  } catch {
    return null
  }
  if (text === null) return null
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return null
  }
  if (!isObject(json)) return null
  const source = readSource(json.source)
  const preprocess = readPreprocess(json.preprocess)
  return source && preprocess ? { source, preprocess } : null
}

/** Remembers the choice; a full or refused storage only means it is not remembered. */
export function rememberChoice(storage: KeyValueStorage | undefined, choice: RememberedChoice): void {
  try {
    storage?.setItem(CHOICE_STORAGE_KEY, JSON.stringify(choice))
  } catch {
    // Not remembered: the choice still holds for this session.
  }
}
