import { classifyFailure } from '../../../src-shared/diagnose/classify-failure';
import type { RequestHandlers } from '../../../src-shared/ipc/channels';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import type { PortInfo } from '../../../src-shared/serial';
import { failureFactsFromError } from '../../diagnostics/failure-facts';
import { probePortHost, type HostProbeOptions, type HostProbeResult } from '../../diagnostics/host-probe';

/**
 * troubleshoot:diagnose-failure: the failed session's error, the port as listed now, what the
 * host says about the port and the session's trace become facts, and the facts a diagnosis.
 */
export type DiagnoseHandler = Pick<RequestHandlers, 'troubleshoot:diagnose-failure'>;

export interface DiagnoseHandlerDeps {
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly getTrace: (traceId: string) => Promise<RecordedTrace>;
  readonly platform?: string;
  /** Replaces the host probe (tests). */
  readonly probeHost?: (path: string, options: HostProbeOptions) => Promise<HostProbeResult>;
}

/** sim:esp32?faults=... is listed as sim:esp32; Windows names in any case. */
function samePort(listed: string, wanted: string, platform: string): boolean {
  const base = (path: string): string => {
    const trimmed = path.trim();
    const withoutOptions = /^sim:/i.test(trimmed) ? (trimmed.split('?')[0] ?? trimmed).toLowerCase() : trimmed;
    return platform === 'win32' ? withoutOptions.toLowerCase() : withoutOptions;
  };
  return base(listed) === base(wanted);
}

export function createDiagnoseHandler(deps: DiagnoseHandlerDeps): DiagnoseHandler {
  const platform = deps.platform ?? process.platform;
  const probe = deps.probeHost ?? probePortHost;
  return {
    'troubleshoot:diagnose-failure': async (request) => {
      const evidence = request.error.evidence;
      const fromEvidence = [evidence['port'], evidence['path']].find((value): value is string => typeof value === 'string' && value.trim() !== '');
      const port = request.port ?? fromEvidence;
      // A port list that cannot be read leaves the port's details out; it is not the failure.
      const ports = await deps.listPorts().catch((): PortInfo[] => []);
      const portInfo = port === undefined ? undefined : ports.find((listed) => samePort(listed.path, port, platform));
      const [host, trace] = await Promise.all([
        port === undefined ? undefined : probe(port, { platform, ports }).catch(() => undefined),
        // A trace that is gone (pruned, never recorded) only means less evidence.
        request.traceId === undefined ? undefined : deps.getTrace(request.traceId).catch(() => undefined),
      ]);
      const facts = failureFactsFromError(request.error, {
        platform,
        ...(port === undefined ? {} : { port }),
        ...(portInfo === undefined ? {} : { portInfo }),
        ...(trace === undefined ? {} : { trace }),
        ...(host === undefined ? {} : { host }),
      });
      return classifyFailure(facts);
    },
  };
}
