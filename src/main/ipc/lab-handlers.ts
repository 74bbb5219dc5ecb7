import type { DlLabApi } from '../../shared/ipc/contract'
import { HostError } from '../services/errors'
import type { Services } from '../services/services'

type LabChannels = 'presets.list' | 'datasets.inspect'
type ResultChannels =
  'runs.detail' | 'runs.figures' | 'runs.confusionCell' | 'runs.featureMaps' | 'runs.im2col'
type ExportChannels = 'figures.png' | 'export.save' | 'report.html' | 'report.saveHtml' | 'report.savePdf'

const notYet = (channel: string) => async (): Promise<never> => {
  throw new HostError(`${channel} is not available yet`)
}

/** Presets and dataset inspection. */
export function createLabHandlers(_services: Services): Pick<DlLabApi, LabChannels> {
  return { 'presets.list': notYet('presets.list'), 'datasets.inspect': notYet('datasets.inspect') }
}

/** A run's results: detail, figures, confusion-matrix cells, feature maps, im2col. */
export function createResultHandlers(_services: Services): Pick<DlLabApi, ResultChannels> {
  return {
    'runs.detail': notYet('runs.detail'),
    'runs.figures': notYet('runs.figures'),
    'runs.confusionCell': notYet('runs.confusionCell'),
    'runs.featureMaps': notYet('runs.featureMaps'),
    'runs.im2col': notYet('runs.im2col'),
  }
}

/** Figure export (PNG through renderPng, saving) and run reports. */
export function createExportHandlers(_services: Services): Pick<DlLabApi, ExportChannels> {
  return {
    'figures.png': notYet('figures.png'),
    'export.save': notYet('export.save'),
    'report.html': notYet('report.html'),
    'report.saveHtml': notYet('report.saveHtml'),
    'report.savePdf': notYet('report.savePdf'),
  }
}
