import type { DlLabApi } from '../../shared/ipc/contract'
import { HostError } from '../services/errors'
import type { Services } from '../services/services'

type LabChannels = 'presets.list' | 'datasets.inspect'

const notYet = (channel: string) => async (): Promise<never> => {
  throw new HostError(`${channel} is not available yet`)
}

/** Presets and dataset inspection. */
export function createLabHandlers(_services: Services): Pick<DlLabApi, LabChannels> {
  return { 'presets.list': notYet('presets.list'), 'datasets.inspect': notYet('datasets.inspect') }
}
