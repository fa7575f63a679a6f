import { encodeEsp8266V1Image } from '../esp8266-image-writer';
import type { FlashParamsSpec } from '../image-writer-common';
import { isImageMagic } from '../parse-esp-image';
import { PARTITION_MAGIC } from '../partition-table';
import { codeBytes, initDataBytes, rodataBytes } from './firmware-bytes';
import type { SeededRandom } from './seeded-random';
import { ESP8266_SYNTHETIC } from './synthetic-layout';

/**
 * Synthetic ESP8266 firmware as esptool elf2image writes it for the NONOS SDK (fact sheet 7.2):
 * a v1 image with the RAM segments for 0x0, and the IROM code as a raw file for 0x10000.
 */
const IRAM_BYTES = 0x6000; // the ESP8266 IRAM is 32 KB
const DRAM_BYTES = 0x400;
const RODATA_BYTES = 0x1400;

export function buildSyntheticEsp8266Image(random: SeededRandom, params: FlashParamsSpec): Uint8Array {
  return encodeEsp8266V1Image({
    ...params,
    entryAddress: ESP8266_SYNTHETIC.iram + 0x4,
    segments: [
      { loadAddress: ESP8266_SYNTHETIC.iram, data: codeBytes(random, IRAM_BYTES, 3, ESP8266_SYNTHETIC.dram) },
      { loadAddress: ESP8266_SYNTHETIC.dram, data: initDataBytes(random, DRAM_BYTES) },
      { loadAddress: ESP8266_SYNTHETIC.rodata, data: rodataBytes(random, RODATA_BYTES, ESP8266_SYNTHETIC.rodata) },
    ],
  });
}

/** Raw IROM code; its first byte is kept away from image/table magic so nobody mistakes it for an image. */
export function buildSyntheticIrom(random: SeededRandom, sizeBytes: number): Uint8Array {
  const irom = codeBytes(random, Math.max(4, Math.floor(sizeBytes / 4) * 4), 3, ESP8266_SYNTHETIC.iromMapStart);
  if (isImageMagic(irom[0]) || irom[0] === PARTITION_MAGIC[0]) irom[0] = 0x00;
  return irom;
}
