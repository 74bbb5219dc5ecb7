/**
 * Class folders as a source: `train/<class>/*` and optionally `test/<class>/*`. The classes are the
 * training folder's, in natural order; a test folder may lack some of them, but a test class the
 * training folder does not have is an error (its label would mean nothing to the network). Without a
 * test folder, a held-out fraction of the training folder may serve as the test set.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { decodeFiles } from '../../../worker/decode'
import { type ClassFolderListing, listClassFolders } from './class-folders'
import { DatasetError } from './dataset-error'
import { holdoutSplit, type PerClass } from './selection'
import type { DatasetProblem, DescribedSource, Selection, SplitName, SplitPlan } from './source-plan'

export interface FolderSource {
  readonly kind: 'folder'
  readonly train: string
  readonly test?: string | undefined
}

interface Items {
  /** Absolute paths and names relative to the split's folder. */
  readonly paths: string[]
  readonly names: string[]
  readonly perClass: PerClass
}

export async function describeFolderSource(
  source: FolderSource,
  selection: Selection,
): Promise<DescribedSource> {
  const train = await listClassFolders(source.train, 'training folder')
  const test = source.test !== undefined ? await listClassFolders(source.test, 'test folder') : undefined
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([listingPrint(train), test ? listingPrint(test) : null]))
    .digest('hex')
  return {
    fingerprint,
    plan: async () => {
      const classes = train.classes.map((c) => c.name)
      const trainItems = items(train, classes)
      const problems = emptyClasses(train, 'train')
      let trainCandidates = trainItems.perClass
      let testPlan: SplitPlan | undefined
      if (test) {
        const testItems = items(test, classes)
        testPlan = splitPlan(testItems, testItems.perClass, selection.testPerClassLimit)
        problems.push(...emptyClasses(test, 'test'))
      } else if (selection.holdout) {
        const split = holdoutSplit(trainItems.perClass, selection.holdout.fraction, selection.holdout.seed)
        trainCandidates = split.train
        testPlan = splitPlan(trainItems, split.test, selection.testPerClassLimit)
      }
      const trainPlan = splitPlan(trainItems, trainCandidates, selection.perClassLimit)
      return { classes, train: trainPlan, ...(testPlan ? { test: testPlan } : {}), problems }
    },
  }
}

function listingPrint(listing: ClassFolderListing): unknown {
  return [listing.root, listing.classes.map((c) => [c.name, c.files.map((f) => [f.name, f.size, f.mtimeMs])])]
}

/** The listing's files, flat, with per-class indices in the training folder's class order. */
function items(listing: ClassFolderListing, classes: readonly string[]): Items {
  const paths: string[] = []
  const names: string[] = []
  const perClass: PerClass = classes.map(() => [])
  for (const cls of listing.classes) {
    const c = classes.indexOf(cls.name)
    if (c < 0) {
      throw new DatasetError(
        `The test folder ${listing.root} has a class folder '${cls.name}' that the training folder does ` +
          `not have; the classes come from the training folder (${classes.join(', ')}): rename or ` +
          'remove that folder',
        {
          code: 'test-class-unknown',
          params: { path: listing.root, name: cls.name, classes: classes.join(', ') },
        },
      )
    }
    for (const file of cls.files) {
      perClass[c]!.push(paths.length)
      paths.push(join(listing.root, cls.name, file.name))
      names.push(`${cls.name}/${file.name}`)
    }
  }
  return { paths, names, perClass }
}

function emptyClasses(listing: ClassFolderListing, split: SplitName): DatasetProblem[] {
  return listing.classes.flatMap((c) =>
    c.empty ? [{ split, kind: 'class' as const, path: c.name, reason: c.empty.reason }] : [],
  )
}

function splitPlan(all: Items, candidates: PerClass, limit: number | undefined): SplitPlan {
  return {
    candidates,
    limit,
    nameOf: (item) => all.names[item]!,
    withFiles: true,
    decode: (pool, chosen, preprocess, run) =>
      decodeFiles(
        pool,
        chosen.map((i) => all.paths[i]!),
        preprocess,
        run,
      ),
  }
}
