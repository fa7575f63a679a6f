import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import type { BindingInterface, BindingSetOptions } from '../../../src-main/serial/binding-types';
import { openSerialTransport } from '../../../src-main/serial/native-transport';
import { VirtualBindingPort } from '../../../src-main/serial/virtual-binding-port';
import { FakeVirtualBoardRegistry, FakeVirtualEndpoint, fakeVirtualPortInfo } from '../../helpers/fake-virtual-endpoint';

async function rejection(promise: Promise<unknown>): Promise<EspError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EspError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** A binding whose port answers set() like a driver without modem lines. */
function bindingWithFailingSet(failure: Error): { binding: BindingInterface; endpoint: FakeVirtualEndpoint; setCalls: BindingSetOptions[] } {
  const endpoint = new FakeVirtualEndpoint(fakeVirtualPortInfo('/dev/pts/7', { kind: 'native' }), 115200);
  const setCalls: BindingSetOptions[] = [];
  const binding: BindingInterface = {
    list: async () => [],
    async open(options) {
      const port = new VirtualBindingPort(endpoint, {
        dataBits: 8,
        lock: true,
        stopBits: 1,
        parity: 'none',
        rtscts: false,
        xon: false,
        xoff: false,
        xany: false,
        hupcl: true,
        ...options,
      });
      port.set = async (flags) => {
        setCalls.push(flags);
        throw failure;
      };
      return port;
    },
  };
  return { binding, endpoint, setCalls };
}

describe('openSerialTransport', () => {
  it('reports a nonexistent native path as port.not-found', async () => {
    const error = await rejection(openSerialTransport('/dev/ttyDOESNOTEXIST', { baudRate: 115200 }));
    expect(error.code).toBe('port.not-found');
    expect(error.evidence['path']).toBe('/dev/ttyDOESNOTEXIST');
    expect(String(error.evidence['osMessage'])).toMatch(/No such file or directory/);
  });

  it('passes virtual board errors through with the path', async () => {
    const registry = new FakeVirtualBoardRegistry(['sim:a']);
    const unknown = await rejection(openSerialTransport('sim:nope', { baudRate: 115200 }, { virtualBoards: registry }));
    expect(unknown.code).toBe('port.not-found');
    expect(unknown.evidence['path']).toBe('sim:nope');
    const first = await openSerialTransport('sim:a', { baudRate: 115200 }, { virtualBoards: registry });
    const busy = await rejection(openSerialTransport('sim:a', { baudRate: 115200 }, { virtualBoards: registry }));
    expect(busy.code).toBe('port.busy');
    await first.close();
  });

  it('rejects invalid baud rates before touching the port', async () => {
    const registry = new FakeVirtualBoardRegistry(['sim:a']);
    const error = await rejection(openSerialTransport('sim:a', { baudRate: 1.5 }, { virtualBoards: registry }));
    expect(error.code).toBe('input.invalid');
    expect(registry.opened.size).toBe(0);
  });

  it('takes the port info from the virtual board', async () => {
    const info = fakeVirtualPortInfo('sim:jtag', { usb: { vendorId: 0x303a, productId: 0x1001 }, description: 'Virtual C3' });
    const registry = new FakeVirtualBoardRegistry([], [info]);
    const transport = await openSerialTransport('sim:jtag', { baudRate: 115200 }, { virtualBoards: registry });
    expect(transport.info).toEqual(info);
    await transport.close();
  });

  it('delivers bytes that arrived before the first onData', async () => {
    const registry = new FakeVirtualBoardRegistry(['sim:a']);
    const transport = await openSerialTransport('sim:a', { baudRate: 74880 }, { virtualBoards: registry });
    expect(registry.last('sim:a').openBaudRate).toBe(74880);
    registry.last('sim:a').sendToHost(new TextEncoder().encode('ets Jan  8 2013'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const seen: number[] = [];
    transport.onData((chunk) => seen.push(...chunk));
    expect(new TextDecoder().decode(Uint8Array.from(seen))).toBe('ets Jan  8 2013');
    await transport.close();
  });

  it('marks line control unsupported on ENOTTY instead of failing (pty)', async () => {
    const { binding, endpoint, setCalls } = bindingWithFailingSet(new Error('Error: Inappropriate ioctl for device, cannot set'));
    const transport = await openSerialTransport('/dev/pts/7', { baudRate: 115200 }, { binding, info: endpoint.info });
    expect(setCalls).toEqual([{ brk: false, cts: false, dtr: false, rts: false }]);
    expect(transport.info.lineControl).toBe(false);
    expect(transport.warnings).toHaveLength(1);
    expect(transport.warnings![0]).toMatch(/Chip was NOT reset.*\/dev\/pts\/7/);
    await transport.setLines({ dtr: true, rts: false });
    expect(transport.lines).toEqual({ dtr: true, rts: false });
    expect(setCalls).toHaveLength(1);
    await transport.close();
    expect(setCalls).toHaveLength(1);
    expect(endpoint.closed).toBe(true);
  });

  it('fails the open and closes the port when setting the lines fails otherwise', async () => {
    const { binding, endpoint } = bindingWithFailingSet(new Error('Error: Input/output error, cannot set'));
    const error = await rejection(openSerialTransport('/dev/pts/7', { baudRate: 115200 }, { binding, info: endpoint.info }));
    expect(error.code).toBe('port.io-failed');
    expect(error.evidence).toMatchObject({ path: '/dev/pts/7', operation: 'setLines' });
    expect(endpoint.closed).toBe(true);
  });
});
