import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import type { DataSource, Preprocess } from '../../../shared/experiment/schema'
import type { DatasetInspection } from '../../../shared/ipc/contract'
import { api } from '../api'
import { joinPath } from './dataset-files'
import { readRememberedChoice, rememberChoice, windowStorage } from './datasets-memory'
import { useErrorsStore } from './errors'

export type SourceKind = DataSource['kind']

/** How many preprocessed samples the preview shows. */
export const PREVIEW_COUNT = 8

/** The experiment schema's preprocessing defaults: grey, the images' own size, x/255, not lecture-exact. */
export const defaultPreprocess = (): Preprocess => ({ colour: 'grey', scale: 'unit', lectureExact: false })

/** Where a source's training data is, as the user chose it: a folder or the first file; null for MNIST. */
export function sourceLocation(source: DataSource): string | null {
  switch (source.kind) {
    case 'mnist':
      return null
    case 'folder':
      return source.train
    case 'idx':
      return source.trainImages
    case 'cifar-binary':
      return source.trainBatches[0] ?? null
  }
}

/**
 * The dataset to train on and how its images are preprocessed, with the service's inspection of
 * both (classes with counts and thumbnails, training and test counts, unreadable files, and the
 * preprocessed samples exactly as the network will see them).
 *
 * Read by the Train view to build an experiment's `data`:
 *   selectedSource — experiment.data.source (DataSource of src/shared/experiment/schema.ts): the
 *                    source last inspected successfully; { kind: 'mnist' } until the user chooses
 *                    another, so a new user can train at once.
 *   preprocess     — experiment.data.preprocess (Preprocess): { colour, size?, scale, lectureExact }.
 *   inputShape     — [C, Y, X] of one preprocessed sample once inspected, else null.
 * Both are replaced whole on each change (never mutated in place) and hold no Vue proxies, so they
 * can be put into an experiment as they are.
 *
 * The choice last inspected successfully is remembered (datasets-memory.ts) and comes back after a
 * reload or a restart. A remembered source other than MNIST is inspected again at once; when it
 * cannot be read any more (moved or deleted; main keeps the folders the user chose across restarts),
 * built-in MNIST with the default preprocessing is selected and `lostSource` names what was lost.
 */
export const useDatasetsStore = defineStore('datasets', () => {
  const storage = windowStorage()
  const remembered = readRememberedChoice(storage)
  const selectedSource = shallowRef<DataSource>(remembered?.source ?? { kind: 'mnist' })
  const preprocess = shallowRef<Preprocess>(remembered?.preprocess ?? defaultPreprocess())
  /** The remembered source that could not be read again (the view shows a notice), until dismissed. */
  const lostSource = shallowRef<DataSource | null>(null)
  /** How many times a remembered source was replaced by MNIST (the source chooser starts over). */
  const fallbacks = ref(0)
  /** The inspection of selectedSource with preprocess; thumbnails and previews are big data: URLs. */
  const inspection = shallowRef<DatasetInspection | null>(null)
  const inspecting = ref(false)
  const inputShape = ref<number[] | null>(null)
  // What the service last inspected successfully: a refused preprocessing change returns to it.
  let confirmedPreprocess = preprocess.value
  // A later request supersedes an earlier one still running.
  let latest = 0
  // The selected source is the remembered one, not yet read in this session.
  let unconfirmed = remembered !== null && remembered.source.kind !== 'mnist'

  async function inspect(source: DataSource, options: Preprocess): Promise<boolean> {
    const ticket = ++latest
    inspecting.value = true
    try {
      const result = await api['datasets.inspect']({
        source,
        preprocess: options,
        previewCount: PREVIEW_COUNT,
      })
      if (ticket !== latest) return false
      selectedSource.value = source
      preprocess.value = confirmedPreprocess = options
      inspection.value = markRaw(result)
      inputShape.value = result.preview.shape
      unconfirmed = false
      rememberChoice(storage, { source, preprocess: options })
      return true
    } catch (error) {
      if (ticket !== latest) return false
      if (unconfirmed && source === selectedSource.value) return fallBackToMnist(source)
      preprocess.value = confirmedPreprocess
      useErrorsStore().report(error)
      return false
    } finally {
      if (ticket === latest) inspecting.value = false
    }
  }

  /** The remembered `lost` source cannot be read: MNIST with the default preprocessing instead. */
  function fallBackToMnist(lost: DataSource): Promise<boolean> {
    unconfirmed = false
    lostSource.value = lost
    fallbacks.value++
    selectedSource.value = { kind: 'mnist' }
    preprocess.value = confirmedPreprocess = defaultPreprocess()
    rememberChoice(storage, { source: selectedSource.value, preprocess: preprocess.value })
    return inspect(selectedSource.value, preprocess.value)
  }

  /** Inspects `source` with the current preprocessing; on success it becomes the selected source. */
  const chooseSource = (source: DataSource) => inspect(source, preprocess.value)

  /**
   * Changes the preprocessing (shown at once) and inspects again for the new preview. `size: null`
   * keeps the images' own size. A change the service refuses is rolled back.
   */
  function setPreprocess(change: Partial<Omit<Preprocess, 'size'>> & { size?: number | null }) {
    const { size, ...rest } = change
    const next: Preprocess = { ...preprocess.value, ...rest }
    if (size === null) delete next.size
    else if (size !== undefined) next.size = size
    preprocess.value = next
    return inspect(selectedSource.value, next)
  }

  /**
   * A folder of class folders. When it holds `train` (and `test`) sub-folders, as the lecture's
   * mnist/train/0/… and mnist/test/0/…, those are the training and test sets.
   */
  async function chooseClassFolder(path: string): Promise<boolean> {
    let names: string[] = []
    try {
      names = (await api['folders.list']({ path })).folders.map((folder) => folder.name)
    } catch (error) {
      useErrorsStore().report(error)
      return false
    }
    const find = (wanted: string) => names.find((name) => name.toLowerCase() === wanted)
    const train = find('train')
    if (train === undefined) return chooseSource({ kind: 'folder', train: path })
    const test = find('test')
    return chooseSource({
      kind: 'folder',
      train: joinPath(path, train),
      ...(test === undefined ? {} : { test: joinPath(path, test) }),
    })
  }

  /** Inspects the selected source unless that is done or under way (the view calls it on opening). */
  async function ensureInspected(): Promise<void> {
    if (inspection.value === null && !inspecting.value) await inspect(selectedSource.value, preprocess.value)
  }

  /** Inspects the selected source again (files may have changed on disk). */
  const refresh = () => inspect(selectedSource.value, preprocess.value)

  /** Hides the notice about a remembered source that could not be read. */
  function dismissLostSource(): void {
    lostSource.value = null
  }

  // A remembered folder or files may be gone: check now, so Train never starts on a missing source.
  if (unconfirmed) void inspect(selectedSource.value, preprocess.value)

  return {
    selectedSource,
    preprocess,
    inspection,
    inspecting,
    inputShape,
    lostSource,
    fallbacks,
    chooseSource,
    chooseClassFolder,
    setPreprocess,
    ensureInspected,
    refresh,
    dismissLostSource,
  }
})
