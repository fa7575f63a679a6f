import { EspError } from '../errors';
import { FLASH_MODES } from '../flash';
import { RESET_METHODS } from '../reset/reset-method';
import type { RequestChannel, RequestOf } from './channels';
import type { FileSource, FlashFileSpec } from './files';
import type { ConnectionSpec } from './jobs';
import { MONITOR_LINE_ENDINGS } from './settings';
import { MONITOR_VALIDATORS } from './validate-monitor';
import { TRACE_VALIDATORS } from './validate-traces';
import { TROUBLESHOOT_VALIDATORS } from './validate-troubleshoot';
import {
  absolutePath,
  bytes,
  choice,
  compact,
  empty,
  fileName,
  flag,
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
  type Fields,
} from './validate-values';

/**
 * Checks every request at the shell boundary before a service sees it: paths, offsets, baud
 * rates, sizes, choices. Both the Electron IPC handlers and the browser-mode host call this.
 */
const MAX_FILES = 32;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_FLASH_BYTES = 256 * 1024 * 1024;
const BEFORE = ['default-reset', 'usb-reset', 'no-reset', 'no-reset-no-sync'] as const;
const AFTER = ['hard-reset', 'soft-reset', 'no-reset', 'no-reset-stub', 'watchdog-reset'] as const;
const CONNECTION_KEYS = ['port', 'baudRate', 'chip', 'resetMethod', 'before', 'customResetSequence', 'noStub'];

function connection(value: Fields): ConnectionSpec {
  return compact({
    port: text(value.port, 'port', 512),
    baudRate: integer(value.baudRate, 'baudRate', MIN_BAUD_RATE, MAX_BAUD_RATE),
    chip: optionalChip(value.chip, 'chip'),
    resetMethod: optionalChoice(value.resetMethod, 'resetMethod', RESET_METHODS),
    before: optionalChoice(value.before, 'before', BEFORE),
    customResetSequence: optionalText(value.customResetSequence, 'customResetSequence', 200),
    noStub: flag(value.noStub, 'noStub'),
  }) as ConnectionSpec;
}

function fileSource(value: unknown, field: string): FileSource {
  const source = record(value, field);
  if (source.kind === 'bytes') {
    onlyKeys(source, field, ['kind', 'name', 'data']);
    return { kind: 'bytes', name: fileName(source.name, `${field}.name`), data: bytes(source.data, `${field}.data`, MAX_FILE_BYTES) };
  }
  if (source.kind === 'path') {
    onlyKeys(source, field, ['kind', 'path']);
    return { kind: 'path', path: absolutePath(source.path, `${field}.path`) };
  }
  throw new EspError('input.invalid', { message: `${field}.kind must be "bytes" or "path".`, evidence: { field } });
}

function flashFiles(value: unknown, field: string, minItems: number): FlashFileSpec[] {
  const items = list(value, field, MAX_FILES);
  if (items.length < minItems) throw new EspError('input.invalid', { message: `Add at least ${minItems} file to flash.`, evidence: { field } });
  return items.map((item, index) => {
    const spec = record(item, `${field}[${index}]`);
    onlyKeys(spec, `${field}[${index}]`, ['offset', 'source']);
    return {
      offset: integer(spec.offset, `${field}[${index}].offset`, 0, MAX_FLASH_BYTES),
      source: fileSource(spec.source, `${field}[${index}].source`),
    };
  });
}

function header(value: unknown): Fields | undefined {
  if (value === undefined) return undefined;
  const fields = record(value, 'header');
  onlyKeys(fields, 'header', ['flashMode', 'flashSize', 'flashFrequency']);
  return compact({
    flashMode: optionalChoice(fields.flashMode, 'header.flashMode', ['keep', ...FLASH_MODES] as const),
    flashSize: optionalText(fields.flashSize, 'header.flashSize', 16),
    flashFrequency: optionalText(fields.flashFrequency, 'header.flashFrequency', 8),
  });
}

type Validators = { readonly [C in RequestChannel]: (value: unknown) => RequestOf<C> };

