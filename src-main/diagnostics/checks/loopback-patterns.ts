import type { LoopbackRow } from '../../../src-shared/ipc/troubleshoot';

/**
 * The loopback test's pure parts: the byte patterns sent, how received bytes are scored against
 * them, and the verdict in words. Each pattern stresses something different: 0x55/0xAA toggles
 * every bit (the fastest edges), 0x00/0xFF holds the line low or high for a whole byte (clock
 * drift), counting covers every byte value, and pseudo-random catches pattern-dependent errors.
 */
export interface LoopbackPattern {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export const DEFAULT_PATTERN_BYTES = 4096;

export function loopbackPatterns(sizeBytes = DEFAULT_PATTERN_BYTES, seed = 0x2545f491): LoopbackPattern[] {
  const alternating = new Uint8Array(sizeBytes).map((_, index) => (index % 2 === 0 ? 0x55 : 0xaa));
  const extremes = new Uint8Array(sizeBytes).map((_, index) => (index % 2 === 0 ? 0x00 : 0xff));
  const counting = new Uint8Array(sizeBytes).map((_, index) => index & 0xff);
  const random = new Uint8Array(sizeBytes);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < sizeBytes; index++) {
    // xorshift32: cheap, repeatable, and not periodic within a few KB.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    random[index] = state & 0xff;
  }
  return [
    { name: '0x55/0xAA', bytes: alternating },
    { name: '0x00/0xFF', bytes: extremes },
    { name: 'counting', bytes: counting },
    { name: 'pseudo-random', bytes: random },
  ];
}

export interface PatternScore {
  readonly sentBytes: number;
  readonly receivedBytes: number;
  /** Bytes that differ at their position, plus bytes missing, plus bytes beyond what was sent. */
  readonly errorBytes: number;
}

/**
 * Scores bytes read back against bytes sent, position by position. A lost byte shifts the rest,
 * which counts everything after it as wrong: on a serial link that is right, since a receiver
 * that lost framing has lost the data too.
 */
export function scorePattern(sent: Uint8Array, received: Uint8Array): PatternScore {
  const compared = Math.min(sent.length, received.length);
  let wrong = 0;
  for (let index = 0; index < compared; index++) if (sent[index] !== received[index]) wrong += 1;
  const missing = Math.max(0, sent.length - received.length);
  const extra = Math.max(0, received.length - sent.length);
  return { sentBytes: sent.length, receivedBytes: received.length, errorBytes: wrong + missing + extra };
}

export function loopbackRow(baudRate: number, scores: readonly PatternScore[]): LoopbackRow {
  const sentBytes = scores.reduce((sum, score) => sum + score.sentBytes, 0);
  const receivedBytes = scores.reduce((sum, score) => sum + score.receivedBytes, 0);
  const errorBytes = scores.reduce((sum, score) => sum + score.errorBytes, 0);
  return { baudRate, sentBytes, receivedBytes, errorBytes, errorRate: sentBytes === 0 ? 0 : errorBytes / sentBytes };
}

const isClean = (row: LoopbackRow): boolean => row.errorBytes === 0 && row.receivedBytes === row.sentBytes;

/** The highest rate below which every tested rate was clean (undefined: not even the lowest). */
export function highestCleanBaudRate(rows: readonly LoopbackRow[]): number | undefined {
  const sorted = [...rows].sort((a, b) => a.baudRate - b.baudRate);
  let highest: number | undefined;
  for (const row of sorted) {
    if (!isClean(row)) break;
    highest = row.baudRate;
  }
  return highest;
}

export interface LoopbackVerdict {
  readonly ok: boolean;
  readonly verdict: string;
  readonly highestCleanBaudRate?: number;
}

/** "2.0 %", "0.5 %", "0.031 %": two significant digits below 1 %. */
function percent(rate: number): string {
  const value = rate * 100;
  return value >= 1 ? `${value.toFixed(1)} %` : `${Number(value.toPrecision(2))} %`;
}

export function loopbackVerdict(rows: readonly LoopbackRow[]): LoopbackVerdict {
  if (rows.length === 0) return { ok: false, verdict: 'No baud rate was tested.' };
  if (rows.every((row) => row.receivedBytes === 0)) {
    return { ok: false, verdict: 'Nothing came back: TX and RX are not joined, or the adapter is broken.' };
  }
  const sorted = [...rows].sort((a, b) => a.baudRate - b.baudRate);
  const highest = highestCleanBaudRate(sorted);
  const top = sorted[sorted.length - 1]!;
  if (highest === top.baudRate) {
    return { ok: true, verdict: `Clean at every rate up to ${top.baudRate} baud: the adapter and the TX-RX jumper are fine.`, highestCleanBaudRate: highest };
  }
  if (highest === undefined) {
    const first = sorted[0]!;
    return {
      ok: false,
      verdict: `Errors even at ${first.baudRate} baud (${percent(first.errorRate)} of bytes wrong or missing): check the jumper between TX and RX, the cable and the adapter.`,
    };
  }
  const firstBad = sorted.find((row) => row.baudRate > highest)!;
  return {
    ok: true,
    verdict: `Clean up to ${highest} baud; errors from ${firstBad.baudRate} (${percent(firstBad.errorRate)} of bytes): use ${highest} or lower.`,
    highestCleanBaudRate: highest,
  };
}
