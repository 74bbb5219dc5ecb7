import type { DlLabApi } from '../../shared/ipc/contract'
import type { TrainingRunInfo } from '../../shared/training'
import type { Services } from '../services/services'
import { UnknownRunError } from '../supervisor'

type ResultChannels =
  'runs.detail' | 'runs.figures' | 'runs.confusionCell' | 'runs.featureMaps' | 'runs.im2col'

/**
 * A run's results: detail, figures, confusion-matrix cells, feature maps, im2col. Requests arrive
 * validated (dispatch.ts); runs are opened by id in the current workspace only (the results service),
 * so no path from the renderer reaches the file system here.
 */
export function createResultHandlers(services: Services): Pick<DlLabApi, ResultChannels> {
  const { results } = services

  /** The supervisor's live info (jobs, progress) when it knows the run; else the folder's. */
  const liveInfo = async (runId: string): Promise<TrainingRunInfo | undefined> => {
    if (!services.training) return undefined
    try {
      return await services.training.get(runId)
    } catch (error) {
      if (error instanceof UnknownRunError) return undefined
      throw error
    }
  }

  return {
    'runs.detail': async ({ runId }) => results.detail(runId, await liveInfo(runId)),
    'runs.figures': async ({ runId, normalise, language }) =>
      results.figures(runId, {
        ...(normalise === undefined ? {} : { normalise }),
        ...(language === undefined ? {} : { language }),
      }),
    'runs.confusionCell': async (request) => results.confusionCell(request),
    'runs.featureMaps': async (request) => results.featureMaps(request),
    'runs.im2col': async (request) => results.im2col(request),
  }
}
