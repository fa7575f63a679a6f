import { randomUUID } from 'node:crypto';
import type { EventPublisher, RequestHandlers } from '../../src-shared/ipc/channels';
import type { ProjectLayout } from '../../src-shared/ipc/files';
import { ProjectWatch } from './watch/project-watch';

/** watch:* — the IDE companion: watch a build folder and report when its firmware changed. */
export interface WatchService {
  readonly handlers: Pick<RequestHandlers, 'watch:start-watch' | 'watch:stop-watch'>;
  dispose(): void;
}

export interface WatchServiceDeps {
  readonly publish: EventPublisher;
  readonly loadProject: (path: string) => Promise<ProjectLayout>;
  readonly debounceMs?: number;
}

export function createWatchService(deps: WatchServiceDeps): WatchService {
  const watches = new Map<string, ProjectWatch>();
  return {
    handlers: {
      'watch:start-watch': async ({ path }) => {
        const project = await deps.loadProject(path);
        const watchId = randomUUID();
        const watch = new ProjectWatch({
          path,
          initial: project,
          load: deps.loadProject,
          onChange: (layout) => deps.publish('watch:project-changed', { watchId, project: layout }),
          ...(deps.debounceMs === undefined ? {} : { debounceMs: deps.debounceMs }),
        });
        watches.set(watchId, watch);
        await watch.ready;
        return { watchId, project };
      },
      'watch:stop-watch': async ({ watchId }) => {
        const watch = watches.get(watchId);
        watch?.stop();
        return { stopped: watches.delete(watchId) };
      },
    },
    dispose() {
      for (const watch of watches.values()) watch.stop();
      watches.clear();
    },
  };
}
