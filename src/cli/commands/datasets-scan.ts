import { benchmarkScan, DEFAULT_BENCHMARK_PREPROCESS, scanFolder } from '../../main/services/datasets'
import type { PreprocessOptions } from '../../main/services/imaging/preprocess'
import { choiceOption, flag, intOption } from '../args'
import { EXIT } from '../errors'
import { StatusLine } from '../format/status-line'
import { formatTable, groupDigits } from '../format/table'
import type { Command } from './command'

/**
 * `dllab datasets scan DIR`: a folder of class folders as training would read it — classes, images
 * per class, every file that cannot be used and why — and how fast this machine decodes it.
 */
export const datasetsScanCommand: Command = {
  name: 'datasets scan',
  summary: 'check a dataset folder: classes, image counts, unreadable files, images/s',
  usage: 'DIR [--json] [--quick] [--size N] [--colour grey|rgb]',
  description: `
Reads DIR as a dataset of class folders (DIR/<class>/<images>, e.g. the lecture's mnist/train):
lists the classes with their image counts, and every file that cannot be used (unreadable, empty,
truncated, not an image) with the reason — such files are skipped by training, never fatal. Then
measures how many images per second this machine decodes, and decodes and preprocesses (grey,
scaled to [0, 1], Pillow-exact; --size and --colour change that), on all cores. Nothing in DIR is
written.`,
  options: {
    json: { type: 'boolean', help: 'print the report as JSON' },
    quick: { type: 'boolean', help: 'skip the images/s measurement' },
    size: { type: 'string', value: 'N', help: 'measure with a resize to N × N' },
    colour: { type: 'string', value: 'grey|rgb', help: 'measure with this colour conversion (default grey)' },
  },
  positionals: { min: 1, max: 1, names: 'DIR (a folder of class folders)' },
  examples: ['dllab datasets scan mnist/train', 'dllab datasets scan cifar-10/train --colour rgb --json'],
  async run(args, ctx) {
    const dir = ctx.path(args.positionals[0]!)
    const size = intOption('datasets scan', args, 'size', { min: 1, max: 4096 })
    const colour = choiceOption('datasets scan', args, 'colour', ['grey', 'rgb'] as const)
    const preprocess: PreprocessOptions = {
      ...DEFAULT_BENCHMARK_PREPROCESS,
      ...(colour ? { colour } : {}),
      ...(size ? { size } : {}),
    }
    const json = flag(args, 'json')
    const status = new StatusLine(ctx.io.stderr)
    if (status.isTTY) status.update(`scanning ${dir} …`, true)
    const scan = await scanFolder(dir, { thumbnails: 0 })
    status.done()
    let speed
    if (!flag(args, 'quick') && scan.totalImages > 0) {
      speed = await benchmarkScan(dir, {
        preprocess,
        onProgress: (pass, done, total) => status.update(`measuring (${pass}): ${done} / ${total}`),
      })
      status.done()
    }
    if (json) {
      ctx.out(
        JSON.stringify(
          {
            root: scan.root,
            classes: scan.classes.map((c) => ({ name: c.name, images: c.imageCount })),
            totalImages: scan.totalImages,
            problems: scan.problems,
            ...(speed
              ? {
                  speed: {
                    threads: speed.threads,
                    decodeImagesPerSecond: speed.decodeOnly.imagesPerSecond,
                    decodeAndPreprocessImagesPerSecond: speed.decodeAndPreprocess.imagesPerSecond,
                    preprocess: speed.preprocess,
                  },
                }
              : {}),
          },
          null,
          2,
        ),
      )
      return EXIT.ok
    }
    ctx.out(`${scan.root}: ${scan.classes.length} classes, ${groupDigits(scan.totalImages)} usable images\n`)
    ctx.out(
      formatTable(
        [{ header: 'Class' }, { header: 'Images', align: 'right' }],
        scan.classes.map((c) => [c.name, groupDigits(c.imageCount)]),
      ),
    )
    if (scan.problems.length > 0) {
      ctx.out(
        `\n${scan.problems.length} problem${scan.problems.length > 1 ? 's' : ''} (skipped when training):`,
      )
      ctx.out(
        formatTable(
          [{ header: 'Path' }, { header: 'Reason' }],
          scan.problems.map((p) => [p.path, p.reason]),
        ),
      )
    } else {
      ctx.out('\nNo problems: every image file decodes.')
    }
    if (speed) {
      const p = speed.preprocess
      const what = `${p.colour}${p.size ? `, ${p.size}×${p.size}` : ''}, scaled to ${p.scale === 'unit' ? '[0, 1]' : p.scale}`
      ctx.out(
        `\nSpeed on ${speed.threads} thread${speed.threads === 1 ? '' : 's'}: ` +
          `decoding ${groupDigits(speed.decodeOnly.imagesPerSecond)} images/s; ` +
          `decoding and preprocessing (${what}) ${groupDigits(speed.decodeAndPreprocess.imagesPerSecond)} images/s`,
      )
    }
    return EXIT.ok
  },
}
