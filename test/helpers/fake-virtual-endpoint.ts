import { EspError } from '../../src-shared/errors';
import type { LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';
import type { VirtualBoardRegistry, VirtualPortDescriptor, VirtualPortEndpoint } from '../../src-main/simulator/virtual-port';

/**
 * A loopback stand-in for a virtual board, for transport tests: bytes the host writes come
 * back (asynchronously, in order), and every line change, baud change, write and close is
 * recorded with a timestamp so tests can check order and atomicity.
 */

export type FakeEndpointEvent =
  | { readonly kind: 'lines'; readonly atMs: number; readonly lines: LineState }
  | { readonly kind: 'baud'; readonly atMs: number; readonly baudRate: number }
  | { readonly kind: 'write'; readonly atMs: number; readonly sizeBytes: number }
  | { readonly kind: 'close'; readonly atMs: number }
  | { readonly kind: 'unplug'; readonly atMs: number };

export class FakeVirtualEndpoint implements VirtualPortEndpoint {
  readonly info: PortInfo;
  readonly events: FakeEndpointEvent[] = [];
  readonly openBaudRate: number;
  /** Echo host writes back to the host (default on). */
  echo = true;
  closed = false;
  unplugged = false;
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly unplugListeners = new Set<() => void>();

  constructor(info: PortInfo, openBaudRate: number) {
    this.info = info;
    this.openBaudRate = openBaudRate;
  }

  get lineChanges(): LineState[] {
    return this.events.flatMap((event) => (event.kind === 'lines' ? [event.lines] : []));
  }

  get baudChanges(): number[] {
    return this.events.flatMap((event) => (event.kind === 'baud' ? [event.baudRate] : []));
  }

  get writtenBytes(): number {
    return this.events.reduce((sum, event) => sum + (event.kind === 'write' ? event.sizeBytes : 0), 0);
  }

  hostWrite(bytes: Uint8Array): void {
    this.record({ kind: 'write', atMs: performance.now(), sizeBytes: bytes.length });
    if (!this.echo) return;
    const copy = Uint8Array.from(bytes);
    setImmediate(() => this.sendToHost(copy));
  }

  hostSetLines(lines: LineState): void {
    this.record({ kind: 'lines', atMs: performance.now(), lines: { dtr: lines.dtr, rts: lines.rts } });
  }

  hostSetBaudRate(baudRate: number): void {
    this.record({ kind: 'baud', atMs: performance.now(), baudRate });
  }

  onBoardData(listener: (bytes: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onUnplug(listener: () => void): () => void {
    this.unplugListeners.add(listener);
    return () => this.unplugListeners.delete(listener);
  }

  close(): void {
    if (this.closed) throw new Error('FakeVirtualEndpoint closed twice');
    this.closed = true;
    this.events.push({ kind: 'close', atMs: performance.now() });
  }

  /** Board -> host bytes. */
  sendToHost(bytes: Uint8Array): void {
    if (this.closed || this.unplugged) return;
    for (const listener of [...this.dataListeners]) listener(bytes);
  }

  unplug(): void {
    if (this.unplugged) return;
    this.unplugged = true;
    this.events.push({ kind: 'unplug', atMs: performance.now() });
    for (const listener of [...this.unplugListeners]) listener();
  }

  private record(event: FakeEndpointEvent): void {
    if (this.closed) throw new Error(`FakeVirtualEndpoint used after close (${event.kind})`);
    this.events.push(event);
  }
}

export function fakeVirtualPortInfo(path: string, overrides: Partial<PortInfo> = {}): PortInfo {
  return { path, kind: 'virtual', description: `Fake loopback board ${path}`, lineControl: true, ...overrides };
}

/** Registry of loopback boards under "sim:" paths. */
export class FakeVirtualBoardRegistry implements VirtualBoardRegistry {
  /** Every endpoint opened, per path, oldest first. */
  readonly opened = new Map<string, FakeVirtualEndpoint[]>();
  private readonly boards = new Map<string, { info: PortInfo; plugged: boolean }>();

  constructor(paths: readonly string[] = ['sim:loopback'], infos: readonly PortInfo[] = []) {
    for (const path of paths) this.boards.set(path, { info: fakeVirtualPortInfo(path), plugged: true });
    for (const info of infos) this.boards.set(info.path, { info, plugged: true });
  }

  isVirtualPath(path: string): boolean {
    return path.startsWith('sim:');
  }

  list(): readonly VirtualPortDescriptor[] {
    return [...this.boards.values()]
      .filter((board) => board.plugged)
      .map((board) => ({ info: board.info, summary: `Loopback ${board.info.path}` }));
  }

  open(path: string, baudRate: number): VirtualPortEndpoint {
    const board = this.boards.get(path.split('?')[0]!);
    if (board === undefined || !board.plugged) {
      throw new EspError('port.not-found', { evidence: { path } });
    }
    if (this.current(path) !== undefined) throw new EspError('port.busy', { evidence: { path } });
    const endpoint = new FakeVirtualEndpoint(board.info, baudRate);
    this.opened.set(path, [...(this.opened.get(path) ?? []), endpoint]);
    return endpoint;
  }

  /** The endpoint currently open on `path`, if any. */
  current(path: string): FakeVirtualEndpoint | undefined {
    return (this.opened.get(path) ?? []).find((endpoint) => !endpoint.closed && !endpoint.unplugged);
  }

  last(path: string): FakeVirtualEndpoint {
    const endpoints = this.opened.get(path) ?? [];
    const endpoint = endpoints[endpoints.length - 1];
    if (endpoint === undefined) throw new Error(`${path} was never opened`);
    return endpoint;
  }

  unplug(path: string): void {
    const board = this.boards.get(path);
    if (board !== undefined) board.plugged = false;
    this.current(path)?.unplug();
  }
}
