import { describe, expect, it } from 'vitest';
import { MANUAL_ROUND_PAUSE_MS, MANUAL_STEP_MS, MANUAL_STEPS, manualStepAt } from '../../../../src-main/diagnostics/checks/manual-bootloader-steps';

describe('manualStepAt', () => {
  it('hold BOOT, tap EN, release BOOT, in that order', () => {
    expect(MANUAL_STEPS.map((step) => step.instruction)).toEqual(['Hold BOOT', 'Tap EN (RESET) while holding BOOT', 'Release BOOT']);
    expect(manualStepAt(0).instruction).toBe('Hold BOOT');
    expect(manualStepAt(MANUAL_STEP_MS + 1).instruction).toBe('Tap EN (RESET) while holding BOOT');
    expect(manualStepAt(2 * MANUAL_STEP_MS + 1).instruction).toBe('Release BOOT');
  });

  it('stays on the last step during the pause, then starts over', () => {
    expect(manualStepAt(3 * MANUAL_STEP_MS + MANUAL_ROUND_PAUSE_MS - 1).instruction).toBe('Release BOOT');
    expect(manualStepAt(3 * MANUAL_STEP_MS + MANUAL_ROUND_PAUSE_MS).instruction).toBe('Hold BOOT');
  });
});
