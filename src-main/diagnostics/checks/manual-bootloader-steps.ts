/**
 * The manual bootloader entry the user performs while the app keeps trying to connect: hold
 * BOOT (GPIO0 low), tap EN so the chip restarts and reads GPIO0 low, then let go of BOOT (the
 * ROM only samples GPIO0 at reset). The steps repeat in case the first round was missed.
 */
export interface ManualStep {
  readonly instruction: string;
  readonly detail: string;
}

export const MANUAL_STEPS: readonly ManualStep[] = [
  { instruction: 'Hold BOOT', detail: 'Press and keep holding the BOOT (GPIO0, sometimes "FLASH" or "IO0") button.' },
  { instruction: 'Tap EN (RESET) while holding BOOT', detail: 'Press and release EN (RESET, RST) once while BOOT stays held.' },
  { instruction: 'Release BOOT', detail: 'Let go of BOOT; the chip now waits in download mode.' },
];

/** How long each instruction stays up before the next one. */
export const MANUAL_STEP_MS = 2500;
/** After the last step, wait this long before showing the steps again. */
export const MANUAL_ROUND_PAUSE_MS = 5000;

/** The step to show `elapsedMs` after the check started. */
export function manualStepAt(elapsedMs: number): ManualStep {
  const roundMs = MANUAL_STEPS.length * MANUAL_STEP_MS + MANUAL_ROUND_PAUSE_MS;
  const inRound = Math.max(0, elapsedMs) % roundMs;
  const index = Math.min(MANUAL_STEPS.length - 1, Math.floor(inRound / MANUAL_STEP_MS));
  return MANUAL_STEPS[index]!;
}
