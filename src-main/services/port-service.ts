import type { EventPublisher, RequestHandlers } from '../../src-shared/ipc/channels';
import type { PortInfo } from '../../src-shared/serial';

/**
 * ports:* — the port list on request, and a poll (default every second) that publishes
 * ports:ports-changed only when a port came, went or changed its description. Polls never
 * overlap: the next one is scheduled when the previous one has finished.
 */
export const DEFAULT_PORT_POLL_MS = 1000;

export interface PortService {
  readonly handlers: Pick<RequestHandlers, 'ports:list-ports'>;
  dispose(): void;
}

export interface PortServiceDeps {
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly publish: EventPublisher;
  readonly pollMs?: number;
}

/** Paths and descriptions, order-independent: what the user would see change. */
export function portListKey(ports: readonly PortInfo[]): string {
  return ports
    .map((port) => `${port.path}\u0000${port.description}`)
    .sort()
    .join('\n');
}

export function createPortService(deps: PortServiceDeps): PortService {
  const pollMs = deps.pollMs ?? DEFAULT_PORT_POLL_MS;
  let lastKey: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  /** Remembers the list; true when it differs from the one before (the first list sets the baseline). */
  const remember = (ports: readonly PortInfo[]): boolean => {
    const key = portListKey(ports);
    const changed = lastKey !== undefined && key !== lastKey;
    lastKey = key;
    return changed;
  };

  const poll = async (): Promise<void> => {
    try {
      const ports = await deps.listPorts();
      if (!disposed && remember(ports)) deps.publish('ports:ports-changed', ports);
    } catch {
      // A failed listing (driver hiccup) is retried on the next poll.
    }
    schedule();
  };

  function schedule(): void {
    if (disposed) return;
    timer = setTimeout(() => void poll(), pollMs);
    timer.unref?.();
  }

  void poll();

  return {
    handlers: {
      'ports:list-ports': async () => {
        const ports = await deps.listPorts();
        if (remember(ports)) deps.publish('ports:ports-changed', ports);
        return ports;
      },
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