const VALIDATORS: Validators = {
  'app:get-info': (value) => empty(value, 'request'),
  'ports:list-ports': (value) => empty(value, 'request'),
  'jobs:start-flash': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', [...CONNECTION_KEYS, 'files', 'after', 'eraseAll', 'header', 'diff', 'force', 'checkBoot']);
    return compact({
      ...connection(fields),
      files: flashFiles(fields.files, 'files', 1),
      after: choice(fields.after, 'after', AFTER),
      eraseAll: flag(fields.eraseAll, 'eraseAll'),
      header: header(fields.header),
      diff: flag(fields.diff, 'diff'),
      force: flag(fields.force, 'force'),
      checkBoot: flag(fields.checkBoot, 'checkBoot'),
    }) as RequestOf<'jobs:start-flash'>;
  },
  'jobs:start-detect': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', CONNECTION_KEYS);
    return connection(fields);
  },
  'jobs:start-erase': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', [...CONNECTION_KEYS, 'after']);
    return { ...connection(fields), after: choice(fields.after, 'after', AFTER) };
  },
  'jobs:start-backup': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', [...CONNECTION_KEYS, 'offset', 'sizeBytes', 'after']);
    return compact({
      ...connection(fields),
      offset: integer(fields.offset, 'offset', 0, MAX_FLASH_BYTES),
      sizeBytes: optionalInteger(fields.sizeBytes, 'sizeBytes', 1, MAX_FLASH_BYTES),
      after: choice(fields.after, 'after', AFTER),
    }) as RequestOf<'jobs:start-backup'>;
  },
  'jobs:cancel-job': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['jobId']);
    return { jobId: text(fields.jobId, 'jobId', 64) };
  },
  'files:inspect-files': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['files', 'chip', 'flashSizeBytes']);
    return compact({
      files: flashFiles(fields.files, 'files', 0),
      chip: optionalChip(fields.chip, 'chip'),
      flashSizeBytes: optionalInteger(fields.flashSizeBytes, 'flashSizeBytes', 1, MAX_FLASH_BYTES),
    }) as RequestOf<'files:inspect-files'>;
  },
  'files:load-project': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['path']);
    return { path: absolutePath(fields.path, 'path') };
  },
  'files:pick-paths': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['purpose']);
    return { purpose: choice(fields.purpose, 'purpose', ['firmware', 'folder'] as const) };
  },
  'files:save-file': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['suggestedName', 'data']);
    return { suggestedName: fileName(fields.suggestedName, 'suggestedName'), data: bytes(fields.data, 'data', MAX_FLASH_BYTES) };
  },
  'watch:start-watch': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['path']);
    return { path: absolutePath(fields.path, 'path') };
  },
  'watch:stop-watch': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['watchId']);
    return { watchId: text(fields.watchId, 'watchId', 64) };
  },
  'settings:get-settings': (value) => empty(value, 'request'),
  'settings:update-settings': (value) => validateSettingsPatch(value),
  ...MONITOR_VALIDATORS,
  ...TRACE_VALIDATORS,
  ...TROUBLESHOOT_VALIDATORS,
};

const SETTINGS_KEYS = [
  'boardId', 'customChip', 'customResetMethod', 'port', 'baudRate', 'files', 'header', 'eraseAll', 'noStub',
  'resetAfter', 'watchFolder', 'autoReflash', 'windowBounds', 'monitorLines', 'monitorLineEnding', 'reliableBaudRates',
  'remotePorts',
];
const MAX_MONITOR_LINE_PORTS = 64;

/** Port path -> {dtr, rts}; both lines always present, never one alone. */
function monitorLines(value: unknown): Record<string, { dtr: boolean; rts: boolean }> | undefined {
  if (value === undefined) return undefined;
  const byPort = record(value, 'settings.monitorLines');
  const entries = Object.entries(byPort);
  if (entries.length > MAX_MONITOR_LINE_PORTS) throw invalid('settings.monitorLines', `at most ${MAX_MONITOR_LINE_PORTS} ports`, entries.length);
  // fromEntries defines own properties, so a port named "__proto__" cannot reach the prototype.
  return Object.fromEntries(
    entries.map(([port, item]) => {
      const field = `settings.monitorLines[${text(port, 'settings.monitorLines port', 512)}]`;
      const lines = record(item, field);
      onlyKeys(lines, field, ['dtr', 'rts']);
      if (typeof lines.dtr !== 'boolean' || typeof lines.rts !== 'boolean') throw invalid(field, 'both dtr and rts as true/false', item);
      return [port, { dtr: lines.dtr, rts: lines.rts }];
    }),
  );
}

