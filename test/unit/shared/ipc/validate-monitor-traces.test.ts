import { describe, expect, it } from 'vitest';
import { isEspError } from '../../../../src-shared/errors';
import { validateRequest } from '../../../../src-shared/ipc/validate';

/** The monitor and trace channels refuse what the services must never see. */
function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isEspError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('monitor request validation', () => {
  it('accepts an open request and keeps only the fields given', () => {
    const request = validateRequest('monitor:open-monitor', { port: 'sim:esp32', baudRate: 115200, romBaudAuto: true, lines: { dtr: false, rts: true } });
    expect(request).toEqual({ port: 'sim:esp32', baudRate: 115200, romBaudAuto: true, lines: { dtr: false, rts: true } });
    expect('chip' in request).toBe(false);
  });

  it('refuses lines given one at a time, so no driver default fills in the other', () => {
    const missingRts = refusal(() => validateRequest('monitor:set-lines', { monitorId: 'm1', lines: { dtr: true } }));
    expect(missingRts.code).toBe('input.invalid');
    expect(missingRts.message).toMatch(/lines\.rts/);
    expect(refusal(() => validateRequest('monitor:set-lines', { monitorId: 'm1', lines: { rts: false } })).message).toMatch(/lines\.dtr/);
  });

  it('refuses baud rates out of range, unknown reset targets and extra fields', () => {
    expect(refusal(() => validateRequest('monitor:set-baud', { monitorId: 'm1', baudRate: 50 })).message).toMatch(/baudRate/);
    expect(refusal(() => validateRequest('monitor:reset-board', { monitorId: 'm1', into: 'flash' })).message).toMatch(/into/);
    expect(refusal(() => validateRequest('monitor:close-monitor', { monitorId: 'm1', force: true })).message).toMatch(/force/);
  });

  it('accepts sends up to 64 KiB of bytes and refuses text or more', () => {
    expect(validateRequest('monitor:send-data', { monitorId: 'm1', data: new Uint8Array(64 * 1024) }).data.length).toBe(64 * 1024);
    expect(refusal(() => validateRequest('monitor:send-data', { monitorId: 'm1', data: new Uint8Array(64 * 1024 + 1) })).code).toBe('input.invalid');
    expect(refusal(() => validateRequest('monitor:send-data', { monitorId: 'm1', data: 'AT\r\n' })).code).toBe('input.invalid');
  });
});

describe('trace request validation', () => {
  it('accepts list, get and import requests', () => {
    expect(validateRequest('traces:list-traces', {})).toEqual({});
    expect(validateRequest('traces:get-trace', { traceId: 't-1' })).toEqual({ traceId: 't-1' });
    expect(validateRequest('traces:import-trace', { data: new Uint8Array([0x7b, 0x7d]) }).data).toEqual(new Uint8Array([0x7b, 0x7d]));
  });

  it('refuses an empty id, a path instead of bytes and fields on list', () => {
    expect(refusal(() => validateRequest('traces:get-trace', { traceId: '' })).message).toMatch(/traceId/);
    expect(refusal(() => validateRequest('traces:import-trace', { data: '/etc/passwd' })).message).toMatch(/data/);
    expect(refusal(() => validateRequest('traces:list-traces', { all: true })).message).toMatch(/all/);
  });
});
