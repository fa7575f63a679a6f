import { ERROR_CATALOGUE, type EspErrorData, type Evidence } from '../errors';
import { RESET_METHODS } from '../reset/reset-method';
import type { RequestChannel, RequestOf } from './channels';
import type { DiagnoseFailureRequest } from './troubleshoot';
import {
  choice,
  compact,
  fileName,
  integer,
  invalid,
  list,
  MAX_BAUD_RATE,
  MIN_BAUD_RATE,
  onlyKeys,
  optionalChip,
  optionalChoice,
  optionalInteger,
  optionalText,
  record,
  text,
} from './validate-values';

/** Request checks for the troubleshooter channels (see validate.ts). */
type TroubleshootChannel = Extract<RequestChannel, `troubleshoot:${string}`>;
type TroubleshootValidators = { readonly [C in TroubleshootChannel]: (value: unknown) => RequestOf<C> };

/** A pasted log: a long esptool -v session fits; a runaway paste does not. */
const MAX_LOG_CHARS = 4 * 1024 * 1024;
const MAX_EVIDENCE_CHARS = 256 * 1024;
const CHECKS = ['port-access', 'loopback', 'boot-mode', 'baud-sweep', 'manual-bootloader', 'flash-mode'] as const;
const BUTTON_ACTIONS = ['hold-boot', 'release-boot', 'tap-en'] as const;

/**
 * Evidence holds plain values only (see Evidence in errors.ts); nesting could only be crafted.
 * Any number passes: a real measurement can be NaN, and evidence is only shown, never computed on.
 */
function isEvidenceValue(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (!Array.isArray(value)) return false;
  return value.every((item) => typeof item === 'string') || value.every((item) => typeof item === 'number');
}

function errorData(value: unknown, field: string): EspErrorData {
  const fields = record(value, field);
  onlyKeys(fields, field, ['code', 'message', 'hint', 'evidence']);
  const code = text(fields.code, `${field}.code`, 64);
  // Own keys only: `in` would also accept inherited names such as "constructor" or "toString".
  if (!Object.hasOwn(ERROR_CATALOGUE, code)) throw invalid(`${field}.code`, 'an error code of this app', code);
  const evidence = fields.evidence === undefined ? {} : record(fields.evidence, `${field}.evidence`);
  for (const [key, item] of Object.entries(evidence)) {
    if (!isEvidenceValue(item)) throw invalid(`${field}.evidence.${key}`, 'text, a number, true/false, null or a list of texts or numbers', item);
  }
  if (JSON.stringify(evidence).length > MAX_EVIDENCE_CHARS) throw invalid(`${field}.evidence`, `at most ${MAX_EVIDENCE_CHARS} characters of JSON`, 'a larger object');
  return {
    code: code as EspErrorData['code'],
    message: text(fields.message, `${field}.message`, 4000),
    hint: typeof fields.hint === 'string' ? fields.hint.slice(0, 4000) : '',
    evidence: evidence as Evidence,
  };
}

function failure(value: unknown, field: string): DiagnoseFailureRequest {
  const fields = record(value, field);
  onlyKeys(fields, field, ['error', 'port', 'traceId']);
  return compact({
    error: errorData(fields.error, `${field}.error`),
    port: optionalText(fields.port, `${field}.port`, 512),
    traceId: optionalText(fields.traceId, `${field}.traceId`, 64),
  }) as DiagnoseFailureRequest;
}

export const TROUBLESHOOT_VALIDATORS: TroubleshootValidators = {
  'troubleshoot:diagnose-failure': (value) => failure(value, 'request'),
  'troubleshoot:analyze-log': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['text']);
    return { text: text(fields.text, 'text', MAX_LOG_CHARS) };
  },
  'troubleshoot:start-check': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['check', 'port', 'baudRate', 'chip', 'resetMethod', 'baudRates']);
    return compact({
      check: choice(fields.check, 'check', CHECKS),
      port: text(fields.port, 'port', 512),
      baudRate: optionalInteger(fields.baudRate, 'baudRate', MIN_BAUD_RATE, MAX_BAUD_RATE),
      chip: optionalChip(fields.chip, 'chip'),
      resetMethod: optionalChoice(fields.resetMethod, 'resetMethod', RESET_METHODS),
      baudRates:
        fields.baudRates === undefined
          ? undefined
          : list(fields.baudRates, 'baudRates', 24).map((rate, index) => integer(rate, `baudRates[${index}]`, MIN_BAUD_RATE, MAX_BAUD_RATE)),
    }) as RequestOf<'troubleshoot:start-check'>;
  },
  'troubleshoot:cancel-check': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['checkId']);
    return { checkId: text(fields.checkId, 'checkId', 64) };
  },
  'troubleshoot:support-report': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['port', 'traceId', 'failure', 'checkIds', 'traceImageName']);
    return compact({
      port: optionalText(fields.port, 'port', 512),
      traceId: optionalText(fields.traceId, 'traceId', 64),
      failure: fields.failure === undefined ? undefined : failure(fields.failure, 'failure'),
      checkIds: fields.checkIds === undefined ? undefined : list(fields.checkIds, 'checkIds', 32).map((id, index) => text(id, `checkIds[${index}]`, 64)),
      traceImageName: fields.traceImageName === undefined ? undefined : fileName(fields.traceImageName, 'traceImageName'),
    }) as RequestOf<'troubleshoot:support-report'>;
  },
  'troubleshoot:press-button': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['port', 'action']);
    return { port: text(fields.port, 'port', 512), action: choice(fields.action, 'action', BUTTON_ACTIONS) };
  },
};
