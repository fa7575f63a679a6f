import { describe, expect, it } from 'vitest';
import { sharedTransportView } from '../../../../src-main/diagnostics/checks/shared-transport';
import type { Transport } from '../../../../src-main/serial/transport';
import { LINES_RELEASED } from '../../../../src-shared/reset/lines';

function fakeTransport(): { transport: Transport; emit: (bytes: number[]) => void; closed: () => boolean; listeners: () => number } {
  const listeners = new Set<(chunk: Uint8Array) => void>();
  let closed = false;
  const transport: Transport = {
    info: { path: 'fake', kind: 'virtual', description: 'fake', lineControl: true },
    baudRate: 115200,
    lines: LINES_RELEASED,
    get isOpen() {
      return !closed;
    },
    write: async () => undefined,
    setLines: async () => undefined,
    setBaudRate: async () => undefined,
    flushInput: async () => undefined,
    onData: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose: () => () => undefined,
    close: async () => void (closed = true),
  };
  return { transport, emit: (bytes) => listeners.forEach((listener) => listener(Uint8Array.from(bytes))), closed: () => closed, listeners: () => listeners.size };
}

describe('sharedTransportView', () => {
  it('close detaches the listeners added through the view and leaves the port open', async () => {
    const fake = fakeTransport();
    const outside: number[] = [];
    fake.transport.onData((chunk) => outside.push(...chunk));
    const view = sharedTransportView(fake.transport);
    const seen: number[] = [];
    view.onData((chunk) => seen.push(...chunk));
    fake.emit([1, 2]);
    await view.close();
    fake.emit([3]);
    expect(seen).toEqual([1, 2]);
    expect(outside).toEqual([1, 2, 3]);
    expect(fake.closed()).toBe(false);
    expect(fake.listeners()).toBe(1);
    expect(view.isOpen).toBe(false);
    expect(fake.transport.isOpen).toBe(true);
  });

  it('an unsubscribe through the view works before close too', () => {
    const fake = fakeTransport();
    const view = sharedTransportView(fake.transport);
    const stop = view.onData(() => undefined);
    expect(fake.listeners()).toBe(1);
    stop();
    expect(fake.listeners()).toBe(0);
  });
});
