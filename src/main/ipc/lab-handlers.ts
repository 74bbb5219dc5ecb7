import { dataSchema, ExperimentSpecError } from '../../shared/experiment'
import type { DlLabApi } from '../../shared/ipc/contract'
import { inspectDataset } from '../services/datasets/inspect'
import { HostError } from '../services/errors'
import { listPresetSummaries } from '../services/runs/preset-summaries'
import type { Services } from '../services/services'
import { checkSourceAccess } from './data-access'

type LabChannels = 'presets.list' | 'datasets.inspect'

/**
 * A source and its preprocessing, validated by the experiment schema's data section (defaults filled:
 * grey, unit scale, own size). Messages name the field as in an experiment ("data.source.train").
 */
function parseData(source: unknown, preprocess: unknown) {
  const parsed = dataSchema.safeParse({ source, ...(preprocess === undefined ? {} : { preprocess }) })
  if (parsed.success) return parsed.data
  throw new ExperimentSpecError(
    parsed.error.issues.map((issue) => {
      const path = ['data', ...issue.path.map(String)].join('.')
      return { path, message: `datasets.inspect: ${path} ${issue.message}` }
    }),
  )
}

/** Presets and dataset inspection. */
export function createLabHandlers(services: Services): Pick<DlLabApi, LabChannels> {
  return {
    'presets.list': async () => {
      if (services.presetsDir === undefined) {
        throw new HostError('presets.list: this host has no presets folder (resources/presets)')
      }
      return listPresetSummaries(services.presetsDir)
    },

    'datasets.inspect': async ({ source, preprocess, previewCount }) => {
      const data = parseData(source, preprocess)
      await checkSourceAccess(services, data.source)
      return inspectDataset(data.source, data.preprocess, previewCount === undefined ? {} : { previewCount })
    },
  }
}
