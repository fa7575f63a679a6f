import { createDefaultServices } from '../services/default-services';
import type { Services } from '../services/service-types';
import { defaultVirtualBoards } from '../simulator';
import type { ShellServiceOptions } from './shell-services';

/**
 * The real services for a shell (desktop app or browser mode), with the process-wide virtual
 * boards; dispose() also flushes the boards' flash to disk and stops them, as the CLI does on exit.
 */
export function createShellServices(options: ShellServiceOptions): Services {
  const virtualBoards = defaultVirtualBoards();
  const services = createDefaultServices({ ...options, virtualBoards });
  return {
    handlers: services.handlers,
    async dispose() {
      await services.dispose();
      virtualBoards.dispose();
    },
  };
}
