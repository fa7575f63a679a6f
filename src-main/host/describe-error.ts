import { toEspError } from '../../src-shared/errors';

/** Words for an error that stops a shell from starting: message, detail when unexpected, hint. */
export function describeError(error: unknown): string {
  const espError = toEspError(error);
  const detail = espError.code === 'internal.unexpected' && typeof espError.evidence.detail === 'string' ? ` (${espError.evidence.detail})` : '';
  return `${espError.message}${detail}\n${espError.hint}`;
}
