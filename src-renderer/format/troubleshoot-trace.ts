import type { TraceSummary } from '../../src-shared/ipc/traces';

/**
 * The recorded session a failure most likely came from: the newest trace on that port that
 * failed with the same error code, else the newest on that port at all. Summaries arrive newest
 * first from the traces store, but the order is not relied on.
 */
export function traceForFailure(summaries: readonly TraceSummary[], port: string | undefined, errorCode: string): TraceSummary | undefined {
  if (port === undefined || port === '') return undefined;
  const onPort = summaries.filter((summary) => summary.port === port).sort((a, b) => Date.parse(b.startedAtIso) - Date.parse(a.startedAtIso));
  return onPort.find((summary) => summary.errorCode === errorCode) ?? onPort[0];
}
