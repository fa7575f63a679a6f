import { describe, expect, it } from 'vitest';
import { VirtualBindingPort } from '../../../src-main/serial/virtual-binding-port';
import { FakeVirtualEndpoint, fakeVirtualPortInfo } from '../../helpers/fake-virtual-endpoint';

const OPTIONS = {
  path: 'sim:x',
  baudRate: 115200,
  dataBits: 8 as const,
  lock: true,
  stopBits: 1 as const,
  parity: 'none',
  rtscts: false,
  xon: false,
  xoff: false,
  xany: false,
  hupcl: false,
};

function setup(): { endpoint: FakeVirtualEndpoint; port: VirtualBindingPort } {
  const endpoint = new FakeVirtualEndpoint(fakeVirtualPortInfo('sim:x'), 115200);
  endpoint.echo = false;
  return { endpoint, port: new VirtualBindingPort(endpoint, OPTIONS) };
}

describe('VirtualBindingPort', () => {
  it('resolves a pending read when board data arrives', async () => {
    const { endpoint, port } = setup();
    const buffer = Buffer.alloc(16);
    const read = port.read(buffer, 4, 8);
    endpoint.sendToHost(Uint8Array.of(0xc0, 0x01, 0x02));
    const result = await read;
    expect(result.bytesRead).toBe(3);
    expect([...buffer.subarray(4, 7)]).toEqual([0xc0, 0x01, 0x02]);
  });

  it('keeps what does not fit for the next read, in order', async () => {
    const { endpoint, port } = setup();
    endpoint.sendToHost(Uint8Array.of(1, 2, 3, 4, 5));
    endpoint.sendToHost(Uint8Array.of(6, 7));
    const buffer = Buffer.alloc(4);
    expect((await port.read(buffer, 0, 4)).bytesRead).toBe(4);
    expect([...buffer]).toEqual([1, 2, 3, 4]);
    const second = Buffer.alloc(10);
    expect((await port.read(second, 0, 10)).bytesRead).toBe(3);
    expect([...second.subarray(0, 3)]).toEqual([5, 6, 7]);
  });

  it('cancels a pending read on close and closes the endpoint', async () => {
    const { endpoint, port } = setup();
    const read = port.read(Buffer.alloc(4), 0, 4);
    await port.close();
    await expect(read).rejects.toMatchObject({ canceled: true });
    expect(endpoint.closed).toBe(true);
    expect(port.isOpen).toBe(false);
    await expect(port.write(Buffer.of(1))).rejects.toMatchObject({ canceled: true });
    await expect(port.close()).rejects.toThrow(/not open/);
  });

  it('fails a pending read as a disconnect (not canceled) on unplug', async () => {
    const { endpoint, port } = setup();
    const read = port.read(Buffer.alloc(4), 0, 4);
    endpoint.unplug();
    await expect(read).rejects.toMatchObject({ canceled: false, disconnect: true });
    await expect(port.write(Buffer.of(1))).rejects.toMatchObject({ canceled: false });
    await port.close();
    expect(endpoint.closed).toBe(true);
  });

  it('passes writes, both lines and baud changes to the endpoint', async () => {
    const { endpoint, port } = setup();
    await port.write(Buffer.of(1, 2, 3));
    await port.set({ dtr: true, rts: false, brk: false, cts: false });
    await port.update({ baudRate: 921600 });
    expect(endpoint.writtenBytes).toBe(3);
    expect(endpoint.lineChanges).toEqual([{ dtr: true, rts: false }]);
    expect(endpoint.baudChanges).toEqual([921600]);
    expect(await port.getBaudRate()).toEqual({ baudRate: 921600 });
    await expect(port.update({ baudRate: -1 })).rejects.toThrow(/not supported/);
  });

  it('treats a missing line flag as asserted, like the serialport default', async () => {
    const { endpoint, port } = setup();
    await port.set({ dtr: false });
    expect(endpoint.lineChanges).toEqual([{ dtr: false, rts: true }]);
  });

  it('flush drops data not yet read', async () => {
    const { endpoint, port } = setup();
    endpoint.sendToHost(Uint8Array.of(1, 2));
    await port.flush();
    const read = port.read(Buffer.alloc(4), 0, 4);
    endpoint.sendToHost(Uint8Array.of(9));
    expect((await read).bytesRead).toBe(1);
  });
});
