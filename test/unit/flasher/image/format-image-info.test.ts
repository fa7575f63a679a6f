import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMergedImage } from '../../../../src-main/flasher/image/build-merged-image';
import { describeFlashFile } from '../../../../src-main/flasher/image/describe-flash-file';
import { formatImageInfo } from '../../../../src-main/flasher/image/format-image-info';
import { buildSyntheticFirmware } from '../../../../src-main/flasher/image/synthetic/synthetic-firmware';

// The hand-built one-segment ESP32-S3 image of esp32-image.test.ts.
const BODY = Uint8Array.from([
  0xe9, 0x01, 0x02, 0x20, 0x00, 0x00, 0x38, 0x40,
  0xee, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x63, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
  0x00, 0x80, 0xc8, 0x3f, 0x08, 0x00, 0x00, 0x00,
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe7,
]);
const DIGEST_HEX = createHash('sha256').update(BODY).digest('hex');
const IMAGE = Uint8Array.from([...BODY, ...Buffer.from(DIGEST_HEX, 'hex')]);

describe('formatImageInfo', () => {
  it('shows header fields, the segment table, checksum and hash validity', () => {
    const lines = formatImageInfo(describeFlashFile(IMAGE, 0x0));
    expect(lines[0]).toBe('Detected: ESP32-S3 bootloader');
    expect(lines).toContain('Entry point: 0x40380000');
    expect(lines).toContain('Flash size: 4MB');
    expect(lines).toContain('Flash freq: 40m');
    expect(lines).toContain('Flash mode: DIO');
    expect(lines).toContain('Chip ID: 9 (ESP32-S3)');
    expect(lines).toContain('Maximal chip revision: v0.99');
    expect(lines).toContain('      0  0x00008  0x3fc88000  0x00000018  BYTE_ACCESSIBLE, MEM_INTERNAL, DRAM');
    expect(lines).toContain('Checksum: 0xe7 (valid)');
    expect(lines).toContain(`Validation hash: ${DIGEST_HEX} (valid)`);
  });

  it('says invalid and gives the calculated values when the image is damaged', () => {
    const damaged = IMAGE.slice();
    damaged[32] ^= 0x01;
    const lines = formatImageInfo(describeFlashFile(damaged, 0x0));
    expect(lines).toContain('Checksum: 0xe7 (invalid - calculated 0xe6)');
    expect(lines.some((line) => line.startsWith(`Validation hash: ${DIGEST_HEX} (invalid - calculated `))).toBe(true);
  });

  it('shows the app descriptor and, for merged files, every part with the partition table', () => {
    const firmware = buildSyntheticFirmware('esp32c3', { appName: 'weather', appVersion: '2.3.4', appSizeBytes: 32 * 1024 });
    const lines = formatImageInfo(describeFlashFile(buildMergedImage(firmware.parts), 0x0));
    expect(lines[0]).toBe('Detected: merged ESP32-C3 image: bootloader, partition table, app "weather"');
    expect(lines).toContain('--- bootloader at 0x0 ---');
    expect(lines).toContain('--- factory at 0x10000 ---');
    expect(lines).toContain('Project name: weather');
    expect(lines).toContain('App version: 2.3.4');
    expect(lines.some((line) => /^nvs\s+data\s+nvs\s+0x9000\s+0x6000\s+24KB$/.test(line))).toBe(true);
    expect(lines.some((line) => /^MD5: [0-9a-f]{32} \(valid\)$/.test(line))).toBe(true);
  });

  it('formats ESP8266 images', () => {
    const firmware = buildSyntheticFirmware('esp8266', { appSizeBytes: 16 * 1024 });
    const lines = formatImageInfo(describeFlashFile(firmware.image.data, 0x0, 'esp8266'));
    expect(lines).toContain('ESP8266 (v1) image header');
    expect(lines.filter((line) => line.startsWith('Checksum:'))).toEqual([expect.stringMatching(/\(valid\)$/)]);
  });
});
