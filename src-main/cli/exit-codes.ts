import { errorFamily, type ErrorCode } from '../../src-shared/errors';

/**
 * Exit codes that say what failed, so scripts and CI can react:
 *   0 success, 1 unexpected, 2 bad arguments or input files, 3 port, 4 connect / chip,
 *   5 transfer (stub, timeouts, power), 6 flash contents (verify, read), 7 firmware image,
 *   8 board does not boot, 130 cancelled.
 */
export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_USAGE = 2;

const BY_FAMILY: Readonly<Record<string, number>> = {
  input: 2,
  reset: 2,
  settings: 2,
  app: 3,
  port: 3,
  connect: 4,
  chip: 4,
  transfer: 5,
  stub: 5,
  power: 5,
  flash: 6,
  image: 7,
  boot: 8,
  operation: 130,
  internal: 1,
};

export function exitCodeFor(code: ErrorCode): number {
  return BY_FAMILY[errorFamily(code)] ?? EXIT_UNEXPECTED;
}

export const EXIT_CODE_HELP = [
  'Exit codes: 0 ok, 1 unexpected error, 2 bad arguments or input file, 3 serial port,',
  '4 connecting / chip, 5 transfer (timeouts, stub, power), 6 flash contents (verify, read),',
  '7 firmware image, 8 board does not boot after flashing, 130 cancelled.',
].join('\n');
