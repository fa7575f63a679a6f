import { expect, it } from 'vitest';
import { chipFromName } from '../../../../../src-shared/diagnose/logs/chip-names';

it.each([
  ['ESP32-D0WD-V3 (revision v3.0)', 'esp32'],
  ['ESP32-PICO-D4', 'esp32'],
  ['ESP32-S3 (QFN56)', 'esp32s3'],
  ['ESP32-C6FH4 (QFN32)', 'esp32c6'],
  ['ESP8266EX', 'esp8266'],
  ['ESP8285N08', 'esp8266'],
  ['ESP8684H2', 'esp32c2'],
  ['ESP8685 (QFN28)', 'esp32c3'],
  ['esp32dev', 'esp32'],
  ['esp32-s3-devkitc-1', 'esp32s3'],
  ['esp32c3', 'esp32c3'],
  ['esp32cam', 'esp32'],
])('%s is %s', (text, chip) => {
  expect(chipFromName(text)).toBe(chip);
});

it('names that are not a chip give undefined', () => {
  expect(chipFromName('nodemcuv2')).toBeUndefined();
  expect(chipFromName('generic')).toBeUndefined();
  expect(chipFromName('espressif8266')).toBeUndefined();
});
