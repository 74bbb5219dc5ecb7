import type { Command } from './command'
import { datasetsScanCommand } from './datasets-scan'
import { evalCommand } from './eval'
import { exportMnistCommand } from './export-mnist'
import { figuresCommand } from './figures'
import { inspectCommand } from './inspect'
import { exportLectureCommand, importLectureCommand } from './lecture'
import { presetsCommand } from './presets'
import { reportCommand } from './report'
import { resumeCommand, trainCommand } from './train'

/** Every `dllab` command, in the order `dllab --help` lists them. */
export const commands: readonly Command[] = [
  presetsCommand,
  inspectCommand,
  trainCommand,
  resumeCommand,
  evalCommand,
  figuresCommand,
  reportCommand,
  importLectureCommand,
  exportLectureCommand,
  exportMnistCommand,
  datasetsScanCommand,
]
