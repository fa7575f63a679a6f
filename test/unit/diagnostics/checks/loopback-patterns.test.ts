import { describe, expect, it } from 'vitest';
import {
  highestCleanBaudRate,
  loopbackPatterns,
  loopbackRow,
  loopbackVerdict,
  scorePattern,
} from '../../../../src-main/diagnostics/checks/loopback-patterns';
import type { LoopbackRow } from '../../../../src-shared/ipc/troubleshoot';

const row = (baudRate: number, errorBytes: number, receivedBytes = 1000, sentBytes = 1000): LoopbackRow => ({
  baudRate,
  sentBytes,
  receivedBytes,
  errorBytes,
  errorRate: errorBytes / sentBytes,
});

describe('loopbackPatterns', () => {
  it('four patterns of the requested size: alternating bits, extremes, counting, pseudo-random', () => {
    const patterns = loopbackPatterns(512);
    expect(patterns.map((pattern) => pattern.name)).toEqual(['0x55/0xAA', '0x00/0xFF', 'counting', 'pseudo-random']);
    for (const pattern of patterns) expect(pattern.bytes.length).toBe(512);
    expect([...patterns[0]!.bytes.subarray(0, 4)]).toEqual([0x55, 0xaa, 0x55, 0xaa]);
    expect([...patterns[1]!.bytes.subarray(0, 4)]).toEqual([0x00, 0xff, 0x00, 0xff]);
    expect(patterns[2]!.bytes[255]).toBe(255);
    expect(patterns[2]!.bytes[256]).toBe(0);
  });

  it('the pseudo-random pattern repeats for a seed, covers most byte values and differs between seeds', () => {
    const first = loopbackPatterns(4096, 7)[3]!.bytes;
    expect(loopbackPatterns(4096, 7)[3]!.bytes).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(240);
    expect(loopbackPatterns(4096, 8)[3]!.bytes).not.toEqual(first);
  });
});

describe('scorePattern', () => {
  const sent = Uint8Array.from([1, 2, 3, 4, 5, 6]);

  it('an exact echo has no errors', () => {
    expect(scorePattern(sent, sent.slice())).toEqual({ sentBytes: 6, receivedBytes: 6, errorBytes: 0 });
  });

  it('counts wrong bytes in place', () => {
    expect(scorePattern(sent, Uint8Array.from([1, 2, 0x83, 4, 5, 7])).errorBytes).toBe(2);
  });

  it('counts missing and extra bytes', () => {
    expect(scorePattern(sent, Uint8Array.from([1, 2, 3, 4]))).toEqual({ sentBytes: 6, receivedBytes: 4, errorBytes: 2 });
    expect(scorePattern(sent, Uint8Array.from([1, 2, 3, 4, 5, 6, 9])).errorBytes).toBe(1);
    expect(scorePattern(sent, new Uint8Array(0)).errorBytes).toBe(6);
  });

  it('a lost byte in the middle makes the rest wrong (framing lost)', () => {
    expect(scorePattern(sent, Uint8Array.from([1, 2, 4, 5, 6])).errorBytes).toBe(4);
  });
});

describe('loopbackRow and highestCleanBaudRate', () => {
  it('sums the patterns of one rate', () => {
    const summed = loopbackRow(921600, [
      { sentBytes: 100, receivedBytes: 100, errorBytes: 1 },
      { sentBytes: 100, receivedBytes: 98, errorBytes: 3 },
    ]);
    expect(summed).toEqual({ baudRate: 921600, sentBytes: 200, receivedBytes: 198, errorBytes: 4, errorRate: 0.02 });
  });

  it('is the top of the unbroken run of clean rates from the lowest', () => {
    expect(highestCleanBaudRate([row(460800, 0), row(115200, 0), row(921600, 3), row(2000000, 0)])).toBe(460800);
    expect(highestCleanBaudRate([row(115200, 1), row(230400, 0)])).toBeUndefined();
    expect(highestCleanBaudRate([row(115200, 0, 999)])).toBeUndefined();
  });
});

describe('loopbackVerdict', () => {
  it('clean everywhere', () => {
    expect(loopbackVerdict([row(115200, 0), row(2000000, 0)])).toEqual({
      ok: true,
      verdict: 'Clean at every rate up to 2000000 baud: the adapter and the TX-RX jumper are fine.',
      highestCleanBaudRate: 2000000,
    });
  });

  it('errors from a rate on: names the last clean rate and the first bad one', () => {
    const verdict = loopbackVerdict([row(115200, 0), row(921600, 0), row(1500000, 5), row(2000000, 40)]);
    expect(verdict.verdict).toBe('Clean up to 921600 baud; errors from 1500000 (0.5 % of bytes): use 921600 or lower.');
    expect(verdict.highestCleanBaudRate).toBe(921600);
  });

  it('nothing back at all', () => {
    expect(loopbackVerdict([row(115200, 1000, 0)])).toEqual({ ok: false, verdict: 'Nothing came back: TX and RX are not joined, or the adapter is broken.' });
  });

  it('errors even at the lowest rate', () => {
    const verdict = loopbackVerdict([row(115200, 20), row(230400, 50)]);
    expect(verdict.ok).toBe(false);
    expect(verdict.verdict).toMatch(/^Errors even at 115200 baud \(2\.0 % of bytes wrong or missing\)/);
  });
});
