import { CHIPS, DEFAULT_APP_OFFSET, PARTITION_TABLE_OFFSET } from '../../../../src-shared/chips';
import type { ChipId } from '../../../../src-shared/chips';
import { EspError } from '../../../../src-shared/errors';
import { encodeAppDescriptor } from '../app-descriptor-writer';
import { encodeEsp32Image } from '../esp32-image-writer';
import { hex } from '../image-bytes';
import type { FlashParamsSpec } from '../image-writer-common';
import { concatBytes } from '../../protocol/packets';
import { codeBytes, initDataBytes, rodataBytes } from './firmware-bytes';
import type { SeededRandom } from './seeded-random';
import { MMU_PAGE_BYTES, SYNTHETIC_ADDRESSES } from './synthetic-layout';

/** Synthetic ESP32-family bootloader and app images (see synthetic-firmware.ts). */

type Esp32Chip = Exclude<ChipId, 'esp8266'>;

const IMAGE_START_BYTES = 24; // 8-byte header + 16-byte extended header
const SEGMENT_HEADER_BYTES = 8;
const BOOTLOADER_BYTES = 0x4000;

/** ESP-IDF's default maximum chip revision: v3.99 on ESP32, v0.99 elsewhere [INFERRED from IDF Kconfig defaults]. */
function maxRevisionFull(chip: Esp32Chip): number {
  return chip === 'esp32' ? 399 : 99;
}

function align4(value: number): number {
  return Math.max(4, Math.floor(value / 4) * 4);
}

export function buildSyntheticBootloader(chip: Esp32Chip, random: SeededRandom, params: FlashParamsSpec): Uint8Array {
  const addresses = SYNTHETIC_ADDRESSES[chip];
  const dramBytes = 0x800;
  const iramBytes = BOOTLOADER_BYTES - dramBytes - 0x100;
  const room = PARTITION_TABLE_OFFSET - CHIPS[chip].bootloaderOffset;
  if (BOOTLOADER_BYTES > room) throw new EspError('internal.unexpected', { evidence: { detail: 'synthetic bootloader does not fit before 0x8000', chip } });
  return encodeEsp32Image({
    chip,
    ...params,
    entryAddress: addresses.bootloaderIram + 0x400,
    maxRevisionFull: maxRevisionFull(chip),
    segments: [
      { loadAddress: addresses.bootloaderDram, data: concatBytes(initDataBytes(random, dramBytes / 2), rodataBytes(random, dramBytes / 2, addresses.bootloaderDram)) },
      { loadAddress: addresses.bootloaderIram, data: codeBytes(random, iramBytes, addresses.instructionBytes, addresses.bootloaderDram) },
    ],
  });
}

export interface SyntheticAppSpec {
  readonly appName: string;
  readonly appVersion: string;
  readonly appSizeBytes: number;
}

export function buildSyntheticApp(chip: Esp32Chip, random: SeededRandom, params: FlashParamsSpec, spec: SyntheticAppSpec): Uint8Array {
  const addresses = SYNTHETIC_ADDRESSES[chip];
  const bodyBytes = Math.max(spec.appSizeBytes - 96, 0x1000);
  const dromBytes = align4(bodyBytes * 0.3);
  const iromBytes = align4(bodyBytes * 0.55);
  const dramBytes = align4(bodyBytes * 0.03);
  const iramBytes = align4(bodyBytes - dromBytes - iromBytes - dramBytes);
  const descriptor = encodeAppDescriptor({ projectName: spec.appName, version: spec.appVersion, elfSha256: random.bytes(32) });
  const drom = concatBytes(descriptor, rodataBytes(random, dromBytes - descriptor.length, addresses.drom));
  // The DROM data starts at file offset 0x20, so its vaddr is page + 0x20. IROM follows; its
  // vaddr takes the page offset its data lands on (the app sits at a 64 KB aligned offset).
  const iromDataOffset = IMAGE_START_BYTES + SEGMENT_HEADER_BYTES + drom.length + SEGMENT_HEADER_BYTES;
  return encodeEsp32Image({
    chip,
    ...params,
    entryAddress: addresses.iram + 4 * random.int(Math.min(iramBytes, 0x1000) / 4),
    maxRevisionFull: maxRevisionFull(chip),
    segments: [
      { loadAddress: addresses.drom + IMAGE_START_BYTES + SEGMENT_HEADER_BYTES, data: drom },
      { loadAddress: addresses.irom + (iromDataOffset % MMU_PAGE_BYTES), data: codeBytes(random, iromBytes, addresses.instructionBytes, addresses.drom) },
      { loadAddress: addresses.dram, data: initDataBytes(random, dramBytes) },
      { loadAddress: addresses.iram, data: codeBytes(random, iramBytes, addresses.instructionBytes, addresses.dram) },
    ],
  });
}

/** Factory partition size: 1 MB as in IDF's default table, more when the app needs it. */
export function factoryPartitionBytes(appBytes: number, flashBytes: number, chip: ChipId): number {
  const needed = Math.ceil(appBytes / 0x10000) * 0x10000;
  const sizeBytes = Math.max(0x100000, needed);
  const available = flashBytes - DEFAULT_APP_OFFSET;
  if (needed > available) {
    throw new EspError('input.invalid', {
      message: `A synthetic app of ${appBytes} bytes does not fit in the ${hex(flashBytes)} bytes of flash.`,
      hint: 'Choose a smaller app size or a larger flash size.',
      evidence: { appSizeBytes: appBytes, flashSizeBytes: flashBytes, chip },
    });
  }
  return Math.min(sizeBytes, available);
}
