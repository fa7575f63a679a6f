import type { BootSample, ObservedBanner, PhaseKind, ResetSegment, TracePhase } from './derive-types';
import type { TraceEvent } from './trace';

/**
 * Phases on the time axis, from the marks the recorder put in the trace. A flash job marks its
 * session phases ('connecting', 'uploading-stub', ...) and each connect attempt ("attempt 2:
 * Classic reset (50 ms)"); an attempt is split further into its reset, the boot banner, and the
 * SYNC tries, from what the trace shows. A trace without marks gets phases from its resets.
 */
const SESSION_PHASE_KINDS: Readonly<Record<string, PhaseKind>> = {
  opening: 'other',
  connecting: 'sync',
  detecting: 'sync',
  'uploading-stub': 'stub-upload',
  'changing-baud': 'baud-change',
  'attaching-flash': 'other',
  erasing: 'data',
  writing: 'data',
  reading: 'data',
  verifying: 'verify',
  resetting: 'reset-after',
  'checking-boot': 'monitor',
  done: 'other',
};

/**
 * Free labels (monitor traces, troubleshooter checks) by the words they contain, first match
 * wins. The monitor marks "reset into app: Hard reset", "ROM baud 74880", "app baud 115200 (...)",
 * "baud 115200", "paused for flashing", "resumed after flashing", "port vanished", "reattached".
 */
const KEYWORD_KINDS: readonly (readonly [RegExp, PhaseKind])[] = [
  [/paused|vanished/i, 'other'],
  [/rom baud|banner/i, 'boot-banner'],
  [/resumed|reattach|app baud|^baud\b|monitor|console|listen/i, 'monitor'],
  [/^reset into/i, 'reset'],
  [/hard reset|run app|reboot/i, 'reset-after'],
  [/reset/i, 'reset'],
  [/sync|connect/i, 'sync'],
  [/stub/i, 'stub-upload'],
  [/baud/i, 'baud-change'],
  [/verif|md5/i, 'verify'],
  [/writ|eras|read|flash/i, 'data'],
];

const ATTEMPT_LABEL = /^attempt (\d+)\b/i;

export function phaseKindOfLabel(label: string): PhaseKind {
  if (ATTEMPT_LABEL.test(label)) return 'reset';
  const known = SESSION_PHASE_KINDS[label];
  if (known !== undefined) return known;
  return KEYWORD_KINDS.find(([pattern]) => pattern.test(label))?.[1] ?? 'other';
}

/** The connect attempt number a mark label names ("attempt 3: ..."), if any. */
export function attemptOfLabel(label: string): number | undefined {
  const match = ATTEMPT_LABEL.exec(label);
  return match === null ? undefined : Number(match[1]);
}

export interface PhaseInputs {
  readonly events: readonly TraceEvent[];
  readonly resets: readonly ResetSegment[];
  readonly boots: readonly BootSample[];
  readonly banners: readonly ObservedBanner[];
  readonly durationMs: number;
}

type Mark = Extract<TraceEvent, { kind: 'mark' }>;

/** Appends phases in order, dropping empty ones and trimming overlaps. */
class PhaseList {
  readonly phases: TracePhase[] = [];

  add(label: string, kind: PhaseKind, startMs: number, endMs: number): void {
    const from = Math.max(startMs, this.phases.at(-1)?.endMs ?? Number.NEGATIVE_INFINITY);
    if (endMs > from) this.phases.push({ label, kind, startMs: from, endMs });
  }
}

function bannerLabel(banner: ObservedBanner): string {
  return `boot banner (${banner.banner.bootModeText}${banner.banner.download ? ', download' : ', flash boot'})`;
}

/** What follows the reset and the banner inside a split phase. */
interface Tail {
  readonly label: string;
  readonly kind: PhaseKind;
  /** The tail starts with the first byte the host sends (SYNC), not when the reset ends. */
  readonly fromFirstTx: boolean;
}

