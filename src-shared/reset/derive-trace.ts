import type { TraceBoard } from '../ipc/traces';
import { findBanners } from './derive-banners';
import { replayLines } from './derive-lines';
import { attemptOfLabel, derivePhases } from './derive-phases';
import type { DeriveOptions, DerivedTrace, ResetSegment } from './derive-types';
import { replayUart } from './derive-uart';
import { sampleEnCurve } from './en-analog';
import type { TraceEvent } from './trace';

export type {
  AnalogPoint,
  BootSample,
  ChannelName,
  DeriveOptions,
  DerivedTrace,
  DigitalChannel,
  DigitalEdge,
  ObservedBanner,
  PhaseKind,
  ResetSegment,
  TracePhase,
} from './derive-types';
export { CHANNEL_NAMES } from './derive-types';

/**
 * Turns a recorded trace into the six channels a logic analyzer on DTR, RTS, EN, GPIO0, TXD and
 * RXD would have shown, plus the EN voltage, the moments the chip sampled its boot strap, the
 * host's reset pulses, phases and the boot banners it printed. EN and GPIO0 are not measured:
 * they follow from the host's line writes through the board's circuit (board.circuit) and EN RC
 * (board.enTimeConstantMs), with the same model the virtual boards run. See derive-types.ts for
 * the level conventions (an asserted DTR or RTS shows as 0, like the pin).
 */
export function deriveTrace(events: readonly TraceEvent[], board: TraceBoard, options: DeriveOptions = {}): DerivedTrace {
  // Stable sort: events recorded at the same millisecond keep their recorded order.
  const sorted = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.atMs - b.event.atMs || a.index - b.index)
    .map(({ event }) => event);
  const lines = replayLines(sorted, board, options);
  const uart = replayUart(sorted);
  const lastEventMs = sorted.at(-1)?.atMs ?? 0;
  const durationMs = Math.max(lastEventMs, uart.lastBurstEndMs, lines.boots.at(-1)?.atMs ?? 0);

  const marks = sorted.filter((event): event is Extract<TraceEvent, { kind: 'mark' }> => event.kind === 'mark');
  const attemptAt = (atMs: number): number | undefined => {
    const mark = marks.filter((candidate) => candidate.atMs <= atMs).at(-1);
    return mark === undefined ? undefined : attemptOfLabel(mark.label);
  };
  const resets: ResetSegment[] = lines.holds.map((hold) => {
    const attempt = attemptAt(hold.startMs);
    return {
      startMs: hold.startMs,
      endMs: hold.endMs ?? durationMs,
      ...(attempt === undefined ? {} : { attempt }),
      ...(hold.endMs === undefined ? { unreleased: true } : {}),
    };
  });
  const banners = findBanners(
    sorted,
    resets.map((reset) => reset.startMs),
  );
  const phases = derivePhases({ events: sorted, resets, boots: lines.boots, banners, durationMs });

  return {
    channels: { DTR: lines.dtr, RTS: lines.rts, EN: lines.en, GPIO0: lines.gpio0, TXD: uart.txd, RXD: uart.rxd },
    enAnalog: sampleEnCurve(lines.enSegments, board.enTimeConstantMs, durationMs),
    boots: lines.boots,
    resets,
    phases,
    banners,
    durationMs,
  };
}
