import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import type { BindingInterface } from '../../../src-main/serial/binding-types';
import { createCompositeBinding } from '../../../src-main/serial/serialport-binding';
import { FakeVirtualBoardRegistry, fakeVirtualPortInfo } from '../../helpers/fake-virtual-endpoint';

const brokenNative = (): Promise<BindingInterface> =>
  Promise.reject(new Error('No native build was found for platform=linux arch=x64 runtime=electron'));

describe('createCompositeBinding', () => {
  it('opens virtual boards even when the native module cannot load', async () => {
    const registry = new FakeVirtualBoardRegistry(['sim:esp32']);
    const binding = createCompositeBinding(registry, { loadNative: brokenNative });
    const port = await binding.open({ path: 'sim:esp32', baudRate: 115200, hupcl: false });
    expect(port.isOpen).toBe(true);
    expect(port.openOptions).toMatchObject({ path: 'sim:esp32', baudRate: 115200, hupcl: false, dataBits: 8, lock: true });
    await port.close();
    expect(registry.last('sim:esp32').closed).toBe(true);
  });

  it('turns a broken native module into port.open-failed with the reason', async () => {
    const binding = createCompositeBinding(new FakeVirtualBoardRegistry(), { loadNative: brokenNative });
    const error: unknown = await binding.open({ path: '/dev/ttyUSB0', baudRate: 115200 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EspError);
    expect(error).toMatchObject({
      code: 'port.open-failed',
      evidence: { path: '/dev/ttyUSB0', reason: 'No native build was found for platform=linux arch=x64 runtime=electron' },
    });
  });

  it('routes non-virtual paths to the native binding', async () => {
    const opened: string[] = [];
    const native: BindingInterface = {
      list: async () => [
        { path: 'COM4', manufacturer: 'FTDI', serialNumber: undefined, pnpId: undefined, locationId: undefined, vendorId: '0403', productId: '6001' },
      ],
      open: async (options) => {
        opened.push(options.path);
        throw new Error('Opening COM4: Access denied');
      },
    };
    const registry = new FakeVirtualBoardRegistry(['sim:a'], [fakeVirtualPortInfo('sim:b', { usb: { vendorId: 0x10c4, productId: 0xea60 } })]);
    const binding = createCompositeBinding(registry, { loadNative: async () => native });
    await expect(binding.open({ path: 'COM4', baudRate: 115200 })).rejects.toThrow('Opening COM4: Access denied');
    expect(opened).toEqual(['COM4']);
    const listed = await binding.list();
    expect(listed.map((port) => [port.path, port.vendorId, port.productId])).toEqual([
      ['sim:a', undefined, undefined],
      ['sim:b', '10c4', 'ea60'],
      ['COM4', '0403', '6001'],
    ]);
  });

  it('lists virtual boards when the native list fails', async () => {
    const binding = createCompositeBinding(new FakeVirtualBoardRegistry(['sim:a']), { loadNative: brokenNative });
    expect((await binding.list()).map((port) => port.path)).toEqual(['sim:a']);
  });
});
