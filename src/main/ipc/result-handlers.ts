import type { DlLabApi } from '../../shared/ipc/contract'
import { HostError } from '../services/errors'
import type { Services } from '../services/services'

type ResultChannels =
  'runs.detail' | 'runs.figures' | 'runs.confusionCell' | 'runs.featureMaps' | 'runs.im2col'

const notYet = (channel: string) => async (): Promise<never> => {
  throw new HostError(`${channel} is not available yet`)
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
