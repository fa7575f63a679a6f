import type { CheckKind } from '../../../src-shared/diagnose/diagnosis';
import { runBaudSweepCheck } from './baud-sweep-check';
import { runBootModeCheck } from './boot-mode-check';
import type { CheckRunner } from './check-context';
import { runFlashModeCheck } from './flash-mode-check';
import { runLoopbackCheck } from './loopback-check';
import { runManualBootloaderCheck } from './manual-bootloader-check';
import { runPortAccessCheck } from './port-access-check';

/** One runner per guided check; a missing one fails to compile. */
export const CHECK_RUNNERS: Readonly<Record<CheckKind, CheckRunner>> = {
  'port-access': runPortAccessCheck,
  loopback: runLoopbackCheck,
  'boot-mode': runBootModeCheck,
  'baud-sweep': runBaudSweepCheck,
  'manual-bootloader': runManualBootloaderCheck,
  'flash-mode': runFlashModeCheck,
};
