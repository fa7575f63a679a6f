import { randomUUID } from 'node:crypto';
import { classifyFailure } from '../../../src-shared/diagnose/classify-failure';
import { EspError, toEspError } from '../../../src-shared/errors';
import type { EventPublisher, RequestHandlers } from '../../../src-shared/ipc/channels';
import type { BoardButtonAction, CheckFinishedMessage, CheckOutcome, CheckRequest, CheckStarted } from '../../../src-shared/ipc/troubleshoot';
import type { PortInfo } from '../../../src-shared/serial';
import type { CheckContext } from '../../diagnostics/checks/check-context';
import { CHECK_RUNNERS } from '../../diagnostics/checks/run-check';
import { probePortHost } from '../../diagnostics/host-probe';
import type { TraceRecorder } from '../../diagnostics/trace-recorder';
import type { PortLease } from '../../monitor/port-lease';
import type { OpenTransport } from '../../serial/transport';
import type { VirtualBoards } from '../../simulator';
import { portKey } from '../job-service';

/**
 * Guided checks as cancellable operations on a port, like jobs: start returns at once, progress
 * follows on troubleshoot:check-progress, exactly one troubleshoot:check-finished ends each
 * check. A check borrows the port from a monitor and gives it back, records a trace, and leaves
 * the port closed with DTR and RTS released however it ends. Finished outcomes are kept for the
 * support report.
 */
export type CheckHandlers = Pick<RequestHandlers, 'troubleshoot:start-check' | 'troubleshoot:cancel-check' | 'troubleshoot:press-button'>;

export interface CheckServiceDeps {
  readonly publish: EventPublisher;
  readonly openTransport: OpenTransport;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly virtualBoards: VirtualBoards;
  readonly traces: TraceRecorder;
  readonly portLease: PortLease;
  readonly platform?: string;
}

export interface CheckService {
  readonly handlers: CheckHandlers;
  /** A finished check's outcome (kept for the support report), undefined when unknown. */
  outcome(checkId: string): CheckOutcome | undefined;
  /** Cancels running checks (ports closed, lines released). */
  dispose(): Promise<void>;
}

interface RunningCheck {
  readonly checkId: string;
  readonly portKey: string;
  readonly controller: AbortController;
  done: Promise<void>;
}

/** Outcomes kept for support reports; the oldest go first. */
const KEPT_OUTCOMES = 100;

/** A failure after cancel is reported as the cancel it is (the port closed under a read, say). */
function finishError(error: unknown, signal: AbortSignal): EspError {
  const espError = toEspError(error);
  if (!signal.aborted || espError.code === 'operation.cancelled') return espError;
  return new EspError('operation.cancelled', { evidence: { ...espError.evidence, afterError: espError.code } });
}

