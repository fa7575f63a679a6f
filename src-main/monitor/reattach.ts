import type { PortInfo } from '../../src-shared/serial';
import type { Clock } from '../common/clock';
import type { Transport } from '../serial/transport';

/**
 * Waits for a vanished port to come back and reopens it. USB-Serial/JTAG chips re-enumerate on
 * every reset and a loose cable comes and goes; the port list is checked before each try so a
 * missing device costs a cheap listing, not an open that may hang in a driver. The wait between
 * tries grows from a quarter second to a second and stays there until the port returns or the
 * signal aborts (the user closed the monitor).
 */
export const REATTACH_DELAYS_MS: readonly number[] = [250, 500, 1000];

export interface ReattachOptions {
  readonly listPorts: () => Promise<readonly PortInfo[]>;
  /** True for a listed path that is the monitor's port (another spelling of it included). */
  readonly isSamePort: (listedPath: string) => boolean;
  readonly open: () => Promise<Transport>;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly delaysMs?: readonly number[];
  /** Called after each failed try (for status messages), with the try number from 1. */
  readonly onRetry?: (attempt: number, reason: string) => void;
}

export async function reattachPort(options: ReattachOptions): Promise<Transport> {
  const delays = options.delaysMs ?? REATTACH_DELAYS_MS;
  for (let attempt = 1; ; attempt++) {
    const delayMs = delays[Math.min(attempt - 1, delays.length - 1)] ?? 1000;
    await options.clock.sleep(delayMs, options.signal);
    // A listing that fails says nothing about the port: try to open it anyway.
    const listed = await options.listPorts().catch(() => undefined);
    if (listed !== undefined && !listed.some((port) => options.isSamePort(port.path))) {
      options.onRetry?.(attempt, 'not listed');
      continue;
    }
    try {
      return await options.open();
    } catch (error) {
      options.signal.throwIfAborted();
      options.onRetry?.(attempt, error instanceof Error ? error.message : String(error));
    }
  }
}

export interface PortReattacherOptions extends Omit<ReattachOptions, 'signal'> {
  /** Aborted when the monitor closes. */
  readonly lifetime: AbortSignal;
  /** The port is back, opened; not called once stopped. */
  readonly onBack: (transport: Transport) => void;
}

/** One reattach at a time for a monitor: start() replaces a running one, stop() ends it. */
export class PortReattacher {
  private current: AbortController | undefined;

  constructor(private readonly options: PortReattacherOptions) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  start(): void {
    this.stop();
    const controller = new AbortController();
    this.current = controller;
    const signal = AbortSignal.any([controller.signal, this.options.lifetime]);
    reattachPort({ ...this.options, signal }).then(
      async (transport) => {
        if (signal.aborted) {
          // Stopped while the open was under way: the port must not stay open.
          await transport.close().catch(() => undefined);
          return;
        }
        this.current = undefined;
        this.options.onBack(transport);
      },
      () => undefined,
    );
  }

  stop(): void {
    this.current?.abort();
    this.current = undefined;
  }
}