const MAX_REMOTE_PORTS = 32;

/** Network port URLs the GUI remembers; only the schemes the engine opens. */
function remotePorts(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return list(value, 'settings.remotePorts', MAX_REMOTE_PORTS).map((item, index) => {
    const url = text(item, `settings.remotePorts[${index}]`, 512);
    if (!/^(rfc2217|socket):\/\/[^\s]+:\d{1,5}(\?[^\s]*)?$/i.test(url)) throw invalid(`settings.remotePorts[${index}]`, 'rfc2217://host:port or socket://host:port', url);
    return url;
  });
}

/** Port path -> the baud rate the baud sweep found reliable there. */
function reliableBaudRates(value: unknown): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const entries = Object.entries(record(value, 'settings.reliableBaudRates'));
  if (entries.length > MAX_MONITOR_LINE_PORTS) throw invalid('settings.reliableBaudRates', `at most ${MAX_MONITOR_LINE_PORTS} ports`, entries.length);
  return Object.fromEntries(
    entries.map(([port, rate]) => [port, integer(rate, `settings.reliableBaudRates[${text(port, 'settings.reliableBaudRates port', 512)}]`, MIN_BAUD_RATE, MAX_BAUD_RATE)]),
  );
}

function validateSettingsPatch(value: unknown): RequestOf<'settings:update-settings'> {
  const fields = record(value, 'settings');
  onlyKeys(fields, 'settings', SETTINGS_KEYS);
  const files = fields.files === undefined ? undefined : list(fields.files, 'settings.files', MAX_FILES).map((item, index) => {
    const file = record(item, `settings.files[${index}]`);
    onlyKeys(file, `settings.files[${index}]`, ['offset', 'name', 'path']);
    return compact({
      offset: integer(file.offset, `settings.files[${index}].offset`, 0, MAX_FLASH_BYTES),
      name: fileName(file.name, `settings.files[${index}].name`),
      path: file.path === undefined ? undefined : absolutePath(file.path, `settings.files[${index}].path`),
    });
  });
  const bounds = fields.windowBounds === undefined ? undefined : record(fields.windowBounds, 'settings.windowBounds');
  return compact({
    boardId: optionalText(fields.boardId, 'settings.boardId', 64),
    customChip: optionalChip(fields.customChip, 'settings.customChip'),
    customResetMethod: optionalChoice(fields.customResetMethod, 'settings.customResetMethod', RESET_METHODS),
    port: optionalText(fields.port, 'settings.port', 512),
    baudRate: optionalInteger(fields.baudRate, 'settings.baudRate', MIN_BAUD_RATE, MAX_BAUD_RATE),
    files,
    header: header(fields.header),
    eraseAll: flag(fields.eraseAll, 'settings.eraseAll'),
    noStub: flag(fields.noStub, 'settings.noStub'),
    resetAfter: flag(fields.resetAfter, 'settings.resetAfter'),
    watchFolder: fields.watchFolder === undefined ? undefined : absolutePath(fields.watchFolder, 'settings.watchFolder'),
    autoReflash: flag(fields.autoReflash, 'settings.autoReflash'),
    monitorLines: monitorLines(fields.monitorLines),
    monitorLineEnding: optionalChoice(fields.monitorLineEnding, 'settings.monitorLineEnding', MONITOR_LINE_ENDINGS),
    reliableBaudRates: reliableBaudRates(fields.reliableBaudRates),
    remotePorts: remotePorts(fields.remotePorts),
    windowBounds:
      bounds === undefined
        ? undefined
        : compact({
            width: integer(bounds.width, 'settings.windowBounds.width', 200, 20000),
            height: integer(bounds.height, 'settings.windowBounds.height', 200, 20000),
            x: optionalInteger(bounds.x, 'settings.windowBounds.x', -20000, 20000),
            y: optionalInteger(bounds.y, 'settings.windowBounds.y', -20000, 20000),
          }),
  }) as RequestOf<'settings:update-settings'>;
}

export function validateRequest<C extends RequestChannel>(channel: C, payload: unknown): RequestOf<C> {
  return VALIDATORS[channel](payload) as RequestOf<C>;
}
