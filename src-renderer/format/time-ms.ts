/** Times on the reset timing chart: milliseconds from the start of the recording. */

/** Short figures for lists and labels: "0.8 ms", "104 ms", "2.35 s". */
export function formatMs(durationMs: number): string {
  const size = Math.abs(durationMs);
  if (size < 10) return `${durationMs.toFixed(1)} ms`;
  if (size < 1000) return `${Math.round(durationMs)} ms`;
  return `${(durationMs / 1000).toFixed(size < 10_000 ? 2 : 1)} s`;
}

/** Decimals worth showing when the visible window is this wide (cursor readouts, axis ticks). */
export function decimalsForSpan(spanMs: number): number {
  if (spanMs < 5) return 3;
  if (spanMs < 50) return 2;
  if (spanMs < 500) return 1;
  return 0;
}

/** "12.34 ms" with as many decimals as the zoom level makes meaningful. */
export function formatMsAt(atMs: number, spanMs: number): string {
  return `${atMs.toFixed(decimalsForSpan(spanMs))} ms`;
}

/** Axis labels: one decimal fewer than the cursors need ("50 ms", "112.5 ms", "0.25 ms"). */
export function formatTick(atMs: number, spanMs: number): string {
  return `${atMs.toFixed(Math.max(decimalsForSpan(spanMs) - 1, 0))} ms`;
}
