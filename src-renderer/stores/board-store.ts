import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { BOARD_PROFILES, CUSTOM_BOARD_ID, boardById } from '../../src-shared/boards';
import { CHIPS, type ChipId } from '../../src-shared/chips';
import type { ChipInfo } from '../../src-shared/flash-job';
import type { AppSettings } from '../../src-shared/ipc/settings';
import type { ResetMethod } from '../../src-shared/reset/reset-method';
import { ROM_BAUD_RATE } from '../../src-shared/serial';
import { usePortsStore } from './ports-store';

export const DEFAULT_BOARD_ID = 'esp32-devkitc';
/** "custom" has no catalogue default; the ROM rate always works, 460800 almost always. */
export const CUSTOM_DEFAULT_BAUD_RATE = 460800;

/**
 * Which board is plugged in: a catalogue board (chip, reset wiring, default baud) or "custom"
 * (chip and reset method chosen by the user), the baud rate, and what Detect found. For "custom"
 * a detected chip overrides the chip the user picked.
 */
export const useBoardStore = defineStore('board', () => {
  const ports = usePortsStore();
  const boardId = ref<string>(DEFAULT_BOARD_ID);
  const customChip = ref<ChipId>('esp32');
  const customResetMethod = ref<ResetMethod>('auto');
  const baudRate = ref<number>(boardById(DEFAULT_BOARD_ID)?.defaultBaudRate ?? ROM_BAUD_RATE);
  const detected = shallowRef<ChipInfo | undefined>(undefined);
  const detectedPort = ref<string | undefined>(undefined);

  const board = computed(() => boardById(boardId.value));
  const isCustom = computed(() => board.value === undefined);
  const chip = computed<ChipId>(() => board.value?.chip ?? detected.value?.chip ?? customChip.value);
  const chipName = computed(() => CHIPS[chip.value].name);
  const resetMethod = computed<ResetMethod>(() => board.value?.resetMethod ?? customResetMethod.value);
  const defaultBaudRate = computed(() => board.value?.defaultBaudRate ?? CUSTOM_DEFAULT_BAUD_RATE);
  /** Detect found a chip other than the catalogue board's. */
  const detectedMismatch = computed(() => detected.value !== undefined && board.value !== undefined && detected.value.chip !== board.value.chip);

  // What Detect found belongs to the port it ran on.
  watch(
    () => ports.selectedPath,
    (path) => {
      if (path !== detectedPort.value) detected.value = undefined;
    },
  );

  function selectBoard(id: string): void {
    if (id !== CUSTOM_BOARD_ID && boardById(id) === undefined) return;
    boardId.value = id;
    baudRate.value = defaultBaudRate.value;
  }

  function setDetected(info: ChipInfo | undefined, port: string | undefined): void {
    detected.value = info;
    detectedPort.value = port;
  }

  /** Back to what was remembered, without resetting the baud rate to the board default. */
  function restore(settings: AppSettings): void {
    if (settings.boardId !== undefined && (settings.boardId === CUSTOM_BOARD_ID || boardById(settings.boardId) !== undefined)) {
      boardId.value = settings.boardId;
      baudRate.value = defaultBaudRate.value;
    }
    if (settings.customChip !== undefined) customChip.value = settings.customChip;
    if (settings.customResetMethod !== undefined) customResetMethod.value = settings.customResetMethod;
    if (settings.baudRate !== undefined) baudRate.value = settings.baudRate;
  }

  return {
    boards: BOARD_PROFILES,
    boardId,
    customChip,
    customResetMethod,
    baudRate,
    detected,
    detectedPort,
    board,
    isCustom,
    chip,
    chipName,
    resetMethod,
    defaultBaudRate,
    detectedMismatch,
    selectBoard,
    setDetected,
    restore,
  };
});
