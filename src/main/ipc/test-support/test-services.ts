import { join } from 'node:path'
import {
  createServices,
  type HostAdapter,
  type Services,
  type ServicesOptions,
} from '../../services/services'

/**
 * The services the IPC handler tests run against, over a throwaway folder `dir`: settings in
 * dir/config, home dir/home, English, a quiet logger, and a host of `host.kind` whose folder dialog
 * is cancelled and whose folder browser starts at dir unless `host` says otherwise; in web mode the
 * folders a request names are the user's choices, as in the real web host.
 */
export function testServices(
  dir: string,
  host: Pick<HostAdapter, 'kind'> & Partial<HostAdapter>,
  options: Pick<ServicesOptions, 'training'> = {},
): Services {
  return createServices({
    configDir: join(dir, 'config'),
    home: join(dir, 'home'),
    locales: ['en-US'],
    host: {
      pickFolder: async () => null,
      browseStart: async () => dir,
      requestedFoldersAreChoices: host.kind === 'web',
      ...host,
    },
    logger: { warn: () => undefined },
    ...options,
  })
}
