import { describe, expect, it } from 'vitest';
import { compareFlashParams, describeParams, dualOnlyReason, readHeader } from '../../../../src-main/diagnostics/checks/flash-mode-compare';
import type { ChipInfo } from '../../../../src-shared/flash-job';

const MB = 1024 * 1024;
const esp32: ChipInfo = {
  chip: 'esp32',
  name: 'ESP32',
  description: 'ESP32-D0WD-V3',
  revision: 301,
  features: ['Wi-Fi', 'BT'],
  crystalMhz: 40,
  mac: '24:0a:c4:00:00:01',
  secureDownloadMode: false,
  stubRunning: true,
};

/** Header bytes: magic, segments, mode, size<<4 | freq. */
const header = (mode: number, sizeFrequency: number, magic = 0xe9): Uint8Array => Uint8Array.from([magic, 3, mode, sizeFrequency, 0, 0, 0, 0x40, 0xee, 0, 0, 0, 0, 0, 0, 0]);

describe('readHeader', () => {
  it('decodes mode, size and frequency for the chip', () => {
    const reading = readHeader('esp32', header(0, 0x20), 0x1000);
    expect(reading.valid).toBe(true);
    expect(describeParams(reading.params)).toEqual({ flashMode: 'QIO', flashSize: '4MB', flashFrequency: '40m' });
    expect(describeParams(readHeader('esp8266', header(2, 0x4f), 0).params)).toEqual({ flashMode: 'DIO', flashSize: '4MB', flashFrequency: '80m' });
  });

  it('no image: erased flash or another magic', () => {
    expect(readHeader('esp32', new Uint8Array(16).fill(0xff), 0x1000)).toEqual({ offset: 0x1000, valid: false });
    expect(describeParams(undefined)).toEqual({ flashMode: 'none', flashSize: 'none', flashFrequency: 'none' });
  });
});

describe('compareFlashParams', () => {
  it('a header that fits gives no findings', () => {
    expect(compareFlashParams('bootloader', readHeader('esp32', header(2, 0x20), 0x1000).params!, esp32, 4 * MB)).toEqual([]);
  });

  it('a header larger than the flash is a problem; smaller is a note', () => {
    const larger = compareFlashParams('bootloader', readHeader('esp32', header(2, 0x30), 0x1000).params!, esp32, 4 * MB);
    expect(larger).toEqual([expect.objectContaining({ severity: 'problem', text: expect.stringMatching(/says 8MB but the flash chip has 4MB/) })]);
    const smaller = compareFlashParams('bootloader', readHeader('esp32', header(2, 0x10), 0x1000).params!, esp32, 4 * MB);
    expect(smaller).toEqual([expect.objectContaining({ severity: 'note' })]);
  });

  it('QIO on a chip with dual-only flash is a problem', () => {
    const embedded: ChipInfo = { ...esp32, features: [...esp32.features, 'Embedded Flash'] };
    const findings = compareFlashParams('bootloader', readHeader('esp32', header(0, 0x20), 0x1000).params!, embedded, 4 * MB);
    expect(findings).toEqual([expect.objectContaining({ severity: 'problem', text: expect.stringMatching(/asks for QIO.*--flash-mode dio/) })]);
    expect(compareFlashParams('bootloader', readHeader('esp32', header(2, 0x20), 0x1000).params!, embedded, 4 * MB)).toEqual([]);
  });

  it('knows which chips are dual-only', () => {
    expect(dualOnlyReason({ ...esp32, chip: 'esp8266', name: 'ESP8266', description: 'ESP8285H16' })).toMatch(/ESP8285/);
    expect(dualOnlyReason({ ...esp32, features: ['Embedded Flash 4MB (XMC)'] })).toMatch(/\[INFERRED\]/);
    expect(dualOnlyReason(esp32)).toBeUndefined();
  });
});
