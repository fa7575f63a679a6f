import type { SessionEvent } from '../../../src-shared/flash-job';
import type { ConnectionSpec, JobResult } from '../../../src-shared/ipc/jobs';
import type { SessionOptions } from '../../flasher/session/session-options';
import type { OpenTransport, Transport } from '../../serial/transport';

/** What a job runner gets: the way to the port, its cancel signal and where its events go. */
export interface JobContext {
  readonly openTransport: OpenTransport;
  readonly signal: AbortSignal;
  readonly emit: (event: SessionEvent) => void;
  /** Wraps the job's transport so its trace records every line change and byte. */
  readonly wrapTransport?: (transport: Transport) => Transport;
}

export type JobRunner<R> = (request: R, context: JobContext) => Promise<JobResult>;

/** Engine session options for a connection as the contract describes it. */
export function jobSessionOptions(spec: ConnectionSpec, context: JobContext): SessionOptions {
  return {
    port: spec.port,
    openTransport: context.openTransport,
    baudRate: spec.baudRate,
    signal: context.signal,
    onEvent: context.emit,
    ...(context.wrapTransport === undefined ? {} : { wrapTransport: context.wrapTransport }),
    ...(spec.chip === undefined ? {} : { chip: spec.chip }),
    ...(spec.resetMethod === undefined ? {} : { resetMethod: spec.resetMethod }),
    ...(spec.before === undefined ? {} : { before: spec.before }),
    ...(spec.customResetSequence === undefined ? {} : { customResetSequence: spec.customResetSequence }),
    ...(spec.noStub === undefined ? {} : { noStub: spec.noStub }),
  };
}
