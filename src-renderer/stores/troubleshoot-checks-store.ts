import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getApi } from '../api';
import type { CheckKind } from '../../src-shared/diagnose/diagnosis';
import type { EspErrorData } from '../../src-shared/errors';
import type { BoardButtonAction, CheckFinishedMessage, CheckOutcome, CheckProgressMessage, CheckRequest } from '../../src-shared/ipc/troubleshoot';
import { attemptFromMessage, checkInfo } from '../format/troubleshoot-text';
import { useAppStore } from './app-store';
import { useBoardStore } from './board-store';
import { errorData } from './error-data';
import { usePortsStore } from './ports-store';
import { useTroubleshootSectionStore } from './troubleshoot-section-store';

/** The check running now, as its progress messages tell it. */
export interface RunningCheck {
  readonly kind: CheckKind;
  readonly port: string;
  readonly checkId?: string;
  readonly cancelling: boolean;
  readonly message?: string;
  readonly fraction?: number;
  /** manual-bootloader: what the user should do now. */
  readonly instruction?: string;
  /** manual-bootloader: the try the app is on. */
  readonly attempt?: number;
}

/** A finished check: its outcome, or the error that stopped it. */
export interface FinishedCheck {
  readonly kind: CheckKind;
  readonly port: string;
  readonly checkId?: string;
  readonly outcome?: CheckOutcome;
  readonly error?: EspErrorData;
}

type CheckMessage = { readonly kind: 'progress'; readonly message: CheckProgressMessage } | { readonly kind: 'finished'; readonly message: CheckFinishedMessage };

/**
 * Guided checks: which one, on which port (the flash view's unless picked here), one at a time;
 * live progress, the last result of each kind, the ids run this session (for the support
 * report), the virtual board's buttons, and remembering the baud sweep's answer.
 */
export const useTroubleshootChecksStore = defineStore('troubleshoot-checks', () => {
  const api = getApi();
  const app = useAppStore();
  const board = useBoardStore();
  const ports = usePortsStore();
  const sections = useTroubleshootSectionStore();
  const selected = ref<CheckKind>('port-access');
  const portChoice = ref<string | undefined>(undefined);
  const running = shallowRef<RunningCheck | undefined>(undefined);
  const results = shallowRef<Partial<Record<CheckKind, FinishedCheck>>>({});
  const runIds = shallowRef<readonly string[]>([]);
  const buttonError = shallowRef<EspErrorData | undefined>(undefined);
  let early: CheckMessage[] = [];

  const port = computed(() => portChoice.value ?? ports.selectedPath);
  const portInfo = computed(() => ports.ports.find((info) => info.path === port.value));
  const isVirtual = computed(() => portInfo.value?.kind === 'virtual' || (port.value?.startsWith('sim:') ?? false));
  const result = computed(() => results.value[selected.value]);
  const blocker = computed<string | undefined>(() => {
    if (running.value !== undefined) return 'A check is running.';
    if (port.value === undefined || port.value === '') return 'Pick a port.';
    return undefined;
  });

  function finish(done: FinishedCheck): void {
    results.value = { ...results.value, [done.kind]: done };
    running.value = undefined;
    if (done.checkId !== undefined && done.outcome !== undefined) runIds.value = [...runIds.value, done.checkId];
  }

  function apply(message: CheckMessage): void {
    const state = running.value;
    if (state === undefined) return;
    if (state.checkId === undefined) {
      early.push(message);
      return;
    }
    if (message.message.checkId !== state.checkId) return;
    if (message.kind === 'progress') {
      const progress = message.message;
      const attempt = attemptFromMessage(progress.message);
      running.value = {
        ...state,
        message: progress.message,
        ...(progress.fraction === undefined ? {} : { fraction: progress.fraction }),
        ...(progress.instruction === undefined ? {} : { instruction: progress.instruction }),
        ...(attempt === undefined ? {} : { attempt }),
      };
      return;
    }
    const finished = message.message;
    finish({ kind: state.kind, port: state.port, checkId: state.checkId, ...(finished.ok ? { outcome: finished.outcome } : { error: finished.error }) });
  }

  api.troubleshoot.onCheckProgress((message) => apply({ kind: 'progress', message }));
  api.troubleshoot.onCheckFinished((message) => apply({ kind: 'finished', message }));

  function request(kind: CheckKind, path: string): CheckRequest {
    if (!checkInfo(kind).needsChip) return { check: kind, port: path };
    // A virtual board knows its chip; the flash view's board may be another one.
    const chip = portInfo.value?.chip ?? board.chip;
    const usesConnectBaud = kind === 'flash-mode' || kind === 'manual-bootloader';
    return {
      check: kind,
      port: path,
      chip,
      resetMethod: board.resetMethod,
      ...(usesConnectBaud ? { baudRate: board.baudRate } : {}),
    };
  }

  /** Starts the selected check (or the one given); false when it could not start. */
  async function start(kind: CheckKind = selected.value): Promise<boolean> {
    selected.value = kind;
    const path = port.value;
    if (blocker.value !== undefined || path === undefined) return false;
    early = [];
    buttonError.value = undefined;
    running.value = { kind, port: path, cancelling: false };
    try {
      const started = await api.troubleshoot.startCheck(request(kind, path));
      const state = running.value;
      if (state === undefined) return false;
      running.value = { ...state, checkId: started.checkId };
      for (const message of early.splice(0)) apply(message);
      if (state.cancelling && running.value !== undefined) await api.troubleshoot.cancelCheck(started.checkId);
      return true;
    } catch (failure) {
      finish({ kind, port: path, error: errorData(failure) });
      return false;
    }
  }

  /** From a diagnosis step: this check, on the failed session's port, now. */
  async function runFromStep(kind: CheckKind, path: string | undefined): Promise<boolean> {
    if (path !== undefined && path !== '') portChoice.value = path;
    sections.open('checks');
    selected.value = kind;
    return start(kind);
  }

  async function cancel(): Promise<void> {
    const state = running.value;
    if (state === undefined || state.cancelling) return;
    running.value = { ...state, cancelling: true };
    if (state.checkId === undefined) return;
    try {
      await api.troubleshoot.cancelCheck(state.checkId);
    } catch (failure) {
      console.warn('cancel request failed', failure);
    }
  }

  /** Virtual boards: the user's hands on BOOT and EN during the manual bootloader entry. */
  async function pressButton(action: BoardButtonAction): Promise<boolean> {
    const path = running.value?.port ?? port.value;
    if (path === undefined) return false;
    try {
      await api.troubleshoot.pressButton({ port: path, action });
      buttonError.value = undefined;
      return true;
    } catch (failure) {
      buttonError.value = errorData(failure);
      return false;
    }
  }

  /** The baud sweep's answer becomes this port's default on the flash view. */
  function rememberBaudRate(path: string, baudRate: number): void {
    app.remember({ reliableBaudRates: { ...app.settings.reliableBaudRates, [path]: baudRate } });
    if (ports.selectedPath === path) board.baudRate = baudRate;
  }

  function rememberedBaudRate(path: string): number | undefined {
    return app.settings.reliableBaudRates?.[path];
  }

  function selectPort(path: string | undefined): void {
    portChoice.value = path === '' ? undefined : path;
  }

  return {
    selected,
    portChoice,
    port,
    portInfo,
    isVirtual,
    running,
    results,
    result,
    runIds,
    buttonError,
    blocker,
    start,
    runFromStep,
    cancel,
    pressButton,
    rememberBaudRate,
    rememberedBaudRate,
    selectPort,
  };
});
