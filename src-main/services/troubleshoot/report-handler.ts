import { homedir, release } from 'node:os';
import type { Diagnosis } from '../../../src-shared/diagnose/diagnosis';
import { buildSupportReport, summarizeTraceForReport, type SupportReportInput, type SupportReportTrace } from '../../../src-shared/diagnose/support-report';
import { EspError } from '../../../src-shared/errors';
import type { RequestHandlers } from '../../../src-shared/ipc/channels';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import type { CheckOutcome, DiagnoseFailureRequest, SupportReportRequest } from '../../../src-shared/ipc/troubleshoot';
import type { PortInfo } from '../../../src-shared/serial';

export type ReportHandler = Pick<RequestHandlers, 'troubleshoot:support-report'>;

export interface ReportHandlerDeps {
  readonly version: string;
  readonly platform?: string;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly getTrace: (traceId: string) => Promise<RecordedTrace>;
  readonly diagnose: (request: DiagnoseFailureRequest) => Promise<Diagnosis>;
  readonly checkOutcome: (checkId: string) => CheckOutcome | undefined;
  /** Replaced by ~ in the report (default: this user's home folder). */
  readonly homeDir?: string;
  /** OS release for the Software section (default: os.release() when the platform is this host's). */
  readonly osRelease?: string;
  readonly now?: () => Date;
}

/**
 * Gathers what the app knows for a support report and builds it: the port as listed now, the
 * recorded trace (derived, measured, judged), the failure diagnosed again with that trace, and
 * the outcomes of the checks the user ran. Whatever cannot be gathered becomes a note in the
 * report rather than a failed request: a half-filled checklist still helps on a forum.
 */
function reason(error: unknown): string {
  if (error instanceof EspError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

async function readTrace(deps: ReportHandlerDeps, traceId: string, notes: string[]): Promise<SupportReportTrace | undefined> {
  try {
    return summarizeTraceForReport(await deps.getTrace(traceId));
  } catch (error) {
    notes.push(`The reset trace ${traceId} could not be read (${reason(error)}); the reset section is left open.`);
    return undefined;
  }
}

async function findPort(deps: ReportHandlerDeps, path: string, notes: string[]): Promise<PortInfo | undefined> {
  try {
    return (await deps.listPorts()).find((port) => port.path === path);
  } catch (error) {
    notes.push(`The port list could not be read (${reason(error)}).`);
    return undefined;
  }
}

async function diagnoseFailure(deps: ReportHandlerDeps, request: DiagnoseFailureRequest, notes: string[]): Promise<Diagnosis | undefined> {
  try {
    return await deps.diagnose(request);
  } catch (error) {
    notes.push(`The failure could not be diagnosed (${reason(error)}).`);
    return undefined;
  }
}

function gatherChecks(deps: ReportHandlerDeps, checkIds: readonly string[], notes: string[]): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  for (const checkId of new Set(checkIds)) {
    const outcome = deps.checkOutcome(checkId);
    if (outcome === undefined) notes.push(`Check ${checkId} is not known (not finished, or from an earlier run of the app); it is left out.`);
    else outcomes.push(outcome);
  }
  return outcomes;
}

/** The failure to diagnose, with the report's port and trace when the failure does not name its own. */
function failureWithContext(failure: DiagnoseFailureRequest, portPath: string | undefined, traceId: string | undefined): DiagnoseFailureRequest {
  const port = failure.port ?? portPath;
  const ownTraceId = failure.traceId ?? traceId;
  return { ...failure, ...(port === undefined ? {} : { port }), ...(ownTraceId === undefined ? {} : { traceId: ownTraceId }) };
}

export async function gatherReportInput(deps: ReportHandlerDeps, request: SupportReportRequest): Promise<SupportReportInput> {
  const notes: string[] = [];
  const traceId = request.traceId ?? request.failure?.traceId;
  const trace = traceId === undefined ? undefined : await readTrace(deps, traceId, notes);
  const portPath = request.port ?? request.failure?.port ?? trace?.summary.port;
  const port = portPath === undefined ? undefined : await findPort(deps, portPath, notes);
  const failure = request.failure === undefined ? undefined : failureWithContext(request.failure, portPath, traceId);
  const diagnosis = failure === undefined ? undefined : await diagnoseFailure(deps, failure, notes);
  const checks = gatherChecks(deps, request.checkIds ?? [], notes);
  const platform = deps.platform ?? process.platform;
  const osRelease = deps.osRelease ?? (platform === process.platform ? release() : undefined);
  const chip = port?.chip ?? trace?.summary.board.chip;
  return {
    appVersion: deps.version,
    platform,
    generatedAt: deps.now?.() ?? new Date(),
    homeDir: deps.homeDir ?? homedir(),
    checks,
    notes,
    ...(osRelease === undefined ? {} : { osRelease }),
    ...(portPath === undefined ? {} : { portPath }),
    ...(port === undefined ? {} : { port }),
    ...(chip === undefined ? {} : { chip }),
    ...(request.failure === undefined ? {} : { error: request.failure.error }),
    ...(diagnosis === undefined ? {} : { diagnosis }),
    ...(trace === undefined ? {} : { trace }),
    ...(request.traceImageName === undefined ? {} : { traceImageName: request.traceImageName }),
  };
}

export function createReportHandler(deps: ReportHandlerDeps): ReportHandler {
  return {
    'troubleshoot:support-report': async (request) => buildSupportReport(await gatherReportInput(deps, request)),
  };
}
