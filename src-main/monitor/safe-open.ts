import { LINES_RELEASED, sameLines, type LineState } from '../../src-shared/reset/lines';
import type { ActiveTrace } from '../diagnostics/trace-recorder';
import type { OpenTransport, Transport } from '../serial/transport';

/**
 * Opens a port for monitoring without touching the board: the transport opens with both lines
 * released (never serialport's defaults, which assert them; see native-transport.ts for what
 * the OS does during open itself), the trace wraps it before anything else happens, and only
 * then are the monitoring lines set, both in one call, so every change is on the record.
 */
export interface MonitorOpenSpec {
  readonly path: string;
  readonly baudRate: number;
  /** Lines while monitoring (usually both released). */
  readonly lines: LineState;
}

export async function openForMonitoring(openTransport: OpenTransport, trace: ActiveTrace, spec: MonitorOpenSpec): Promise<Transport> {
  const raw = await openTransport(spec.path, { baudRate: spec.baudRate, lines: LINES_RELEASED });
  const transport = trace.wrap(raw);
  if (sameLines(spec.lines, LINES_RELEASED)) return transport;
  try {
    await transport.setLines({ dtr: spec.lines.dtr, rts: spec.lines.rts });
    return transport;
  } catch (error) {
    // A failed open leaves nothing behind: close() releases both lines first.
    await transport.close().catch(() => undefined);
    throw error;
  }
}
