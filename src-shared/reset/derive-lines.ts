import type { TraceBoard } from '../ipc/traces';
import type { BootSample, DeriveOptions, DigitalChannel } from './derive-types';
import { ChannelBuilder } from './digital-channel';
import { ResetTimingModel, type EnSegment, type ResetEvent } from './en-timing';
import { LINES_RELEASED } from './lines';
import type { TraceEvent } from './trace';

/**
 * Replays the host's line writes through the board's circuit and EN RC, using the same
 * ResetTimingModel the virtual boards run, so the chart shows what the simulator did.
 */
export interface LineReplay {
  readonly dtr: DigitalChannel;
  readonly rts: DigitalChannel;
  readonly en: DigitalChannel;
  readonly gpio0: DigitalChannel;
  /** EN curve pieces in time order (held at 0 V, or charging from a level). */
  readonly enSegments: readonly EnSegment[];
  readonly boots: readonly BootSample[];
  /** Host-held EN low stretches; endMs is undefined while still held at the end of the trace. */
  readonly holds: readonly { readonly startMs: number; readonly endMs?: number }[];
}

export function replayLines(events: readonly TraceEvent[], board: TraceBoard, options: DeriveOptions = {}): LineReplay {
  const model = new ResetTimingModel(
    {
      circuit: board.circuit,
      enTimeConstantMs: board.enTimeConstantMs,
      ...(options.enThreshold === undefined ? {} : { enThreshold: options.enThreshold }),
    },
    LINES_RELEASED,
    0,
  );
  const dtr = new ChannelBuilder('DTR', 1);
  const rts = new ChannelBuilder('RTS', 1);
  const en = new ChannelBuilder('EN', model.holdingReset ? 0 : 1);
  const gpio0 = new ChannelBuilder('GPIO0', model.circuitState.drive.bootLow ? 0 : 1);
  const enSegments: EnSegment[] = [model.currentSegment];
  const boots: BootSample[] = [];
  const holds: { startMs: number; endMs?: number }[] = [];
  const gapMs = options.lineWriteGapMs ?? 0;
  let lastWriteAtMs = Number.NEGATIVE_INFINITY;

  const handle = (resetEvents: readonly ResetEvent[]): void => {
    for (const event of resetEvents) {
      if (event.kind === 'boot') {
        boots.push({ atMs: event.atMs, download: event.download });
        en.set(event.atMs, 1);
      } else {
        en.set(event.atMs, 0);
      }
    }
  };

  for (const event of events) {
    if (event.kind !== 'lines') continue;
    const atMs = Math.max(event.atMs, lastWriteAtMs + gapMs);
    lastWriteAtMs = atMs;
    const segmentBefore = model.currentSegment;
    const wasHeld = model.circuitState.drive.enLow;
    handle(model.applyLines(atMs, { dtr: event.dtr, rts: event.rts }));
    const drive = model.circuitState.drive;
    dtr.set(atMs, event.dtr ? 0 : 1);
    rts.set(atMs, event.rts ? 0 : 1);
    gpio0.set(atMs, drive.bootLow ? 0 : 1);
    if (model.currentSegment !== segmentBefore) enSegments.push(model.currentSegment);
    if (drive.enLow && !wasHeld) holds.push({ startMs: atMs });
    const open = holds.at(-1);
    if (!drive.enLow && wasHeld && open !== undefined) open.endMs = atMs;
  }
  // A release just before the trace ended still boots the chip: the lines stay as they were.
  handle(model.advanceTo(Number.POSITIVE_INFINITY));

  return { dtr: dtr.build(), rts: rts.build(), en: en.build(), gpio0: gpio0.build(), enSegments, boots, holds };
}
