import { describe, expect, it } from 'vitest';
import {
  ROM_BAUD_RATE,
  STANDARD_BAUD_RATES,
  bridgeById,
  bridgeForUsbIds,
  formatUsbIds,
  isEspressifUsb,
  parseUsbIdPart,
  usesUsbSerialJtag,
  type BridgeId,
} from '../../../src-shared/serial';

describe('formatUsbIds', () => {
  it('prints upper-case, zero-padded VID:PID', () => {
    expect(formatUsbIds({ vendorId: 0x10c4, productId: 0xea60 })).toBe('10C4:EA60');
    expect(formatUsbIds({ vendorId: 0x0403, productId: 0x6001 })).toBe('0403:6001');
    expect(formatUsbIds({ vendorId: 0x303a, productId: 0x0002 })).toBe('303A:0002');
  });
});

describe('bridgeForUsbIds (§9 table)', () => {
  const table: Array<[number, number, BridgeId]> = [
    [0x10c4, 0xea60, 'cp210x'],
    [0x10c4, 0xea63, 'cp210x'],
    [0x10c4, 0xea70, 'cp2105'],
    [0x10c4, 0xea71, 'cp2108'],
    [0x10c4, 0xea64, 'cp2102c'],
    [0x1a86, 0x7523, 'ch340'],
    [0x1a86, 0x5523, 'ch341'],
    [0x1a86, 0x55d4, 'ch9102'],
    [0x1a86, 0x55d3, 'ch343'],
    [0x0403, 0x6001, 'ft232r'],
    [0x0403, 0x6010, 'ft2232'],
    [0x0403, 0x6011, 'ft4232h'],
    [0x0403, 0x6014, 'ft232h'],
    [0x0403, 0x6015, 'ft-x'],
    [0x067b, 0x2303, 'pl2303'],
    [0x303a, 0x1001, 'esp-usb-serial-jtag'],
    [0x303a, 0x1002, 'esp-usb-bridge'],
    [0x303a, 0x0002, 'esp-usb-otg'],
    [0x303a, 0x0009, 'esp-usb-otg'],
    [0x303a, 0x0012, 'esp-usb-otg'],
  ];
  it.each(table)('%s:%s -> %s', (vendorId, productId, id) => {
    const bridge = bridgeForUsbIds({ vendorId, productId });
    expect(bridge?.id).toBe(id);
    expect(bridgeById(id)).toEqual(bridge);
  });

  it('knows nothing of other ids', () => {
    expect(bridgeForUsbIds({ vendorId: 0x2341, productId: 0x0043 })).toBeUndefined();
    expect(bridgeForUsbIds({ vendorId: 0x303a, productId: 0x0005 })).toBeUndefined();
  });

  it('only the CP2102C has always-on hardware flow control', () => {
    expect(bridgeById('cp2102c').hardwareFlowControl).toBe(true);
    for (const [vendorId, productId, id] of table) {
      if (id !== 'cp2102c') expect(bridgeForUsbIds({ vendorId, productId })?.hardwareFlowControl ?? false).toBe(false);
    }
  });

  it('the chip\'s own USB-Serial/JTAG and USB-OTG are native USB; UART bridges are not', () => {
    expect(bridgeById('esp-usb-serial-jtag').nativeUsb).toBe(true);
    expect(bridgeById('esp-usb-otg').nativeUsb).toBe(true);
    expect(bridgeById('cp210x').nativeUsb).toBe(false);
    expect(bridgeById('ch340').nativeUsb).toBe(false);
    expect(bridgeById('esp-usb-bridge').nativeUsb).toBe(false);
  });
});

describe('usesUsbSerialJtag', () => {
  it('is true only for 303A:1001', () => {
    expect(usesUsbSerialJtag({ vendorId: 0x303a, productId: 0x1001 })).toBe(true);
    expect(usesUsbSerialJtag({ vendorId: 0x303a, productId: 0x1002 })).toBe(false);
    expect(usesUsbSerialJtag({ vendorId: 0x303a, productId: 0x0009 })).toBe(false);
    expect(usesUsbSerialJtag({ vendorId: 0x10c4, productId: 0x1001 })).toBe(false);
    expect(usesUsbSerialJtag(undefined)).toBe(false);
  });

  it('isEspressifUsb checks the vendor', () => {
    expect(isEspressifUsb({ vendorId: 0x303a, productId: 0x0002 })).toBe(true);
    expect(isEspressifUsb({ vendorId: 0x10c4, productId: 0xea60 })).toBe(false);
  });
});

describe('parseUsbIdPart', () => {
  it.each<[string | number, number]>([
    ['10c4', 0x10c4],
    ['0x10C4', 0x10c4],
    ['EA60', 0xea60],
    ['0', 0],
    ['ffff', 0xffff],
    [0x303a, 0x303a],
  ])('%j -> %i', (text, value) => {
    expect(parseUsbIdPart(text)).toBe(value);
  });

  it.each<string | number | undefined>([undefined, '', 'xyz', '10000', '-1', 0x10000, -1, 1.5])('%j -> undefined', (text) => {
    expect(parseUsbIdPart(text)).toBeUndefined();
  });

  it('rejects partly hexadecimal text instead of reading its prefix ("undefined when it does not parse")', () => {
    expect(parseUsbIdPart('0x')).toBeUndefined();
    expect(parseUsbIdPart('12zz')).toBeUndefined();
    expect(parseUsbIdPart('10c4:ea60')).toBeUndefined();
    expect(parseUsbIdPart('1 2')).toBeUndefined();
  });
});

describe('baud rates', () => {
  it('ROM sync rate is 115200 and the standard list includes the ESP8266 banner rate 74880', () => {
    expect(ROM_BAUD_RATE).toBe(115200);
    expect(STANDARD_BAUD_RATES).toContain(74880);
    expect(STANDARD_BAUD_RATES).toContain(115200);
    expect([...STANDARD_BAUD_RATES]).toEqual([...STANDARD_BAUD_RATES].sort((a, b) => a - b));
  });
});
