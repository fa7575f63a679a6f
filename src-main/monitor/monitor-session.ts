import { EspError, toEspError, type EspErrorData } from '../../src-shared/errors';
import type {
  MonitorDataMessage,
  MonitorLog,
  MonitorOpenRequest,
  MonitorResetTarget,
  MonitorState,
  MonitorStatus,
} from '../../src-shared/ipc/monitor';
import { LINES_RELEASED, formatLines, type LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';
import type { Clock } from '../common/clock';
import type { ActiveTrace } from '../diagnostics/trace-recorder';
import type { OpenTransport, Transport } from '../serial/transport';
import { ChunkBatcher } from './chunk-batcher';
import { runMonitorReset } from './monitor-reset';
import { PortReattacher } from './reattach';
import { monitorResetPlan } from './reset-plan';
import { romBaudSwitchFor } from './rom-baud-choice';
import { openForMonitoring } from './safe-open';
import { RequestQueue } from './request-queue';
import { monitorClosedError, portUnavailableError } from './monitor-errors';
import { SessionLog } from './session-log';

/**
 * One monitor on one port, from open to close: it owns the transport, keeps the session log,
 * batches received bytes into monitor:data messages, and walks the states open, reattaching
 * (port vanished), flashing (port lent to a job) and closed. Requests run one at a time, so a
 * reset, a line change and a hand-off to the flasher never interleave on the wire.
 */
export interface MonitorSessionDeps {
  readonly monitorId: string;
  readonly request: MonitorOpenRequest;
  readonly openTransport: OpenTransport;
  readonly listPorts: () => Promise<readonly PortInfo[]>;
  /** True when a listed path is this monitor's port (compared as the job service does). */
  readonly isSamePort: (listedPath: string) => boolean;
  readonly trace: ActiveTrace;
  readonly clock: Clock;
  /** Epoch ms for chunk arrival times. */
  readonly wallNow: () => number;
  readonly publishData: (message: MonitorDataMessage) => void;
  readonly publishStatus: (status: MonitorStatus) => void;
  readonly logLimitBytes?: number;
  readonly reattachDelaysMs?: readonly number[];
}

export class MonitorSession {
  readonly monitorId: string;
  readonly path: string;
  private state: MonitorState = 'closed';
  private transport: Transport | undefined;
  private detachTransport: () => void = () => undefined;
  private lines: LineState;
  private appBaudRate: number;
  private baudRate: number;
  private message: string | undefined;
  private error: EspErrorData | undefined;
  private readonly log: SessionLog;
  private readonly batcher: ChunkBatcher;
  private seq = 0;
  private lastDataAtMs: number | undefined;
  /** For the ROM baud switch: when the last chunk came in. */
  private readonly activity = { lastDataAtMs: (): number | undefined => this.lastDataAtMs };
  private readonly queue = new RequestQueue();
  /** Aborted when the monitor closes: stops a reset or a reattach in progress. */
  private readonly lifetime = new AbortController();
  private readonly reattacher: PortReattacher;
  private closing: Promise<void> | undefined;
  private opening = false;

  constructor(private readonly deps: MonitorSessionDeps) {
    this.monitorId = deps.monitorId;
    this.path = deps.request.port;
    this.lines = deps.request.lines ?? LINES_RELEASED;
    this.appBaudRate = deps.request.baudRate;
    this.baudRate = deps.request.baudRate;
    this.log = new SessionLog(deps.logLimitBytes);
    this.reattacher = new PortReattacher({
      listPorts: deps.listPorts,
      isSamePort: deps.isSamePort,
      open: () => this.openTransport(),
      clock: deps.clock,
      lifetime: this.lifetime.signal,
      onBack: (transport) => this.reattached(transport),
      ...(deps.reattachDelaysMs === undefined ? {} : { delaysMs: deps.reattachDelaysMs }),
    });
    this.batcher = new ChunkBatcher({
      clock: deps.clock,
      deliver: (chunks) => {
        this.seq += 1;
        deps.publishData({ monitorId: this.monitorId, seq: this.seq, chunks });
      },
    });
  }

  /** Closed, or closing; false while the first open is under way. */
  get isClosed(): boolean {
    return this.closing !== undefined || (this.state === 'closed' && !this.opening);
  }

  status(): MonitorStatus {
    return {
      monitorId: this.monitorId,
      port: this.path,
      state: this.state,
      baudRate: this.baudRate,
      appBaudRate: this.appBaudRate,
      lines: this.lines,
      ...(this.message === undefined ? {} : { message: this.message }),
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }

  readLog(): MonitorLog {
    return this.log.snapshot();
  }

  /** First open. A failure ends the trace and is thrown; the session stays closed. */
  open(): Promise<MonitorStatus> {
    this.opening = true;
    // Queued like every request: a borrow or a close that comes in meanwhile waits for it.
    return this.queue.run(() => this.openNow());
  }

  private async openNow(): Promise<MonitorStatus> {
    try {
      const transport = await this.openTransport();
      if (this.closing !== undefined) {
        // Closed while opening: the port must not stay open behind the user's back.
        await transport.close().catch(() => undefined);
        throw new EspError('operation.cancelled', { message: 'The monitor was closed while it opened.', evidence: { port: this.path } });
      }
      this.attach(transport);
      const warnings = transport.warnings ?? [];
      this.setState('open', [`Opened ${this.path} at ${this.appBaudRate} baud, ${formatLines(this.lines)}`, ...warnings].join('. '));
      return this.status();
    } catch (error) {
      const espError = toEspError(error);
      this.deps.trace.finish('failed', espError.toData());
      throw espError;
    } finally {
      this.opening = false;
    }
  }

  setLines(lines: LineState): Promise<MonitorStatus> {
    return this.run(async () => {
      const wanted: LineState = { dtr: lines.dtr, rts: lines.rts };
      const transport = this.transport;
      if (this.state === 'open' && transport !== undefined) {
        await this.guard(() => transport.setLines(wanted));
        this.lines = wanted;
        this.setState('open', `Lines set: ${formatLines(wanted)}`);
      } else {
        // Applied when the port is opened again (after flashing or a reattach).
        this.lines = wanted;
        this.publishStatus();
      }
      return this.status();
    });
  }

  setBaudRate(baudRate: number): Promise<MonitorStatus> {
    return this.run(async () => {
      const transport = this.transport;
      if (this.state === 'open' && transport !== undefined) {
        await this.guard(() => transport.setBaudRate(baudRate));
        this.appBaudRate = baudRate;
        this.baudRate = baudRate;
        this.deps.trace.mark(`baud ${baudRate}`);
        this.setState('open', `Baud rate ${baudRate}`);
      } else {
        this.appBaudRate = baudRate;
        this.baudRate = baudRate;
        this.publishStatus();
      }
      return this.status();
    });
  }

  send(data: Uint8Array): Promise<{ readonly sentBytes: number }> {
    return this.run(async () => {
      const transport = this.requireOpen('send data');
      await this.guard(() => transport.write(data));
      return { sentBytes: data.length };
    });
  }

  reset(into: MonitorResetTarget): Promise<MonitorStatus> {
    return this.run(async () => {
      const transport = this.requireOpen('reset the board');
      const plan = monitorResetPlan(into, this.deps.request.resetMethod, transport.info);
      const target = into === 'app' ? 'the app' : 'the bootloader';
      if (plan.sequence === undefined) {
        const reason = transport.info.lineControl
          ? `This board has no auto-reset circuit: ${into === 'app' ? 'press EN' : 'hold BOOT and press EN'} to start ${target}`
          : `Chip was NOT reset: ${this.path} cannot set DTR/RTS`;
        this.setState('open', reason);
        return this.status();
      }
      const sequence = plan.sequence;
      const romBaud = this.deps.request.romBaudAuto === true ? romBaudSwitchFor(this.deps.request.chip ?? transport.info.chip, transport.info, this.appBaudRate, this.activity) : undefined;
      const resetting = this.guard(() =>
        runMonitorReset({
          transport,
          into,
          plan: { ...plan, sequence },
          monitorLines: this.lines,
          clock: this.deps.clock,
          trace: this.deps.trace,
          signal: this.lifetime.signal,
          ...(romBaud === undefined ? {} : { romBaud }),
          onBaudRate: (baudRate) => {
            this.baudRate = baudRate;
            this.publishStatus();
          },
        }),
      );
      // The chip's own USB re-enumerates when the chip resets: the port vanishing mid-reset is
      // the reset working, and the reattach that follows brings the monitor back.
      const result = await resetting.catch((error: unknown) => {
        if (this.state === 'reattaching' && toEspError(error).code === 'port.disconnected') return undefined;
        throw error;
      });
      if (result === undefined) return this.status();
      this.baudRate = transport.baudRate;
      this.setState('open', result.skippedReason ?? `Reset into ${target} (${sequence.label})`);
      return this.status();
    });
  }

  /** The port is lent to a job: close it (lines released) until resume(). */
  pause(): Promise<void> {
    return this.run(async () => {
      if (this.state === 'closed' || this.state === 'flashing') return;
      this.reattacher.stop();
      await this.releaseTransport();
      this.deps.trace.mark('paused for flashing');
      this.setState('flashing', 'Paused while flashing');
    });
  }

  /** The job is done: reopen without a reset; if the port is gone (re-enumerated), wait for it. */
  resume(): Promise<void> {
    return this.run(async () => {
      if (this.state !== 'flashing') return;
      try {
        this.attach(await this.openTransport());
        this.deps.trace.mark('resumed after flashing');
        this.setState('open', 'Resumed after flashing');
      } catch (error) {
        if (this.lifetime.signal.aborted) return;
        this.startReattach(`${this.path} did not come back after flashing (${toEspError(error).message})`);
      }
    });
  }

  /** Closes the port (lines released) and ends the trace. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.closeNow(undefined, false);
    return this.closing;
  }

  /** `inRequest`: called from the request in progress, which must not be waited for. */
  private async closeNow(error: EspError | undefined, inRequest: boolean): Promise<void> {
    this.lifetime.abort(new EspError('operation.cancelled', { message: 'The monitor was closed.', evidence: { port: this.path } }));
    this.reattacher.stop();
    // Let the request in progress stop (its waits abort) before the port goes.
    if (!inRequest) await this.queue.idle();
    await this.releaseTransport();
    this.error = error?.toData();
    this.deps.trace.finish(error === undefined ? 'ok' : 'failed', this.error);
    this.setState('closed', error === undefined ? 'Closed' : `Closed: ${error.message}`);
  }

  private async openTransport(): Promise<Transport> {
    const transport = await openForMonitoring(this.deps.openTransport, this.deps.trace, { path: this.path, baudRate: this.appBaudRate, lines: this.lines });
    this.baudRate = transport.baudRate;
    return transport;
  }

  private attach(transport: Transport): void {
    this.transport = transport;
    const offData = transport.onData((chunk) => this.receive(chunk, transport));
    const offClose = transport.onClose((error) => this.vanished(transport, error));
    this.detachTransport = () => {
      offData();
      offClose();
    };
  }

  private async releaseTransport(): Promise<void> {
    const transport = this.transport;
    this.transport = undefined;
    this.detachTransport();
    this.detachTransport = () => undefined;
    this.batcher.flush();
    if (transport !== undefined) await transport.close().catch(() => undefined);
  }

  private receive(chunk: Uint8Array, transport: Transport): void {
    if (chunk.length === 0) return;
    // One copy: the log, the batch and the IPC message may outlive the driver's buffer.
    const data = chunk.slice();
    this.lastDataAtMs = this.deps.clock.now();
    this.log.append(data);
    this.batcher.push({ atMs: this.deps.wallNow(), baudRate: transport.baudRate, data });
  }

  private vanished(transport: Transport, error: EspError): void {
    if (transport !== this.transport || this.closing !== undefined) return;
    this.transport = undefined;
    this.detachTransport();
    this.detachTransport = () => undefined;
    this.batcher.flush();
    void transport.close().catch(() => undefined);
    if (error.code !== 'port.disconnected') {
      this.closing ??= this.closeNow(error, false);
      return;
    }
    this.deps.trace.mark('port vanished');
    this.startReattach(`${this.path} vanished; waiting for it to come back`);
  }

  private startReattach(message: string): void {
    this.setState('reattaching', message);
    this.reattacher.start();
  }

  private reattached(transport: Transport): void {
    this.attach(transport);
    this.deps.trace.mark('reattached');
    this.setState('open', `Reattached ${this.path}`);
  }

  private requireOpen(action: string): Transport {
    const transport = this.transport;
    if (this.state === 'open' && transport !== undefined) return transport;
    throw portUnavailableError(this.state, action, this.path, this.monitorId);
  }

  /**
   * Runs work on the open port. A failure that is not the port vanishing (the reattach takes
   * care of that) or the monitor closing closes the monitor, lines released, and is rethrown.
   */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const espError = toEspError(error);
      const vanished = espError.code === 'port.disconnected' || this.state === 'reattaching';
      if (!vanished && this.closing === undefined) {
        this.closing = this.closeNow(espError, true);
        await this.closing;
      }
      throw espError;
    }
  }

  /** One request at a time, in order; none start after close. */
  private run<T>(work: () => Promise<T>): Promise<T> {
    if (this.isClosed) return Promise.reject(monitorClosedError(this.path, this.monitorId));
    return this.queue.run(work);
  }

  private setState(state: MonitorState, message: string): void {
    // Data received before a status change is delivered before it.
    this.batcher.flush();
    this.state = state;
    this.message = message;
    if (state === 'open') this.error = undefined;
    this.publishStatus();
  }

  private publishStatus(): void {
    this.deps.publishStatus(this.status());
  }
}
