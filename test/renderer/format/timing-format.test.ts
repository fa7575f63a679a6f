import { describe, expect, it } from 'vitest';
import { formatMs, formatMsAt } from '../../../src-renderer/format/time-ms';
import { pngTitle, resetMethodText, strategyLabels } from '../../../src-renderer/format/timing-title';
import { formatTraceTime, mergeSummaries, traceFileName, traceRow } from '../../../src-renderer/format/trace-list';
import { classicDetectEvents, traceSummary } from '../timing-fixtures';

describe('timing formats', () => {
  it('writes durations short, with decimals that match the zoom', () => {
    expect(formatMs(0.84)).toBe('0.8 ms');
    expect(formatMs(104.4)).toBe('104 ms');
    expect(formatMs(2345)).toBe('2.35 s');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMsAt(123.8629, 2)).toBe('123.863 ms');
    expect(formatMsAt(123.8629, 40)).toBe('123.86 ms');
    expect(formatMsAt(123.8629, 200)).toBe('123.9 ms');
    expect(formatMsAt(123.8629, 5000)).toBe('124 ms');
  });

  it('shows a trace as a list row', () => {
    const now = new Date('2026-11-21T10:05:00.000Z');
    const row = traceRow(traceSummary({ resetCount: 3, outcome: 'failed', durationMs: 2400 }), now);
    expect(row).toMatchObject({ source: 'Detect', port: 'sim:esp32', outcome: 'failed', outcomeLabel: 'Failed', resets: '3 resets', duration: '2.40 s' });
    expect(row.time).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(traceRow(traceSummary({ resetCount: 1 }), now).resets).toBe('1 reset');
    expect(formatTraceTime('2026-11-19T10:00:00.000Z', now)).toMatch(/^19 Nov \d\d:\d\d$/);
    expect(formatTraceTime('not a date', now)).toBe('not a date');
  });

  it('keeps the list newest first without duplicates, up to a limit', () => {
    const older = traceSummary({ traceId: 'a', startedAtIso: '2026-11-21T09:00:00.000Z' });
    const newer = traceSummary({ traceId: 'b', startedAtIso: '2026-11-21T10:00:00.000Z' });
    const again = { ...older, outcome: 'failed' as const };
    const merged = mergeSummaries([older], [newer, again], 10);
    expect(merged.map((entry) => entry.traceId)).toEqual(['b', 'a']);
    expect(merged[1]!.outcome).toBe('failed');
    expect(mergeSummaries([older, newer], [], 1).map((entry) => entry.traceId)).toEqual(['b']);
  });

  it('names exported files after the port and the local start time', () => {
    const name = traceFileName(traceSummary({ port: '/dev/ttyUSB0' }), 'json');
    expect(name).toMatch(/^reset-trace-ttyUSB0-\d{8}-\d{6}\.json$/);
    expect(traceFileName(traceSummary({ port: 'sim:esp32?faults=no-auto-reset' }), 'png')).toMatch(/^reset-trace-sim-esp32-faults-no-auto-reset-\d{8}-\d{6}\.png$/);
    expect(traceFileName(traceSummary({ port: 'COM3', startedAtIso: 'x' }), 'json')).toBe('reset-trace-COM3-unknown-time.json');
  });

  it('names the reset method from the attempt marks, or the wiring without them', () => {
    const events = classicDetectEvents();
    expect(strategyLabels(events)).toEqual(['Classic reset (50 ms)']);
    expect(resetMethodText(traceSummary(), events)).toBe('Classic reset (50 ms)');
    expect(resetMethodText(traceSummary({ board: { circuit: 'direct', enTimeConstantMs: 10, circuitKnown: true } }), [])).toBe('direct "ck" wiring');
    expect(pngTitle(traceSummary(), events, 'Download mode reached')).toBe('Reset timing: sim:esp32 · ESP32 · Classic reset (50 ms) · Download mode reached');
    expect(pngTitle(traceSummary({ board: { circuit: 'none', enTimeConstantMs: 10, circuitKnown: false } }), [], undefined)).toBe(
      'Reset timing: sim:esp32 · chip unknown · no auto-reset circuit',
    );
  });
});
