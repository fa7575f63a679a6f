import type { DigitalChannel } from './derive-types';
import { ChannelBuilder } from './digital-channel';
import type { TraceEvent } from './trace';

/**
 * TXD and RXD as an analyzer would see them: low while a burst is on the wire, high when idle.
 * A burst lasts sizeBytes x 10 bits (8N1) / baud at the rate in force.
 *
 * Sent bytes go on the wire when written, queued behind anything still being sent. Received
 * bytes are recorded when they reached the host, so their burst ends at that time and started
 * one burst length earlier. Touching or overlapping bursts merge into one low stretch.
 */
export const BITS_PER_BYTE_ON_WIRE = 10;
/** When a trace has no open event to name the rate. */
export const FALLBACK_BAUD_RATE = 115200;

export interface UartReplay {
  readonly txd: DigitalChannel;
  readonly rxd: DigitalChannel;
  /** End of the last burst on either line, 0 without any. */
  readonly lastBurstEndMs: number;
}

export function burstDurationMs(sizeBytes: number, baudRate: number): number {
  return (sizeBytes * BITS_PER_BYTE_ON_WIRE * 1000) / baudRate;
}

export function burstSize(event: Extract<TraceEvent, { kind: 'tx' | 'rx' }>): number {
  return Math.max(event.sizeBytes ?? 0, event.bytes.length);
}

type Interval = [startMs: number, endMs: number];

function addInterval(intervals: Interval[], startMs: number, endMs: number): void {
  // Received bursts are placed before their arrival and can reach back over earlier ones.
  let last = intervals.at(-1);
  while (last !== undefined && startMs <= last[1]) {
    intervals.pop();
    startMs = Math.min(startMs, last[0]);
    endMs = Math.max(endMs, last[1]);
    last = intervals.at(-1);
  }
  intervals.push([startMs, endMs]);
}

function toChannel(name: 'TXD' | 'RXD', intervals: readonly Interval[]): DigitalChannel {
  const builder = new ChannelBuilder(name, 1);
  for (const [startMs, endMs] of intervals) {
    builder.set(startMs, 0);
    builder.set(endMs, 1);
  }
  return builder.build();
}

/** The baud rate in force at each event: the last open or baud event before it. */
export function baudRateTracker(): (event: TraceEvent) => number {
  let baudRate = FALLBACK_BAUD_RATE;
  return (event) => {
    if (event.kind === 'open' || event.kind === 'baud') baudRate = event.baudRate;
    return baudRate;
  };
}

export function replayUart(events: readonly TraceEvent[]): UartReplay {
  const tx: Interval[] = [];
  const rx: Interval[] = [];
  const baudAt = baudRateTracker();
  let txBusyUntilMs = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const baudRate = baudAt(event);
    if (event.kind !== 'tx' && event.kind !== 'rx') continue;
    const sizeBytes = burstSize(event);
    if (sizeBytes === 0) continue;
    const durationMs = burstDurationMs(sizeBytes, baudRate);
    if (event.kind === 'tx') {
      const startMs = Math.max(event.atMs, txBusyUntilMs);
      txBusyUntilMs = startMs + durationMs;
      addInterval(tx, startMs, txBusyUntilMs);
    } else {
      addInterval(rx, Math.max(0, event.atMs - durationMs), event.atMs);
    }
  }
  const lastBurstEndMs = Math.max(0, tx.at(-1)?.[1] ?? 0, rx.at(-1)?.[1] ?? 0);
  return { txd: toChannel('TXD', tx), rxd: toChannel('RXD', rx), lastBurstEndMs };
}
