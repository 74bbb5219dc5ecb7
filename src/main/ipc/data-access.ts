import { isAbsolute } from 'node:path'
import type { ParsedExperiment } from '../../shared/experiment'
import { FolderAccessError } from '../services/errors'
import type { Services } from '../services/services'
import { sourcePaths } from '../supervisor'

/**
 * Paths the renderer names, checked the way every handler checks them: in the desktop app each must
 * lie in a folder the user chose in the native dialog (or the workspace); in web mode the in-app
 * folder browser is the chooser, so naming a folder is the choice (HostAdapter.requestedFoldersAreChoices).
 */

/** A folder the renderer names: granted by naming it in web mode, checked against grants in Electron. */
export function chosenFolder(services: Services, path: string): Promise<string> {
  const { access, host } = services
  return host.requestedFoldersAreChoices ? access.grant(path) : access.resolve(path)
}

/**
 * A data source's files and folders: absolute, and readable by the rules above. In web mode the
 * source's folders become chosen folders; its files (IDX, CIFAR batches) are not checked, as for
 * training.start.
 */
export async function checkSourceAccess(
  services: Services,
  source: ParsedExperiment['data']['source'],
): Promise<void> {
  const paths = sourcePaths(source)
  const relative = paths.filter((p) => !isAbsolute(p.path))
  if (relative.length > 0) {
    const list = relative.map((p) => `${p.field} "${p.path}"`).join(', ')
    throw new FolderAccessError(`${list} must be an absolute path; choose the data folder again`)
  }
  for (const { path } of paths) {
    if (!services.host.requestedFoldersAreChoices) await services.access.resolve(path)
    else if (source.kind === 'folder') await services.access.grant(path)
  }
}
