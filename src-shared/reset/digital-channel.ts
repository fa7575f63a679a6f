import type { ChannelName, DigitalChannel, DigitalEdge } from './derive-types';

/**
 * Collects the edges of one digital channel. A change back to the previous level at the very
 * same time cancels the edge, so zero-width glitches (two writes recorded at one instant) do not
 * show up as pulses nobody could see.
 */
export class ChannelBuilder {
  private readonly edges: DigitalEdge[] = [];
  private current: 0 | 1;

  constructor(
    private readonly name: ChannelName,
    private readonly initialLevel: 0 | 1,
  ) {
    this.current = initialLevel;
  }

  get level(): 0 | 1 {
    return this.current;
  }

  set(atMs: number, level: 0 | 1): void {
    if (level === this.current) return;
    const last = this.edges.at(-1);
    if (last !== undefined && last.atMs === atMs) this.edges.pop();
    else this.edges.push({ atMs, level });
    this.current = level;
  }

  build(): DigitalChannel {
    return { name: this.name, initialLevel: this.initialLevel, edges: this.edges };
  }
}

/** Level of a channel at a time; an edge at exactly `atMs` counts as already happened. */
export function levelAt(channel: DigitalChannel, atMs: number): 0 | 1 {
  let level = channel.initialLevel;
  for (const edge of channel.edges) {
    if (edge.atMs > atMs) break;
    level = edge.level;
  }
  return level;
}

/**
 * The stretch around `atMs` during which the channel stays at one level: from the last edge at
 * or before `atMs` (or -Infinity) to the next edge after it (or +Infinity). With `strictlyBefore`
 * an edge exactly at `atMs` has not happened yet: the level just before the instant.
 */
export function stretchAround(
  channel: DigitalChannel,
  atMs: number,
  strictlyBefore = false,
): { readonly level: 0 | 1; readonly fromMs: number; readonly toMs: number } {
  let level = channel.initialLevel;
  let fromMs = Number.NEGATIVE_INFINITY;
  for (const edge of channel.edges) {
    if (edge.atMs > atMs || (strictlyBefore && edge.atMs === atMs)) return { level, fromMs, toMs: edge.atMs };
    level = edge.level;
    fromMs = edge.atMs;
  }
  return { level, fromMs, toMs: Number.POSITIVE_INFINITY };
}
