import { describe, expect, it } from 'vitest';
import type { PortInfo } from '../../../src-shared/serial';
import { describeNativePort, nativePortInfo, sortPorts } from '../../../src-main/serial/port-description';

describe('describeNativePort', () => {
  it.each([
    [{ path: '/dev/ttyUSB0', vendorId: 0x10c4, productId: 0xea60 }, 'Silicon Labs CP210x (10C4:EA60)'],
    [{ path: '/dev/ttyUSB1', vendorId: 0x1a86, productId: 0x7523, product: 'USB Serial' }, 'WCH CH340 (1A86:7523)'],
    [{ path: '/dev/ttyACM0', vendorId: 0x303a, productId: 0x1001 }, 'Espressif USB-Serial/JTAG (303A:1001)'],
    [{ path: 'COM7', vendorId: 0x0403, productId: 0x6001, manufacturer: 'FTDI' }, 'FTDI FT232R (0403:6001)'],
    [{ path: '/dev/ttyUSB2', vendorId: 0x1234, productId: 0x00ab, product: 'Mystery Serial' }, 'Mystery Serial (1234:00AB)'],
    [{ path: '/dev/ttyUSB3', vendorId: 0x1234, productId: 0x00ab, manufacturer: 'ACME' }, 'ACME (1234:00AB)'],
    [{ path: '/dev/ttyUSB4', vendorId: 0x1234, productId: 0x00ab }, 'USB serial device (1234:00AB)'],
    [{ path: '/dev/ttyS0' }, 'Serial port'],
    [{ path: 'COM1', manufacturer: '(Standard port types)' }, '(Standard port types)'],
  ])('%o -> %s', (record, description) => {
    expect(describeNativePort(record)).toBe(description);
  });
});

describe('nativePortInfo', () => {
  it('fills USB ids, bridge and description', () => {
    const info = nativePortInfo({ path: '/dev/ttyUSB0', vendorId: 0x10c4, productId: 0xea64, serialNumber: 'A1', manufacturer: 'Silicon Labs' });
    expect(info).toMatchObject({
      path: '/dev/ttyUSB0',
      kind: 'native',
      usb: { vendorId: 0x10c4, productId: 0xea64 },
      serialNumber: 'A1',
      manufacturer: 'Silicon Labs',
      description: 'Silicon Labs CP2102C (10C4:EA64)',
      lineControl: true,
    });
    expect(info.bridge?.id).toBe('cp2102c');
  });

  it('has no usb or bridge for plain serial ports', () => {
    const info = nativePortInfo({ path: '/dev/ttyS0' });
    expect(info.usb).toBeUndefined();
    expect(info.bridge).toBeUndefined();
  });
});

describe('sortPorts', () => {
  const port = (path: string, kind: PortInfo['kind'], extra: Partial<PortInfo> = {}): PortInfo => ({
    path,
    kind,
    description: path,
    lineControl: kind !== 'tcp',
    ...extra,
  });

  it('lists USB bridges first, then other USB, virtual boards, plain ports; paths in natural order', () => {
    const cp2102 = nativePortInfo({ path: '/dev/ttyUSB10', vendorId: 0x10c4, productId: 0xea60 });
    const ch340 = nativePortInfo({ path: '/dev/ttyUSB2', vendorId: 0x1a86, productId: 0x7523 });
    const unknownUsb = nativePortInfo({ path: '/dev/ttyUSB1', vendorId: 0x1234, productId: 0x5678 });
    const sorted = sortPorts([
      port('/dev/ttyS0', 'native'),
      port('sim:esp32', 'virtual'),
      unknownUsb,
      cp2102,
      port('sim:esp8266', 'virtual'),
      ch340,
    ]);
    expect(sorted.map((entry) => entry.path)).toEqual([
      '/dev/ttyUSB2',
      '/dev/ttyUSB10',
      '/dev/ttyUSB1',
      'sim:esp32',
      'sim:esp8266',
      '/dev/ttyS0',
    ]);
  });
});
