import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../../src-shared/diagnose/diagnosis';
import { CAUSE_LABELS, CHECKS, attemptFromMessage, formatBaudRate, formatErrorRate, formatFlashBytes } from '../../../src-renderer/format/troubleshoot-text';
import { traceForFailure } from '../../../src-renderer/format/troubleshoot-trace';
import { traceSummary } from '../timing-fixtures';

describe('troubleshoot words', () => {
  it('names every cause and lists the six checks once each', () => {
    for (const cause of CAUSE_IDS) expect(CAUSE_LABELS[cause]).toMatch(/\w/);
    expect(new Set(CHECKS.map((check) => check.kind)).size).toBe(6);
  });

  it('formats error rates, baud rates and flash sizes', () => {
    expect(formatErrorRate(0)).toBe('0 %');
    expect(formatErrorRate(130 / 4096)).toBe('3.17 %');
    expect(formatErrorRate(0.5)).toBe('50 %');
    expect(formatErrorRate(0.000001)).toBe('0.00010 %');
    expect(formatBaudRate(921600)).toBe('921\u202f600');
    expect(formatBaudRate(9600)).toBe('9\u202f600');
    expect(formatFlashBytes(4 * 1024 * 1024)).toBe('4MB');
    expect(formatFlashBytes(512 * 1024)).toBe('512KB');
  });

  it('reads the try number from manual bootloader progress', () => {
    expect(attemptFromMessage('Attempt 4 of 30: no answer yet')).toBe(4);
    expect(attemptFromMessage('try #12')).toBe(12);
    expect(attemptFromMessage('Waiting for the chip')).toBeUndefined();
  });

  it('finds the trace of a failure: same port and code first, then newest on the port', () => {
    const summaries = [
      traceSummary({ traceId: 'a', port: 'sim:esp32', errorCode: 'connect.no-data', startedAtIso: '2026-11-21T10:00:00Z' }),
      traceSummary({ traceId: 'b', port: 'sim:esp32', startedAtIso: '2026-11-21T10:02:00Z' }),
      traceSummary({ traceId: 'c', port: 'sim:esp32', errorCode: 'connect.no-data', startedAtIso: '2026-11-21T10:01:00Z' }),
      traceSummary({ traceId: 'd', port: '/dev/ttyUSB0', errorCode: 'connect.no-data', startedAtIso: '2026-11-21T10:03:00Z' }),
    ];
    expect(traceForFailure(summaries, 'sim:esp32', 'connect.no-data')?.traceId).toBe('c');
    expect(traceForFailure(summaries, 'sim:esp32', 'port.busy')?.traceId).toBe('b');
    expect(traceForFailure(summaries, 'sim:esp8266', 'connect.no-data')).toBeUndefined();
    expect(traceForFailure(summaries, undefined, 'connect.no-data')).toBeUndefined();
  });
});
