import { parseBootBanner, printableText, type BootBanner } from '../decode/boot-banner';
import type { ObservedBanner } from './derive-types';
import { baudRateTracker } from './derive-uart';
import type { TraceEvent } from './trace';

/**
 * Finds ROM boot banners in the received bytes. The bytes are read in windows that start where
 * the host pulled EN low, so each reset's banner is read on its own; a window with no reset in
 * it (a monitor session where someone pressed EN) may hold several banners, read one by one.
 */
const MAX_WINDOW_CHARS = 16 * 1024;
const MAX_BANNERS_PER_WINDOW = 32;

interface Chunk {
  readonly atMs: number;
  readonly baudRate: number;
  /** Offset of the chunk's first character in the window text. */
  readonly offset: number;
}

interface Window {
  text: string;
  readonly chunks: Chunk[];
}

function splitWindows(events: readonly TraceEvent[], resetStartsMs: readonly number[]): Window[] {
  const windows: Window[] = [{ text: '', chunks: [] }];
  const baudAt = baudRateTracker();
  let nextReset = 0;
  for (const event of events) {
    const baudRate = baudAt(event);
    while (nextReset < resetStartsMs.length && event.atMs >= resetStartsMs[nextReset]!) {
      windows.push({ text: '', chunks: [] });
      nextReset++;
    }
    if (event.kind !== 'rx' || event.bytes.length === 0) continue;
    const window = windows[windows.length - 1]!;
    const room = MAX_WINDOW_CHARS - window.text.length;
    if (room <= 0) continue;
    window.chunks.push({ atMs: event.atMs, baudRate, offset: window.text.length });
    window.text += printableText(event.bytes, room);
  }
  return windows.filter((window) => window.text.length > 0);
}

function chunkAt(chunks: readonly Chunk[], offset: number): Chunk {
  let found = chunks[0]!;
  for (const chunk of chunks) {
    if (chunk.offset > offset) break;
    found = chunk;
  }
  return found;
}

interface Located {
  readonly banner: BootBanner;
  readonly startOffset: number;
  readonly endOffset: number;
}

function locate(text: string, from: number): Located | undefined {
  const rest = text.slice(from);
  const banner = parseBootBanner(rest);
  if (banner === undefined) return undefined;
  const index = rest.indexOf(banner.line);
  const startOffset = from + Math.max(0, index);
  return { banner, startOffset, endOffset: startOffset + Math.max(1, banner.line.length) };
}

function bannersIn(window: Window): ObservedBanner[] {
  const found: ObservedBanner[] = [];
  let current = locate(window.text, 0);
  while (current !== undefined && found.length < MAX_BANNERS_PER_WINDOW) {
    const next = locate(window.text, current.endOffset);
    // Read this banner's follow-up lines ("waiting for download") only up to the next banner.
    const ownText = window.text.slice(current.startOffset, next === undefined ? undefined : next.startOffset);
    const banner = parseBootBanner(ownText) ?? current.banner;
    const chunk = chunkAt(window.chunks, current.endOffset - 1);
    found.push({ atMs: chunk.atMs, baudRate: chunk.baudRate, banner });
    current = next;
  }
  return found;
}

export function findBanners(events: readonly TraceEvent[], resetStartsMs: readonly number[]): ObservedBanner[] {
  return splitWindows(events, resetStartsMs).flatMap(bannersIn);
}
