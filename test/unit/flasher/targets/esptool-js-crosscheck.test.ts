import type { ESPLoader, ROM } from 'esptool-js';
import { ESP32ROM } from 'esptool-js/lib/targets/esp32.js';
import { ESP32C2ROM } from 'esptool-js/lib/targets/esp32c2.js';
import { ESP32C3ROM } from 'esptool-js/lib/targets/esp32c3.js';
import { ESP32C5ROM } from 'esptool-js/lib/targets/esp32c5.js';
import { ESP32C6ROM } from 'esptool-js/lib/targets/esp32c6.js';
import { ESP32H2ROM } from 'esptool-js/lib/targets/esp32h2.js';
import { ESP32P4ROM } from 'esptool-js/lib/targets/esp32p4.js';
import { ESP32S2ROM } from 'esptool-js/lib/targets/esp32s2.js';
import { ESP32S3ROM } from 'esptool-js/lib/targets/esp32s3.js';
import { ESP8266ROM } from 'esptool-js/lib/targets/esp8266.js';
import { describe, expect, it } from 'vitest';
import { CHIP_IDS, type ChipId } from '../../../../src-shared/chips';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets/index';

/**
 * An independent implementation decodes our sample chips: esptool-js 0.7.0's own target classes
 * (ported from esptool) read the same register images through a fake loader. Virtual boards are
 * built from these images, so esptool-js must see the MAC, crystal and chip name we report.
 */
const ESPTOOL_JS_TARGETS: Record<ChipId, ROM> = {
  esp8266: new ESP8266ROM(),
  esp32: new ESP32ROM(),
  esp32s2: new ESP32S2ROM(),
  esp32s3: new ESP32S3ROM(),
  esp32c2: new ESP32C2ROM(),
  esp32c3: new ESP32C3ROM(),
  esp32c5: new ESP32C5ROM(),
  esp32c6: new ESP32C6ROM(),
  esp32h2: new ESP32H2ROM(),
  esp32p4: new ESP32P4ROM(),
};

function fakeLoader(image: Readonly<Record<number, number>>, baudRate: number): ESPLoader {
  const loader = {
    readReg: (address: number) => Promise.resolve(image[address >>> 0] ?? 0),
    transport: { baudrate: baudRate },
    info: () => undefined,
    debug: () => undefined,
  };
  return loader as unknown as ESPLoader;
}

describe('esptool-js reads the sample chips the way our readers do', () => {
  for (const id of CHIP_IDS) {
    it(id, async () => {
      const definition = CHIP_DEFINITIONS[id];
      const target = ESPTOOL_JS_TARGETS[id];
      const loader = fakeLoader(definition.sampleRegisters, 115200);
      const read = (address: number): Promise<number> => Promise.resolve(definition.sampleRegisters[address] ?? 0);

      expect(await target.readMac(loader)).toBe(await definition.readMac(read));
      expect(await target.getCrystalFreq(loader)).toBe(definition.crystal.fixedMhz ?? definition.crystal.typicalMhz);
      // esptool-js still uses the old C6 package field and names it without the package.
      if (id !== 'esp32c6') {
        expect(await target.getChipDescription(loader)).toMatch(new RegExp(`^${escape(await definition.readDescription(read))}`));
      }
    });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
