import { ERROR_CATALOGUE, toEspError, type EspErrorData, type Evidence } from '../../src-shared/errors';

/**
 * Anything a request threw, as the plain error the error card shows. The Electron preload
 * rejects with a plain object carrying code, message, hint and evidence (contextBridge would
 * strip them from an Error); the browser-mode client throws EspError itself.
 */
function isErrorData(value: unknown): value is EspErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Partial<Record<keyof EspErrorData, unknown>>;
  return typeof fields.code === 'string' && fields.code in ERROR_CATALOGUE && typeof fields.message === 'string' && typeof fields.hint === 'string';
}

export function errorData(value: unknown): EspErrorData {
  if (isErrorData(value)) {
    const evidence = typeof value.evidence === 'object' && value.evidence !== null ? value.evidence : ({} as Evidence);
    return { code: value.code, message: value.message, hint: value.hint, evidence };
  }
  return toEspError(value).toData();
}
