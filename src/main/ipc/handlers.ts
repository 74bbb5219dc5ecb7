import { resolve } from 'node:path'
import { parseExperiment } from '../../shared/experiment'
import type { DlLabApi } from '../../shared/ipc/contract'
import { HostError } from '../services/errors'
import type { Services } from '../services/services'
import { dataPaths } from '../supervisor'
import { chosenFolder as chosenFolderOf } from './data-access'
import { createExportHandlers } from './export-handlers'
import { createLabHandlers } from './lab-handlers'
import { createResultHandlers } from './result-handlers'

/**
 * The implementation of every channel of the contract over the services: thin, because requests
 * arrive already validated (dispatch.ts) and the services hold the logic. The map has the contract's
 * own type, so a channel without a handler (or a handler with the wrong types) fails to compile.
 */
export function createHandlers(services: Services): DlLabApi {
  const { access, host, settings } = services
  const chosenFolder = (path: string): Promise<string> => chosenFolderOf(services, path)

  const training = () => {
    if (!services.training) throw new HostError('training is not available in this host (no worker spawner)')
    return services.training
  }

  /**
   * The experiment's data files and folders, checked like any path the renderer sends: in the desktop
   * app each must lie in a folder the user chose (or the workspace); in web mode naming it is the choice.
   */
  const checkDataAccess = async (experiment: unknown): Promise<void> => {
    if (host.requestedFoldersAreChoices) return
    for (const { path } of dataPaths(parseExperiment(experiment))) await access.resolve(path)
  }

  return {
    'app.info': async () => services.info,

    'settings.get': () => settings.get(),

    'settings.update': async (patch) => {
      const workspace = patch.workspace === undefined ? undefined : await chosenFolder(patch.workspace)
      return settings.update({ ...patch, ...(workspace === undefined ? {} : { workspace }) })
    },

    'folders.pick': async ({ title }) => {
      const path = await host.pickFolder(title)
      if (path !== null) await access.grant(path)
      return { path }
    },

    'folders.list': async ({ path }) => {
      const folder = path ?? (await host.browseStart())
      if (!host.requestedFoldersAreChoices) await access.resolve(folder)
      return services.listFolders(folder)
    },

    'datasets.scanFolder': async ({ path }) => {
      const scan = await services.scanFolder(await chosenFolder(path))
      return { ...scan, root: resolve(path) }
    },

    'training.start': async ({ experiment, name }) => {
      const supervisor = training()
      await checkDataAccess(experiment)
      return supervisor.start(experiment, name === undefined ? {} : { name })
    },
    'training.list': async () => training().list(),
    'training.pause': async ({ runId }) => training().pause(runId),
    'training.resume': async ({ runId }) => training().resume(runId),
    'training.cancel': async ({ runId }) => training().cancel(runId),
    'training.kill': async ({ runId }) => training().kill(runId),
    'training.resumeRun': async ({ runId }) => training().resumeRun(runId),
    ...createLabHandlers(services),
    ...createResultHandlers(services),
    ...createExportHandlers(services),
  }
}
