import type { DlLabApi } from '../../shared/ipc/contract'
import { HostError } from '../services/errors'
import type { Services } from '../services/services'

type ExportChannels = 'figures.png' | 'export.save' | 'report.html' | 'report.saveHtml' | 'report.savePdf'

const notYet = (channel: string) => async (): Promise<never> => {
  throw new HostError(`${channel} is not available yet`)
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
