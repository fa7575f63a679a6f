import { describe, expect, it } from 'vitest';
import type { RequestChannel } from '../../../src-shared/ipc/channels';
import { dispatchRequest } from '../../../src-main/host/dispatch-request';
import { parseIncomingFrame } from '../../../src-main/host/wire-requests';
import { createFakeServices } from '../host/fake-services';

/**
 * Hostile request payloads through the real validators and the one dispatch path every shell
 * uses (Electron IPC and the browser-mode WebSocket): each must come back as input.invalid with
 * no service handler called. Valid templates are checked first, so a refusal below is caused by
 * the one hostile value and not by a broken template.
 */
type Payload = Record<string, unknown>;

const CONNECTION = { port: 'sim:esp32', baudRate: 115200 };
const TEMPLATES: Partial<Record<RequestChannel, Payload>> = {
  'jobs:start-flash': { ...CONNECTION, after: 'hard-reset', files: [{ offset: 0x10000, source: { kind: 'path', path: '/home/user/app.bin' } }] },
  'jobs:start-backup': { ...CONNECTION, after: 'hard-reset', offset: 0, sizeBytes: 4096 },
  'files:inspect-files': { files: [{ offset: 0x1000, source: { kind: 'bytes', name: 'boot.bin', data: new Uint8Array(16) } }] },
  'files:load-project': { path: '/home/user/project' },
  'files:save-file': { suggestedName: 'backup.bin', data: new Uint8Array(4) },
  'watch:start-watch': { path: 'C:\\Users\\me\\project' },
  'monitor:open-monitor': { port: 'sim:esp32', baudRate: 115200 },
  'monitor:send-data': { monitorId: 'm1', data: new Uint8Array(2) },
  'settings:update-settings': { baudRate: 921600, files: [{ offset: 0x10000, name: 'app.bin', path: '/home/user/app.bin' }], monitorLines: { 'sim:esp32': { dtr: false, rts: false } } },
  'troubleshoot:diagnose-failure': { error: { code: 'connect.no-sync-reply', message: 'No reply.', evidence: { attempts: 3, port: 'sim:esp32' } } },
};

async function dispatch(channel: string, payload: unknown) {
  const services = createFakeServices();
  for (const handler of Object.values(services.handlers)) handler.mockResolvedValue({} as never);
  const envelope = await dispatchRequest(services.handlers, channel, payload);
  const calls = Object.values(services.handlers).reduce((sum, handler) => sum + handler.mock.calls.length, 0);
  return { envelope, calls };
}

async function expectRefused(channel: string, payload: unknown): Promise<void> {
  const { envelope, calls } = await dispatch(channel, payload);
  expect(envelope, `${channel} ${describePayload(payload)}`).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  expect(calls, 'a service ran before the payload was refused').toBe(0);
}

/** Short text for assertion labels: numbers JSON cannot show, and byte arrays by size only. */
function describePayload(payload: unknown): string {
  const shown = (_key: string, value: unknown): unknown => {
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return ArrayBuffer.isView(value) ? `<${value.byteLength} bytes>` : value;
  };
  try {
    return (JSON.stringify(payload, shown) ?? 'undefined').slice(0, 160);
  } catch {
    return String(payload);
  }
}

/** A copy of the template with one field (dotted path, numeric parts index arrays) replaced. */
function withField(template: Payload, path: string, value: unknown): Payload {
  const copy = structuredClone(template);
  const parts = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1)!] = value;
  return copy;
}

const HOSTILE_NUMBERS = [-1, -0.5, 1.5, 2 ** 32, 2 ** 53, Number.MAX_VALUE, NaN, Infinity, -Infinity, '4096', null, true, [1], { valueOf: () => 1 }];
const NUMBER_FIELDS: [RequestChannel, string][] = [
  ['jobs:start-flash', 'files.0.offset'],
  ['jobs:start-flash', 'baudRate'],
  ['jobs:start-backup', 'offset'],
  ['jobs:start-backup', 'sizeBytes'],
  ['monitor:open-monitor', 'baudRate'],
  ['settings:update-settings', 'files.0.offset'],
];

const HOSTILE_PATHS = [
  'app.bin',
  './app.bin',
  '../../etc/passwd',
  '~/app.bin',
  '/home/user/../../etc/passwd',
  '/home/user/build/..',
  'C:\\Users\\me\\..\\..\\Windows\\win.ini',
  '/home/user/app.bin\0.png',
  'C:app.bin',
  '',
  '/'.repeat(5000),
  42,
  null,
  { path: '/etc/passwd' },
];
const PATH_FIELDS: [RequestChannel, string][] = [
  ['jobs:start-flash', 'files.0.source.path'],
  ['files:load-project', 'path'],
  ['watch:start-watch', 'path'],
  ['settings:update-settings', 'files.0.path'],
];

