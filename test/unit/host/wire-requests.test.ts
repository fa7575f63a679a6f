import { describe, expect, it } from 'vitest';
import { parseIncomingFrame } from '../../../src-main/host/wire-requests';

const text = (value: string): Buffer => Buffer.from(value, 'utf8');

describe('parseIncomingFrame', () => {
  it('reads a request and restores bytes', () => {
    const frame = parseIncomingFrame(text('{"type":"request","id":3,"channel":"files:save-file","payload":{"data":{"$bytes":"AAH/"}}}'), false, 1024);
    expect(frame).toEqual({ kind: 'request', id: 3, channel: 'files:save-file', payload: { data: new Uint8Array([0, 1, 255]) } });
  });

  it('closes on binary frames, bad JSON and messages without an id', () => {
    expect(parseIncomingFrame(text('{}'), true, 1024)).toMatchObject({ kind: 'close', code: 1003 });
    expect(parseIncomingFrame(text('{"type":'), false, 1024)).toMatchObject({ kind: 'close', code: 1007 });
    expect(parseIncomingFrame(text('[1,2]'), false, 1024)).toMatchObject({ kind: 'close', code: 1008 });
    expect(parseIncomingFrame(text('{"type":"request","id":-1}'), false, 1024)).toMatchObject({ kind: 'close', code: 1008 });
    expect(parseIncomingFrame(text('{"type":"request","id":1.5}'), false, 1024)).toMatchObject({ kind: 'close', code: 1008 });
  });

  it('answers a non-request message that has an id', () => {
    const frame = parseIncomingFrame(text('{"type":"response","id":4,"envelope":{}}'), false, 1024);
    expect(frame).toMatchObject({ kind: 'reply-error', id: 4, envelope: { ok: false, error: { code: 'input.invalid' } } });
  });

  it('answers an oversized request by the id in its first bytes, with sizes in MiB', () => {
    const big = text(`{"type":"request","id":12,"channel":"files:save-file","payload":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    const frame = parseIncomingFrame(big, false, 2 * 1024 * 1024);
    expect(frame.kind).toBe('reply-error');
    if (frame.kind !== 'reply-error') return;
    expect(frame.id).toBe(12);
    expect(frame.envelope.ok).toBe(false);
    if (frame.envelope.ok) return;
    expect(frame.envelope.error.code).toBe('input.invalid');
    expect(frame.envelope.error.message).toContain('3.0 MiB');
    expect(frame.envelope.error.message).toContain('limit is 2 MiB');
  });

  it('closes with 1009 when an oversized frame has no readable id', () => {
    expect(parseIncomingFrame(text(`"${'x'.repeat(2000)}"`), false, 1000)).toMatchObject({ kind: 'close', code: 1009 });
  });
});
