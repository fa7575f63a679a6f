import { RESET_METHODS } from '../reset/reset-method';
import type { LineState } from '../reset/lines';
import type { RequestChannel, RequestOf } from './channels';
import {
  bytes,
  choice,
  compact,
  flag,
  integer,
  invalid,
  MAX_BAUD_RATE,
  MIN_BAUD_RATE,
  onlyKeys,
  optionalChip,
  optionalChoice,
  record,
  text,
} from './validate-values';

/** Request checks for the monitor channels (see validate.ts). */
type MonitorChannel = Extract<RequestChannel, `monitor:${string}`>;
type MonitorValidators = { readonly [C in MonitorChannel]: (value: unknown) => RequestOf<C> };

/** One send is at most this much; the send box and pasted text stay far below it. */
const MAX_SEND_BYTES = 64 * 1024;

function monitorId(value: unknown): string {
  return text(value, 'monitorId', 64);
}

function lines(value: unknown, field: string): LineState {
  const fields = record(value, field);
  onlyKeys(fields, field, ['dtr', 'rts']);
  // Both lines are always given together: a missing one would fall back to a driver default.
  const dtr = flag(fields.dtr, `${field}.dtr`);
  const rts = flag(fields.rts, `${field}.rts`);
  if (dtr === undefined) throw invalid(`${field}.dtr`, 'true or false (set both lines together)', undefined);
  if (rts === undefined) throw invalid(`${field}.rts`, 'true or false (set both lines together)', undefined);
  return { dtr, rts };
}

function baudRate(value: unknown): number {
  return integer(value, 'baudRate', MIN_BAUD_RATE, MAX_BAUD_RATE);
}

export const MONITOR_VALIDATORS: MonitorValidators = {
  'monitor:open-monitor': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['port', 'baudRate', 'lines', 'romBaudAuto', 'chip', 'resetMethod']);
    return compact({
      port: text(fields.port, 'port', 512),
      baudRate: baudRate(fields.baudRate),
      lines: fields.lines === undefined ? undefined : lines(fields.lines, 'lines'),
      romBaudAuto: flag(fields.romBaudAuto, 'romBaudAuto'),
      chip: optionalChip(fields.chip, 'chip'),
      resetMethod: optionalChoice(fields.resetMethod, 'resetMethod', RESET_METHODS),
    }) as RequestOf<'monitor:open-monitor'>;
  },
  'monitor:close-monitor': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['monitorId']);
    return { monitorId: monitorId(fields.monitorId) };
  },
  'monitor:set-lines': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['monitorId', 'lines']);
    return { monitorId: monitorId(fields.monitorId), lines: lines(fields.lines, 'lines') };
  },
  'monitor:set-baud': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['monitorId', 'baudRate']);
    return { monitorId: monitorId(fields.monitorId), baudRate: baudRate(fields.baudRate) };
  },
  'monitor:reset-board': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['monitorId', 'into']);
    return { monitorId: monitorId(fields.monitorId), into: choice(fields.into, 'into', ['app', 'bootloader'] as const) };
  },
  'monitor:send-data': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['monitorId', 'data']);
    return { monitorId: monitorId(fields.monitorId), data: bytes(fields.data, 'data', MAX_SEND_BYTES) };
  },
  'monitor:read-log': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['monitorId']);
    return { monitorId: monitorId(fields.monitorId) };
  },
};
