import type { SessionPhase } from '../../src-shared/flash-job';

/** Words for each phase of a session, used when the service sends no message of its own. */
export const PHASE_LABELS: Readonly<Record<SessionPhase, string>> = {
  opening: 'Opening the port',
  connecting: 'Connecting…',
  detecting: 'Detecting the chip',
  'uploading-stub': 'Uploading stub',
  'changing-baud': 'Changing baud rate',
  'attaching-flash': 'Attaching flash',
  erasing: 'Erasing',
  writing: 'Writing',
  verifying: 'Verifying',
  reading: 'Reading flash',
  resetting: 'Resetting the board',
  'checking-boot': 'Checking that the firmware starts',
  done: 'Done',
};