export function createCheckService(deps: CheckServiceDeps): CheckService {
  const platform = deps.platform ?? process.platform;
  const running = new Map<string, RunningCheck>();
  const outcomes = new Map<string, CheckOutcome>();
  let disposed = false;

  function keep(checkId: string, outcome: CheckOutcome): void {
    outcomes.set(checkId, outcome);
    while (outcomes.size > KEPT_OUTCOMES) outcomes.delete(outcomes.keys().next().value!);
  }

  function start(request: CheckRequest): CheckStarted {
    if (disposed) throw new EspError('operation.cancelled', { message: 'The app is closing; no new operations start.', evidence: { port: request.port } });
    const runner = CHECK_RUNNERS[request.check];
    if (runner === undefined) throw new EspError('input.invalid', { message: `There is no guided check called "${String(request.check)}".`, evidence: { check: String(request.check) } });
    const key = portKey(request.port, platform);
    const busy = [...running.values()].find((check) => check.portKey === key);
    if (busy !== undefined) {
      throw new EspError('port.busy', {
        message: `A check is already running on ${request.port}.`,
        hint: 'Wait for it to finish, or cancel it first.',
        evidence: { port: request.port, runningCheckId: busy.checkId },
      });
    }
    const checkId = randomUUID();
    const controller = new AbortController();
    const check: RunningCheck = { checkId, portKey: key, controller, done: Promise.resolve() };
    running.set(checkId, check);
    let finished = false;
    const trace = deps.traces.start({ source: 'troubleshooter', port: request.port, ...(request.chip === undefined ? {} : { chip: request.chip }) });
    trace.mark(`check: ${request.check}`);
    const context: CheckContext = {
      openTransport: async (path, options) => trace.wrap(await deps.openTransport(path, options)),
      signal: controller.signal,
      platform,
      listPorts: deps.listPorts,
      progress: (message, extra) => {
        if (finished) return;
        deps.publish('troubleshoot:check-progress', {
          checkId,
          message,
          ...(extra?.fraction === undefined ? {} : { fraction: extra.fraction }),
          ...(extra?.instruction === undefined ? {} : { instruction: extra.instruction }),
        });
      },
      mark: (label) => trace.mark(label),
      probePortHost: async (path) => probePortHost(path, { platform, ports: await deps.listPorts().catch(() => []) }),
      classifyFailure,
    };
    let giveBack: (() => Promise<void>) | undefined;
    // Start on the next turn, so the caller has the check id before the first progress arrives.
    check.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        controller.signal.throwIfAborted();
        giveBack = await deps.portLease.borrow(request.port);
        controller.signal.throwIfAborted();
        return runner(request, context);
      })
      .then(
        (outcome): CheckFinishedMessage => ({ checkId, ok: true, outcome }),
        (error: unknown): CheckFinishedMessage => ({ checkId, ok: false, error: finishError(error, controller.signal).toData() }),
      )
      .then(async (message) => {
        const summary = trace.finish(message.ok ? 'ok' : message.error.code === 'operation.cancelled' ? 'cancelled' : 'failed', message.ok ? undefined : message.error);
        const final = withTraceId(message, summary?.traceId);
        if (final.ok) keep(checkId, final.outcome);
        // The monitor gets its port back before anyone hears the check ended.
        await giveBack?.().catch(() => undefined);
        finished = true;
        running.delete(checkId);
        deps.publish('troubleshoot:check-finished', final);
      })
      // A shell that fails to deliver the message must not take the process down.
      .catch(() => undefined);
    return { checkId, check: request.check };
  }

  async function pressButton(port: string, action: BoardButtonAction): Promise<{ done: boolean }> {
    if (!deps.virtualBoards.isVirtualPath(port)) {
      throw new EspError('input.invalid', {
        message: 'Only virtual boards have buttons the app can press.',
        hint: 'On a real board, press BOOT and EN with your fingers as the steps say.',
        evidence: { port, action },
      });
    }
    if (/^sim:loopback(?:\?|$)/i.test(port.trim())) {
      throw new EspError('input.invalid', { message: 'sim:loopback is an adapter without a chip: it has no BOOT or EN button.', evidence: { port, action } });
    }
    const board = deps.virtualBoards.board(port);
    if (action === 'hold-boot') board.setBootButton(true);
    else if (action === 'release-boot') board.setBootButton(false);
    else board.pressEn();
    return { done: true };
  }

  const handlers: CheckHandlers = {
    'troubleshoot:start-check': async (request) => start(request),
    'troubleshoot:cancel-check': async ({ checkId }) => {
      const check = running.get(checkId);
      if (check === undefined) return { cancelled: false };
      check.controller.abort(new EspError('operation.cancelled', { evidence: { checkId } }));
      return { cancelled: true };
    },
    'troubleshoot:press-button': async ({ port, action }) => pressButton(port, action),
  };

  return {
    handlers,
    outcome: (checkId) => outcomes.get(checkId),
    async dispose() {
      disposed = true;
      const all = [...running.values()];
      for (const check of all) check.controller.abort(new EspError('operation.cancelled', { message: 'The app is closing; the check was cancelled.', evidence: { checkId: check.checkId } }));
      await Promise.all(all.map((check) => check.done));
    },
  };
}

/** The boot-mode probe names its trace, so the GUI can show the reset it made. */
function withTraceId(message: CheckFinishedMessage, traceId: string | undefined): CheckFinishedMessage {
  if (!message.ok || traceId === undefined || message.outcome.result.kind !== 'boot-mode') return message;
  return { ...message, outcome: { ...message.outcome, result: { ...message.outcome.result, traceId } } };
}
