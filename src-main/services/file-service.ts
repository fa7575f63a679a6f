import type { RequestHandlers } from '../../src-shared/ipc/channels';
import { inspectFiles } from './files/inspect-files';
import { loadProject, type LoaderOptions } from './project-loader';
import type { NativeDialogs } from './service-types';

/**
 * files:* — inspect files before flashing, load build folders, and the native open/save
 * dialogs (shells without them answer with nothing picked / nothing saved).
 */
export type FileHandlers = Pick<RequestHandlers, 'files:inspect-files' | 'files:load-project' | 'files:pick-paths' | 'files:save-file'>;

export function createFileHandlers(dialogs: NativeDialogs | undefined, loaderOptions: LoaderOptions = {}): FileHandlers {
  return {
    'files:inspect-files': (request) => inspectFiles(request),
    'files:load-project': ({ path }) => loadProject(path, loaderOptions),
    'files:pick-paths': async ({ purpose }) => ({ paths: dialogs ? await dialogs.pickPaths(purpose) : [] }),
    'files:save-file': async ({ suggestedName, data }) => {
      const path = dialogs ? await dialogs.saveFile(suggestedName, data) : undefined;
      return path === undefined ? { saved: false } : { saved: true, path };
    },
  };
}
