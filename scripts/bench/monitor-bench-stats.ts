/** Figures for bench:monitor: frame-time percentiles and gaps in the log's sequence numbers. */
export interface FrameStats {
  readonly frames: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Frames that took longer than 50 ms (a visible stall). */
  readonly longFrames: number;
}

const LONG_FRAME_MS = 50;

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

export function frameStats(intervalsMs: readonly number[]): FrameStats {
  const sorted = [...intervalsMs].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    medianMs: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
    longFrames: sorted.filter((interval) => interval > LONG_FRAME_MS).length,
  };
}

/** Lines carry "#<n>" with n increasing by one; counts numbers that never arrived. */
export function countSequenceGaps(text: string): { readonly seen: number; readonly missing: number } {
  let previous: number | undefined;
  let seen = 0;
  let missing = 0;
  for (const match of text.matchAll(/#(\d+)/g)) {
    const value = Number(match[1]);
    if (previous !== undefined && value > previous + 1) missing += value - previous - 1;
    previous = value;
    seen += 1;
  }
  return { seen, missing };
}
