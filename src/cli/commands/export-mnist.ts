import { exportMnist } from '../../main/services/sources'
import { flag, intOption } from '../args'
import { EXIT } from '../errors'
import { StatusLine } from '../format/status-line'
import { groupDigits } from '../format/table'
import type { Command } from './command'

/** `dllab export-mnist DIR`: the built-in MNIST as the lecture's JPEG folders. */
export const exportMnistCommand: Command = {
  name: 'export-mnist',
  summary: 'write the built-in MNIST as DIR/{train,test}/<digit>/<digit>_<j>.jpg (the lecture’s layout)',
  usage: 'DIR [--per-class N] [--overwrite]',
  description: `
Writes the MNIST digits built into DL Lab as grey JPEG files in the layout the lecture's programs
read: DIR/train/0/0_1.jpg, DIR/train/0/0_2.jpg, … and DIR/test/…, numbered in the order of the
original files. Point the lecture's program at DIR (its mnist folder), or train here with
--data DIR/train --test DIR/test. DIR must be empty or new unless --overwrite is given (which replaces
only DIR/train and DIR/test).`,
  options: {
    'per-class': {
      type: 'string',
      value: 'N',
      help: 'at most N images per digit and split (the lecture’s train_num = 100)',
    },
    overwrite: { type: 'boolean', help: 'replace DIR/train and DIR/test if DIR is not empty' },
  },
  positionals: { min: 1, max: 1, names: 'DIR (the folder to write)' },
  examples: ['dllab export-mnist mnist --per-class 100'],
  async run(args, ctx) {
    const dir = ctx.path(args.positionals[0]!)
    const perClass = intOption('export-mnist', args, 'per-class', { min: 1 })
    const status = new StatusLine(ctx.io.stderr)
    const result = await exportMnist(dir, {
      ...(perClass !== undefined ? { limitPerClass: perClass } : {}),
      overwrite: flag(args, 'overwrite'),
      onProgress: (written, total) =>
        status.update(
          `export-mnist: ${groupDigits(written)} / ${groupDigits(total)} files`,
          written === total,
        ),
    })
    status.done()
    const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0)
    ctx.out(
      `Wrote ${groupDigits(result.files)} JPEG files to ${dir}: ` +
        `train ${groupDigits(sum(result.counts.train))}, test ${groupDigits(sum(result.counts.test))} ` +
        `(per digit: train ${result.counts.train.join(' ')}; test ${result.counts.test.join(' ')})`,
    )
    return EXIT.ok
  },
}