describe('IPC payload validation against hostile values', () => {
  it.each(Object.entries(TEMPLATES))('accepts the valid %s template (so refusals below mean something)', async (channel, payload) => {
    const { envelope, calls } = await dispatch(channel, payload);
    expect(envelope).toMatchObject({ ok: true });
    expect(calls).toBe(1);
  });

  describe.each(NUMBER_FIELDS)('%s %s', (channel, field) => {
    it.each(HOSTILE_NUMBERS.map((value) => [describePayload(value), value]))('refuses %s', async (_shown, value) => {
      await expectRefused(channel, withField(TEMPLATES[channel]!, field, value));
    });
  });

  describe.each(PATH_FIELDS)('%s %s', (channel, field) => {
    it.each(HOSTILE_PATHS.map((value) => [describePayload(value), value]))('refuses the path %s', async (_shown, value) => {
      await expectRefused(channel, withField(TEMPLATES[channel]!, field, value));
    });
  });

  it.each(['../x.bin', 'a/b.bin', 'a\\b.bin', '..', '.', 'x\0.bin', 'x'.repeat(256)])('refuses the save name %j', async (name) => {
    await expectRefused('files:save-file', withField(TEMPLATES['files:save-file']!, 'suggestedName', name));
  });

  it.each(['port', 'monitorId'])('refuses a huge or empty %s string', async (field) => {
    const channel = field === 'port' ? 'monitor:open-monitor' : 'monitor:send-data';
    await expectRefused(channel, withField(TEMPLATES[channel]!, field, 'x'.repeat(1_000_000)));
    await expectRefused(channel, withField(TEMPLATES[channel]!, field, ''));
  });

  it('refuses byte fields that are not bytes or that are too large', async () => {
    for (const data of ['AAAA', [1, 2, 3], { 0: 1, length: 1 }, new Uint16Array(2), new ArrayBuffer(4), null]) {
      await expectRefused('monitor:send-data', withField(TEMPLATES['monitor:send-data']!, 'data', data));
    }
    await expectRefused('files:inspect-files', withField(TEMPLATES['files:inspect-files']!, 'files.0.source.data', new Uint8Array(64 * 1024 * 1024 + 1)));
  });

  it.each(Object.keys(TEMPLATES) as RequestChannel[])('%s: refuses prototype keys, extra keys and the wrong shape', async (channel) => {
    const template = TEMPLATES[channel]!;
    // JSON.parse makes "__proto__" an own key, as a message off the wire would.
    for (const key of ['__proto__', 'constructor', 'prototype', 'extra']) {
      await expectRefused(channel, { ...template, ...(JSON.parse(`{"${key}": {"polluted": true}}`) as Payload) });
    }
    for (const shape of [null, undefined, 'text', 42, [template], new Uint8Array(4)]) await expectRefused(channel, shape);
    expect(({} as Payload).polluted).toBeUndefined();
  });

  it('refuses deeply nested and oversized lists where one object is expected', async () => {
    let nested: unknown = { offset: 0, source: { kind: 'path', path: '/a.bin' } };
    for (let depth = 0; depth < 10_000; depth++) nested = [nested];
    await expectRefused('jobs:start-flash', withField(TEMPLATES['jobs:start-flash']!, 'files', [nested]));
    const many = Array.from({ length: 10_000 }, () => ({ offset: 0, source: { kind: 'path', path: '/a.bin' } }));
    await expectRefused('jobs:start-flash', withField(TEMPLATES['jobs:start-flash']!, 'files', many));
    await expectRefused('settings:update-settings', { monitorLines: Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [`p${index}`, { dtr: true, rts: true }])) });
  });

  it('refuses a monitor line state with only one of DTR and RTS', async () => {
    await expectRefused('settings:update-settings', { monitorLines: { 'sim:esp32': { dtr: true } } });
    await expectRefused('settings:update-settings', { monitorLines: { 'sim:esp32': { dtr: true, rts: 'yes' } } });
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('refuses the inherited name %s as an error code', async (code) => {
    await expectRefused('troubleshoot:diagnose-failure', withField(TEMPLATES['troubleshoot:diagnose-failure']!, 'error.code', code));
  });

  it('refuses failure evidence that is not plain values', async () => {
    let deep: unknown = 'bottom';
    for (let depth = 0; depth < 100_000; depth++) deep = { deep };
    const template = TEMPLATES['troubleshoot:diagnose-failure']!;
    for (const evidence of [{ nested: { object: true } }, { deep }, { list: [{}] }, { mixed: ['a', 1] }, { fn: 'x'.repeat(300_000) }]) {
      await expectRefused('troubleshoot:diagnose-failure', withField(template, 'error.evidence', evidence));
    }
  });
});

describe('browser-mode frames with hostile JSON', () => {
  const MAX_BYTES = 1024 * 1024;

  it.each([
    ['deep nesting', '['.repeat(200_000)],
    ['bad base64 in a bytes marker', '{"type":"request","id":1,"channel":"monitor:send-data","payload":{"data":{"$bytes":"!!!"}}}'],
    ['a non-integer id', '{"type":"request","id":1.5,"channel":"app:get-info","payload":{}}'],
    ['a negative id', '{"type":"request","id":-1,"channel":"app:get-info","payload":{}}'],
    ['a prototype key as the message', '{"__proto__":{"type":"request","id":1}}'],
  ])('closes the socket on %s without throwing', (_name, text) => {
    const frame = parseIncomingFrame(Buffer.from(text), false, MAX_BYTES);
    expect(frame.kind).toBe('close');
  });

  it('hands a request with a hostile channel name to dispatch, which refuses it', async () => {
    for (const channel of ['__proto__', 'constructor', 'toString', 'jobs:start-flash\0', 'JOBS:START-FLASH']) {
      const frame = parseIncomingFrame(Buffer.from(JSON.stringify({ type: 'request', id: 1, channel, payload: {} })), false, MAX_BYTES);
      expect(frame.kind).toBe('request');
      if (frame.kind === 'request') await expectRefused(frame.channel as string, frame.payload);
    }
  });
});
