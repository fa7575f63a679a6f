import { computed, ref, shallowRef, watch } from 'vue';
import { deriveTrace, type DerivedTrace } from '../../../src-shared/reset/derive-trace';
import type { CircuitKind } from '../../../src-shared/reset/circuits';
import { DEFAULT_EN_THRESHOLD, TYPICAL_EN_TIME_CONSTANT_MS } from '../../../src-shared/reset/en-timing';
import { measureResets } from '../../../src-shared/reset/reset-measurements';
import { referenceWaveform, type ReferenceKind } from '../../../src-shared/reset/reference-waveforms';
import { resetVerdict } from '../../../src-shared/reset/reset-verdict';
import { useTracesStore } from '../../stores/traces-store';
import { referenceOffsetMs, type ReferenceOverlay } from './chart-series';
import type { CursorPair, HighlightSpan } from './overlay-state';
import { measurementSpans, resetChoices, type MeasurementSpan } from './reset-choices';
import { closeUpRange, sessionBounds, type TimeRange } from './zoom-math';

export type TimingViewMode = 'close-up' | 'session';
export type ReferenceChoice = ReferenceKind | 'none';
export type ReferenceLayout = 'overlay' | 'side-by-side';

function shift(range: TimeRange, deltaMs: number): TimeRange {
  return { minMs: range.minMs + deltaMs, maxMs: range.maxMs + deltaMs };
}

function deriveSafely(derive: () => DerivedTrace): DerivedTrace | undefined {
  try {
    return derive();
  } catch (error) {
    console.warn('could not derive the trace', error);
    return undefined;
  }
}

/**
 * The timing view's state: the selected trace derived into channels, the reset close-up or the
 * whole session, the visible window and cursors, the reference waveform and the verdict.
 */