/**
 * A mark that starts with a reset (a connect attempt, a monitor reset) is split into the reset
 * (until EN crossed the threshold), the boot banner, and what follows. `lastMark`: events at the
 * very end of the trace still belong to the last phase.
 */
function splitReset(list: PhaseList, mark: Mark, endMs: number, lastMark: boolean, inputs: PhaseInputs, tail: Tail): void {
  const startMs = mark.atMs;
  const inPhase = (atMs: number): boolean => atMs >= startMs && (atMs < endMs || (lastMark && atMs <= endMs));
  const lineTimes = inputs.events.filter((event) => event.kind === 'lines' && inPhase(event.atMs)).map((event) => event.atMs);
  const reset = inputs.resets.find((segment) => inPhase(segment.startMs));
  const boot = reset === undefined ? undefined : inputs.boots.find((sample) => sample.atMs >= reset.endMs && sample.atMs < endMs);
  const banner = inputs.banners.find((found) => inPhase(found.atMs));
  if (lineTimes.length === 0) {
    // No reset (no-reset strategy, or a port without line control): all of it is the tail.
    list.add(mark.label, tail.kind, startMs, endMs);
    return;
  }
  const firstTxMs = inputs.events.find((event) => event.kind === 'tx' && inPhase(event.atMs))?.atMs;
  const resetEndMs = Math.max(boot?.atMs ?? reset?.endMs ?? lineTimes.at(-1)!, startMs);
  const tailStartMs = tail.fromFirstTx ? (firstTxMs ?? endMs) : Math.max(resetEndMs, banner?.atMs ?? resetEndMs);
  if (banner !== undefined) {
    const bannerStartMs = Math.min(boot?.atMs ?? banner.atMs, banner.atMs, tailStartMs);
    list.add(mark.label, 'reset', startMs, bannerStartMs);
    list.add(bannerLabel(banner), 'boot-banner', bannerStartMs, tailStartMs);
  } else {
    list.add(mark.label, 'reset', startMs, tail.fromFirstTx ? tailStartMs : resetEndMs);
  }
  list.add(tail.label, tail.kind, tail.fromFirstTx ? tailStartMs : Math.max(tailStartMs, resetEndMs), endMs);
}

function phasesFromResets(inputs: PhaseInputs): TracePhase[] {
  const list = new PhaseList();
  inputs.resets.forEach((reset, index) => {
    const nextStartMs = inputs.resets[index + 1]?.startMs ?? Number.POSITIVE_INFINITY;
    const boot = inputs.boots.find((sample) => sample.atMs >= reset.endMs && sample.atMs < nextStartMs);
    const resetEndMs = Math.min(boot?.atMs ?? reset.endMs, nextStartMs, inputs.durationMs);
    list.add('reset', 'reset', reset.startMs, resetEndMs);
    const banner = inputs.banners.find((found) => found.atMs >= resetEndMs && found.atMs < nextStartMs);
    if (banner !== undefined) list.add(bannerLabel(banner), 'boot-banner', resetEndMs, banner.atMs);
  });
  return list.phases;
}

export function derivePhases(inputs: PhaseInputs): TracePhase[] {
  const marks = inputs.events.filter((event): event is Mark => event.kind === 'mark');
  if (marks.length === 0) return phasesFromResets(inputs);
  const list = new PhaseList();
  marks.forEach((mark, index) => {
    const endMs = Math.max(mark.atMs, marks[index + 1]?.atMs ?? inputs.durationMs);
    const lastMark = index === marks.length - 1;
    const attempt = attemptOfLabel(mark.label);
    const kind = phaseKindOfLabel(mark.label);
    if (attempt !== undefined) {
      splitReset(list, mark, endMs, lastMark, inputs, { label: `sync (attempt ${attempt})`, kind: 'sync', fromFirstTx: true });
    } else if (kind === 'reset') {
      splitReset(list, mark, endMs, lastMark, inputs, { label: 'monitor', kind: 'monitor', fromFirstTx: false });
    } else {
      list.add(mark.label, kind, mark.atMs, endMs);
    }
  });
  return list.phases;
}
