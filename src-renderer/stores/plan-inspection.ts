import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import type { EspCompanionApi } from '../api';
import type { ChipId } from '../../src-shared/chips';
import type { EspErrorData } from '../../src-shared/errors';
import type { InspectFilesResult } from '../../src-shared/ipc/files';
import { debounce } from './debounce';
import { errorData } from './error-data';
import { toSpec, type FirmwareEntry } from './firmware-entry';

/** Quiet time after the last change to files, offsets or chip before the plan is inspected again. */
export const INSPECT_DELAY_MS = 250;

export interface PlanInspectionInputs {
  readonly entries: Readonly<Ref<readonly FirmwareEntry[]>>;
  readonly chip: () => ChipId;
  readonly flashSizeBytes: () => number | undefined;
  /** Called with the entries that were inspected and what the services said about them. */
  readonly apply: (inspected: readonly FirmwareEntry[], result: InspectFilesResult) => void;
}

/**
 * Asks the services what the files are and what is wrong with the plan (files:inspect-files)
 * whenever files, offsets or the chip change, debounced; late answers to older plans are dropped.
 */
export function usePlanInspection(api: EspCompanionApi, inputs: PlanInspectionInputs) {
  const warnings = shallowRef<readonly string[]>([]);
  const blocking = shallowRef<EspErrorData | undefined>(undefined);
  const failure = shallowRef<EspErrorData | undefined>(undefined);
  const inspecting = ref(false);
  const inspectedKey = ref<string | undefined>(undefined);
  let sequence = 0;

  const planKey = computed(() => {
    const files = inputs.entries.value.map((entry) => `${entry.id}@${entry.offset}`).join(',');
    return `${inputs.chip()}|${inputs.flashSizeBytes() ?? ''}|${files}`;
  });
  const upToDate = computed(() => !inspecting.value && inspectedKey.value === planKey.value);

  async function inspectNow(): Promise<void> {
    later.cancel();
    const key = planKey.value;
    const snapshot = inputs.entries.value;
    const seq = ++sequence;
    if (snapshot.length === 0) {
      warnings.value = [];
      blocking.value = undefined;
      failure.value = undefined;
      inspecting.value = false;
      inspectedKey.value = key;
      return;
    }
    inspecting.value = true;
    const flashSizeBytes = inputs.flashSizeBytes();
    try {
      const result = await api.files.inspect({
        files: snapshot.map(toSpec),
        chip: inputs.chip(),
        ...(flashSizeBytes === undefined ? {} : { flashSizeBytes }),
      });
      if (seq !== sequence) return;
      warnings.value = result.warnings;
      blocking.value = result.blocking;
      failure.value = undefined;
      inspectedKey.value = key;
      inputs.apply(snapshot, result);
    } catch (error) {
      if (seq !== sequence) return;
      // The same checks run again before writing, so a failed inspection does not block flashing.
      failure.value = errorData(error);
      inspectedKey.value = key;
    } finally {
      if (seq === sequence) inspecting.value = false;
    }
  }

  const later = debounce(() => void inspectNow(), INSPECT_DELAY_MS);
  watch(planKey, () => later.call());

  /** Inspects now unless the answer for the current plan is already in. */
  async function ensureInspected(): Promise<void> {
    if (!upToDate.value || later.pending) await inspectNow();
  }

  return { warnings, blocking, failure, inspecting, upToDate, inspectNow, ensureInspected };
}
