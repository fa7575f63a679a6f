import { describe, expect, it } from 'vitest';
import { TRACE_LIMIT_MARK, TraceEventBuffer, type TraceLimits } from '../../../src-main/diagnostics/trace-event-buffer';
import type { TraceEvent } from '../../../src-shared/reset/trace';

/** Memory caps of a trace: bytes kept after resets and baud changes, sizes after that, an event limit. */

const limits = (overrides: Partial<TraceLimits> = {}): TraceLimits => ({ keepBytesPerDirection: 8, maxEvents: 100, mergeGapMs: 1, ...overrides });
const bytes = (count: number, fill = 0x55): Uint8Array => new Uint8Array(count).fill(fill);

/** "kind@atMs kept/size" for byte events, "kind@atMs" otherwise. */
function shape(events: readonly TraceEvent[]): string[] {
  return events.map((event) => {
    if (event.kind === 'tx' || event.kind === 'rx') return `${event.kind}@${event.atMs} ${event.bytes.length}/${event.sizeBytes ?? event.bytes.length}`;
    if (event.kind === 'mark') return `mark@${event.atMs} ${event.label}`;
    return `${event.kind}@${event.atMs}`;
  });
}

describe('TraceEventBuffer', () => {
  it('keeps bytes up to the budget per direction, then the rest of a burst as its size only', () => {
    const buffer = new TraceEventBuffer(limits());
    buffer.add({ kind: 'tx', atMs: 0, bytes: bytes(5) });
    buffer.add({ kind: 'rx', atMs: 1, bytes: bytes(8) });
    buffer.add({ kind: 'tx', atMs: 2, bytes: bytes(5) });
    buffer.add({ kind: 'tx', atMs: 10, bytes: bytes(4) });
    expect(shape(buffer.events)).toEqual(['tx@0 5/5', 'rx@1 8/8', 'tx@2 3/5', 'tx@10 0/4']);
  });

  it('copies kept bytes, so a caller reusing its buffer does not change the trace', () => {
    const buffer = new TraceEventBuffer(limits());
    const chunk = Uint8Array.from([1, 2, 3]);
    buffer.add({ kind: 'rx', atMs: 0, bytes: chunk });
    chunk[0] = 9;
    expect(Array.from((buffer.events[0] as { bytes: Uint8Array }).bytes)).toEqual([1, 2, 3]);
  });

  it('keeps a plain copy of the first bytes of a Node Buffer that runs past the budget', () => {
    const buffer = new TraceEventBuffer(limits());
    const chunk = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    buffer.add({ kind: 'rx', atMs: 0, bytes: chunk });
    chunk.fill(0);
    const kept = buffer.events[0] as { bytes: Uint8Array; sizeBytes?: number };
    expect(kept.bytes.constructor).toBe(Uint8Array);
    expect(Array.from(kept.bytes)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(kept.sizeBytes).toBe(10);
  });

  it('refills the budget when a line is asserted, on a baud change and on open, but not when lines are released', () => {
    const buffer = new TraceEventBuffer(limits());
    buffer.add({ kind: 'rx', atMs: 0, bytes: bytes(8) });
    buffer.add({ kind: 'lines', atMs: 1, dtr: false, rts: false });
    buffer.add({ kind: 'rx', atMs: 2, bytes: bytes(2) });
    buffer.add({ kind: 'lines', atMs: 3, dtr: false, rts: true });
    buffer.add({ kind: 'rx', atMs: 4, bytes: bytes(8) });
    buffer.add({ kind: 'baud', atMs: 5, baudRate: 460800 });
    buffer.add({ kind: 'rx', atMs: 6, bytes: bytes(8) });
    buffer.add({ kind: 'open', atMs: 7, path: 'sim:esp32', baudRate: 115200 });
    buffer.add({ kind: 'rx', atMs: 8, bytes: bytes(3) });
    expect(shape(buffer.events)).toEqual([
      'rx@0 8/8',
      'lines@1',
      'rx@2 0/2',
      'lines@3',
      'rx@4 8/8',
      'baud@5',
      'rx@6 8/8',
      'open@7',
      'rx@8 3/3',
    ]);
  });

  it('merges size-only bursts of one direction closer than the gap, across bursts of the other direction', () => {
    const buffer = new TraceEventBuffer(limits({ keepBytesPerDirection: 0 }));
    buffer.add({ kind: 'tx', atMs: 10, bytes: bytes(100) });
    buffer.add({ kind: 'rx', atMs: 10.2, bytes: bytes(10) });
    buffer.add({ kind: 'tx', atMs: 10.5, bytes: bytes(100) });
    buffer.add({ kind: 'tx', atMs: 11.4, bytes: bytes(100) });
    // 1 ms after the previous chunk: a new burst.
    buffer.add({ kind: 'tx', atMs: 12.4, bytes: bytes(7) });
    buffer.add({ kind: 'rx', atMs: 12.5, bytes: bytes(10) });
    expect(shape(buffer.events)).toEqual(['tx@10 0/300', 'rx@10.2 0/10', 'tx@12.4 0/7', 'rx@12.5 0/10']);
  });

  it('does not merge across a mark, a line change or a baud change', () => {
    const buffer = new TraceEventBuffer(limits({ keepBytesPerDirection: 0 }));
    buffer.add({ kind: 'tx', atMs: 0, bytes: bytes(4) });
    buffer.add({ kind: 'mark', atMs: 0.1, label: 'verifying' });
    buffer.add({ kind: 'tx', atMs: 0.2, bytes: bytes(4) });
    buffer.add({ kind: 'lines', atMs: 0.3, dtr: false, rts: false });
    buffer.add({ kind: 'tx', atMs: 0.4, bytes: bytes(4) });
    expect(shape(buffer.events)).toEqual(['tx@0 0/4', 'mark@0.1 verifying', 'tx@0.2 0/4', 'lines@0.3', 'tx@0.4 0/4']);
  });

  it('beyond the event limit drops byte bursts but keeps lines, baud changes and marks, and says how much was dropped', () => {
    const buffer = new TraceEventBuffer(limits({ maxEvents: 3, keepBytesPerDirection: 1000 }));
    buffer.add({ kind: 'tx', atMs: 0, bytes: bytes(4) });
    buffer.add({ kind: 'rx', atMs: 1, bytes: bytes(4) });
    buffer.add({ kind: 'tx', atMs: 2, bytes: bytes(4) });
    buffer.add({ kind: 'rx', atMs: 3, bytes: bytes(5) });
    buffer.add({ kind: 'tx', atMs: 4, bytes: bytes(6) });
    buffer.add({ kind: 'lines', atMs: 5, dtr: false, rts: true });
    buffer.add({ kind: 'baud', atMs: 6, baudRate: 74880 });
    buffer.add({ kind: 'mark', atMs: 7, label: 'resetting' });
    buffer.add({ kind: 'rx', atMs: 8, bytes: bytes(1) });
    expect(buffer.droppedBurstCount).toBe(3);
    expect(shape(buffer.finish(9))).toEqual([
      'tx@0 4/4',
      'rx@1 4/4',
      'tx@2 4/4',
      'lines@5',
      'baud@6',
      'mark@7 resetting',
      `mark@9 ${TRACE_LIMIT_MARK}: 3 byte bursts (12 bytes) from 3 ms on not recorded`,
    ]);
  });

  it('still merges into an open burst after the limit, so a long read keeps growing its last burst', () => {
    const buffer = new TraceEventBuffer(limits({ maxEvents: 1, keepBytesPerDirection: 0 }));
    buffer.add({ kind: 'rx', atMs: 0, bytes: bytes(64) });
    buffer.add({ kind: 'rx', atMs: 0.5, bytes: bytes(64) });
    buffer.add({ kind: 'rx', atMs: 5, bytes: bytes(64) });
    expect(shape(buffer.finish(6))).toEqual(['rx@0 0/128', `mark@6 ${TRACE_LIMIT_MARK}: 1 byte burst (64 bytes) from 5 ms on not recorded`]);
  });

  it('rounds times to the microsecond and ignores empty chunks', () => {
    const buffer = new TraceEventBuffer(limits());
    buffer.add({ kind: 'lines', atMs: 1.23456789, dtr: true, rts: false });
    buffer.add({ kind: 'rx', atMs: 2, bytes: new Uint8Array(0) });
    expect(buffer.events).toEqual([{ kind: 'lines', atMs: 1.235, dtr: true, rts: false }]);
  });
});
