import { isEspError } from '../../../../src-shared/errors';
import type { EspError } from '../../../../src-shared/errors';

/** Runs `action` and returns the EspError it throws; fails the test if it throws nothing or something else. */
export function catchEspError(action: () => unknown): EspError {
  try {
    action();
  } catch (error) {
    if (isEspError(error)) return error;
    throw error;
  }
  throw new Error('expected an EspError, but nothing was thrown');
}