export function useTimingState() {
  const traces = useTracesStore();
  const mode = ref<TimingViewMode>('close-up');
  const resetIndex = ref(0);
  const range = shallowRef<TimeRange>({ minMs: 0, maxMs: 1 });
  const cursors = shallowRef<CursorPair>({});
  const highlight = shallowRef<HighlightSpan | undefined>(undefined);
  const referenceKind = ref<ReferenceChoice>('none');
  const referenceLayout = ref<ReferenceLayout>('overlay');
  const threshold = DEFAULT_EN_THRESHOLD;

  /**
   * The wiring the user says the board has, when the trace could only assume one (a real port:
   * the host cannot see the board's circuit). Cleared when another trace is shown.
   */
  const circuitOverride = ref<CircuitKind | undefined>(undefined);
  /** The selected trace, with the user's choice of wiring applied to its board. */
  const trace = computed(() => {
    const selected = traces.selected;
    const circuit = circuitOverride.value;
    if (selected === undefined || circuit === undefined || selected.summary.board.circuitKnown) return selected;
    const assumedRc = selected.summary.board.enTimeConstantMs > 0 ? selected.summary.board.enTimeConstantMs : TYPICAL_EN_TIME_CONSTANT_MS;
    // The chip's own USB peripheral resets it digitally; other wirings pull EN through its RC.
    const board = { ...selected.summary.board, circuit, enTimeConstantMs: circuit === 'usb-serial-jtag' ? 0 : assumedRc };
    return { ...selected, summary: { ...selected.summary, board } };
  });
  const derived = computed(() => {
    const selected = trace.value;
    return selected === undefined ? undefined : deriveSafely(() => deriveTrace(selected.events, selected.summary.board));
  });
  const measurements = computed(() => (derived.value === undefined ? [] : measureResets(derived.value)));
  const choices = computed(() => (derived.value === undefined ? [] : resetChoices(derived.value, measurements.value)));
  const choice = computed(() => choices.value[resetIndex.value]);
  const spans = computed<MeasurementSpan[]>(() => {
    const current = choice.value;
    return current === undefined ? [] : measurementSpans(current, measurements.value.find((entry) => entry.resetIndex === current.index));
  });
  const bounds = computed(() => sessionBounds(derived.value?.durationMs ?? 1));
  const closeUp = computed(() => mode.value === 'close-up' && choice.value !== undefined);
  const home = computed<TimeRange>(() => (closeUp.value && choice.value !== undefined ? choice.value.range : bounds.value));
  const verdict = computed(() => (trace.value === undefined || derived.value === undefined ? undefined : resetVerdict(trace.value, derived.value)));

  const reference = computed(() => (referenceKind.value === 'none' ? undefined : referenceWaveform(referenceKind.value)));
  const referenceDerived = computed(() => {
    const waveform = reference.value;
    return waveform === undefined ? undefined : deriveSafely(() => deriveTrace(waveform.events, waveform.board));
  });
  /** The reference's first reset starts where the shown reset (or the session's first) does. */
  const referenceShiftMs = computed(() => {
    const refDerived = referenceDerived.value;
    const alignAtMs = choice.value?.segment.startMs ?? derived.value?.resets[0]?.startMs ?? 0;
    return refDerived === undefined ? 0 : referenceOffsetMs(refDerived, alignAtMs);
  });
  const overlay = computed<ReferenceOverlay | undefined>(() =>
    referenceLayout.value === 'overlay' && referenceDerived.value !== undefined ? { derived: referenceDerived.value, offsetMs: referenceShiftMs.value } : undefined,
  );
  /** Side by side: the reference in its own chart, following the main chart's window. */
  const sideBySide = computed(() => {
    const refDerived = referenceDerived.value;
    if (referenceLayout.value !== 'side-by-side' || refDerived === undefined) return undefined;
    const offset = referenceShiftMs.value;
    return { derived: refDerived, range: shift(range.value, -offset), bounds: shift(bounds.value, -offset), home: shift(home.value, -offset) };
  });

  function resetZoom(): void {
    range.value = home.value;
  }

  function setRange(next: TimeRange): void {
    range.value = next;
  }

  /** Side-by-side chart zoomed or panned: move the main window with it. */
  function setReferenceRange(next: TimeRange): void {
    range.value = shift(next, referenceShiftMs.value);
  }

  function setCursors(next: CursorPair): void {
    cursors.value = next;
    highlight.value = undefined;
  }

  /** One-click measurement: cursors on the span, shaded, and in view. */
  function measure(span: MeasurementSpan): void {
    cursors.value = { a: span.startMs, b: span.endMs };
    highlight.value = { label: span.label, startMs: span.startMs, endMs: span.endMs };
    if (span.startMs < range.value.minMs || span.endMs > range.value.maxMs) {
      range.value = closeUpRange({ minMs: span.startMs, maxMs: span.endMs }, bounds.value);
    }
  }

  function showReset(index: number): void {
    resetIndex.value = index;
    mode.value = 'close-up';
  }

  /** A newly shown trace opens on the reset that reached download mode (or the first one). */
  watch(
    () => traces.selected?.summary.traceId,
    () => {
      circuitOverride.value = undefined;
    },
  );
  watch(
    () => [trace.value?.summary.traceId, circuitOverride.value] as const,
    () => {
      const booted = choices.value.findIndex((entry) => entry.bootedDownload === true);
      resetIndex.value = Math.max(booted, 0);
      cursors.value = {};
      highlight.value = undefined;
      range.value = home.value;
    },
    { immediate: true },
  );
  watch([mode, resetIndex], () => {
    highlight.value = undefined;
    range.value = home.value;
  });

  return {
    traces,
    trace,
    mode,
    resetIndex,
    range,
    cursors,
    highlight,
    referenceKind,
    referenceLayout,
    circuitOverride,
    threshold,
    derived,
    measurements,
    choices,
    choice,
    spans,
    bounds,
    home,
    verdict,
    reference,
    overlay,
    sideBySide,
    resetZoom,
    setRange,
    setReferenceRange,
    setCursors,
    measure,
    showReset,
  };
}

export type TimingState = ReturnType<typeof useTimingState>;
