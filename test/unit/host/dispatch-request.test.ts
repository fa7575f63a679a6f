import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { dispatchRequest } from '../../../src-main/host/dispatch-request';
import { createFakeServices } from './fake-services';

describe('dispatchRequest', () => {
  it('validates, calls the handler with the validated request and wraps the value', async () => {
    const services = createFakeServices();
    services.handlers['jobs:cancel-job'].mockResolvedValue({ cancelled: true });
    expect(await dispatchRequest(services.handlers, 'jobs:cancel-job', { jobId: 'j1' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(services.handlers['jobs:cancel-job']).toHaveBeenCalledWith({ jobId: 'j1' });
  });

  it.each([
    ['jobs:start-detect', { port: 'sim:esp32', baudRate: 'fast' }, 'baudRate'],
    ['jobs:start-backup', { port: 'sim:esp32', baudRate: 115200, offset: -1, after: 'hard-reset' }, 'offset'],
    ['files:load-project', { path: 'relative/folder' }, 'path'],
    ['jobs:cancel-job', { jobId: 'j1', extra: true }, 'extra'],
    ['app:get-info', null, 'request'],
  ])('refuses %s with an invalid payload before the handler runs', async (channel, payload, field) => {
    const services = createFakeServices();
    const envelope = await dispatchRequest(services.handlers, channel, payload);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    if (!envelope.ok) expect(envelope.error.message).toContain(field);
    for (const handler of Object.values(services.handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses unknown and non-string channels', async () => {
    const services = createFakeServices();
    expect(await dispatchRequest(services.handlers, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await dispatchRequest(services.handlers, 42, {})).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });

  it('turns thrown errors into envelopes, keeping an EspError\'s code, hint and evidence', async () => {
    const services = createFakeServices();
    services.handlers['jobs:cancel-job'].mockRejectedValue(new EspError('port.busy', { hint: 'close it', evidence: { port: '/dev/ttyUSB0' } }));
    expect(await dispatchRequest(services.handlers, 'jobs:cancel-job', { jobId: 'j1' })).toEqual({
      ok: false,
      error: { code: 'port.busy', message: 'The serial port is in use by another program.', hint: 'close it', evidence: { port: '/dev/ttyUSB0' } },
    });
    services.handlers['jobs:cancel-job'].mockRejectedValue('plain string');
    expect(await dispatchRequest(services.handlers, 'jobs:cancel-job', { jobId: 'j1' })).toMatchObject({ ok: false, error: { code: 'internal.unexpected' } });
  });
});
