import type { RequestHandlers } from '../../src-shared/ipc/channels';
import { createAppHandlers } from './app-service';
import { createFileHandlers } from './file-service';
import { createJobService } from './job-service';
import { createMonitorService } from './monitor-service';
import { createPortService } from './port-service';
import { loadProject, type LoaderOptions } from './project-loader';
import type { ServiceDeps, Services } from './service-types';
import { createSettingsStore } from './settings-store';
import { createTraceService } from './trace-service';
import { createTroubleshootService } from './troubleshoot-service';
import { createWatchService } from './watch-service';

/**
 * Builds every service behind the contract from its dependencies. The shells validate each
 * request, call `handlers[channel]`, and forward what `deps.publish` receives. dispose() cancels
 * jobs (ports closed, lines released), stops watchers and the port poll.
 */
export function createServices(deps: ServiceDeps): Services {
  const ports = createPortService({ listPorts: deps.listPorts, publish: deps.publish, ...(deps.portPollMs === undefined ? {} : { pollMs: deps.portPollMs }) });
  const traces = createTraceService({ publish: deps.publish, ...(deps.traceDir === undefined ? {} : { traceDir: deps.traceDir }) });
  const monitors = createMonitorService({ publish: deps.publish, openTransport: deps.openTransport, listPorts: deps.listPorts, traces: traces.recorder });
  const troubleshoot = createTroubleshootService({
    version: deps.version,
    publish: deps.publish,
    openTransport: deps.openTransport,
    listPorts: deps.listPorts,
    virtualBoards: deps.virtualBoards,
    traces: traces.recorder,
    getTrace: (traceId) => traces.handlers['traces:get-trace']({ traceId }),
    portLease: monitors.portLease,
  });
  const jobs = createJobService({ publish: deps.publish, openTransport: deps.openTransport, portLease: monitors.portLease, traces: traces.recorder });
  const loaderOptions: LoaderOptions = {
    ...(deps.platformioCoreDir === undefined ? {} : { platformioCoreDir: deps.platformioCoreDir }),
    ...(deps.arduinoDataDir === undefined ? {} : { arduinoDataDir: deps.arduinoDataDir }),
  };
  const watches = createWatchService({
    publish: deps.publish,
    loadProject: (path) => loadProject(path, loaderOptions),
    ...(deps.watchDebounceMs === undefined ? {} : { debounceMs: deps.watchDebounceMs }),
  });
  const settings = createSettingsStore(deps.settingsPath);
  const handlers: RequestHandlers = {
    ...createAppHandlers({ version: deps.version, shell: deps.shell, nativeDialogs: deps.dialogs !== undefined }),
    ...ports.handlers,
    ...jobs.handlers,
    ...createFileHandlers(deps.dialogs, loaderOptions),
    ...watches.handlers,
    ...monitors.handlers,
    ...traces.handlers,
    ...troubleshoot.handlers,
    'settings:get-settings': () => settings.get(),
    'settings:update-settings': (patch) => settings.update(patch),
  };
  let disposing: Promise<void> | undefined;
  return {
    handlers,
    dispose() {
      disposing ??= (async () => {
        ports.dispose();
        watches.dispose();
        await jobs.dispose();
        await troubleshoot.dispose();
        await monitors.dispose();
        await traces.dispose();
      })();
      return disposing;
    },
  };
}
