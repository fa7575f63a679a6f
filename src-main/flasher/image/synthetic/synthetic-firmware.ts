import { CHIPS, DEFAULT_APP_OFFSET, PARTITION_TABLE_OFFSET } from '../../../../src-shared/chips';
import type { ChipId } from '../../../../src-shared/chips';
import { EspError } from '../../../../src-shared/errors';
import { flashSizeBytesFromName } from '../../../../src-shared/flash';
import type { FlashParamsSpec } from '../image-writer-common';
import { encodePartitionTable } from '../partition-table-writer';
import { DATA_SUBTYPE, PARTITION_TYPE_APP, PARTITION_TYPE_DATA } from '../partition-types';
import { SeededRandom } from './seeded-random';
import { buildSyntheticApp, buildSyntheticBootloader, factoryPartitionBytes } from './synthetic-esp32';
import { buildSyntheticEsp8266Image, buildSyntheticIrom } from './synthetic-esp8266';
import { ESP8266_SYNTHETIC } from './synthetic-layout';
import type { Esp32SyntheticFirmware, Esp8266SyntheticFirmware, SyntheticFirmware, SyntheticFirmwareOptions } from './synthetic-types';

/**
 * Valid, deterministic, firmware-like images for tests, the flash benchmark and the app's demo.
 * ESP32 family: bootloader at the chip's bootloader offset, IDF's single-app partition table at
 * 0x8000 (nvs 0x9000/0x6000, phy_init 0xf000/0x1000, factory 0x10000), and an app with an
 * app descriptor and SHA-256 at 0x10000. ESP8266: a v1 image at 0x0 plus raw IROM at 0x10000.
 * The bytes compress (zlib level 9) to roughly 55-70 % of their size, like real firmware.
 */
const DEFAULT_APP_BYTES = 256 * 1024;

function flashBytes(name: string): number {
  const bytes = flashSizeBytesFromName(name);
  if (bytes === undefined) throw new EspError('input.invalid', { message: `"${name}" is not a flash size.`, evidence: { flashSize: name } });
  return bytes;
}

function buildEsp32(chip: Exclude<ChipId, 'esp8266'>, options: SyntheticFirmwareOptions, params: FlashParamsSpec, random: SeededRandom): Esp32SyntheticFirmware {
  const appName = options.appName ?? 'esp-companion-demo';
  const appData = buildSyntheticApp(chip, random, params, {
    appName,
    appVersion: options.appVersion ?? '1.0.0',
    appSizeBytes: options.appSizeBytes ?? DEFAULT_APP_BYTES,
  });
  const factoryBytes = factoryPartitionBytes(appData.length, flashBytes(params.flashSize ?? '4MB'), chip);
  const table = encodePartitionTable([
    { name: 'nvs', type: PARTITION_TYPE_DATA, subtype: DATA_SUBTYPE.nvs, offset: 0x9000, sizeBytes: 0x6000 },
    { name: 'phy_init', type: PARTITION_TYPE_DATA, subtype: DATA_SUBTYPE.phy, offset: 0xf000, sizeBytes: 0x1000 },
    { name: 'factory', type: PARTITION_TYPE_APP, subtype: 0x00, offset: DEFAULT_APP_OFFSET, sizeBytes: factoryBytes },
  ]);
  const bootloader = { role: 'bootloader', name: 'bootloader.bin', offset: CHIPS[chip].bootloaderOffset, data: buildSyntheticBootloader(chip, random, params) } as const;
  const partitionTable = { role: 'partition-table', name: 'partition-table.bin', offset: PARTITION_TABLE_OFFSET, data: table } as const;
  const app = { role: 'app', name: `${appName}.bin`, offset: DEFAULT_APP_OFFSET, data: appData } as const;
  return { family: 'esp32', chip, bootloader, partitionTable, app, parts: [bootloader, partitionTable, app] };
}

function buildEsp8266(options: SyntheticFirmwareOptions, params: FlashParamsSpec, random: SeededRandom): Esp8266SyntheticFirmware {
  const appName = options.appName ?? 'esp-companion-demo';
  const iromBytes = options.appSizeBytes ?? DEFAULT_APP_BYTES;
  const available = flashBytes(params.flashSize ?? '4MB') - ESP8266_SYNTHETIC.iromFlashOffset;
  if (iromBytes > available) {
    throw new EspError('input.invalid', {
      message: `A synthetic IROM part of ${iromBytes} bytes does not fit in the ${params.flashSize ?? '4MB'} flash.`,
      evidence: { appSizeBytes: iromBytes, availableBytes: available },
    });
  }
  const image = { role: 'esp8266-image', name: `${appName}-0x00000.bin`, offset: 0, data: buildSyntheticEsp8266Image(random, params) } as const;
  const irom = { role: 'irom', name: `${appName}-0x10000.bin`, offset: ESP8266_SYNTHETIC.iromFlashOffset, data: buildSyntheticIrom(random, iromBytes) } as const;
  return { family: 'esp8266', chip: 'esp8266', image, irom, parts: [image, irom] };
}

export function buildSyntheticFirmware(chip: 'esp8266', options?: SyntheticFirmwareOptions): Esp8266SyntheticFirmware;
export function buildSyntheticFirmware(chip: Exclude<ChipId, 'esp8266'>, options?: SyntheticFirmwareOptions): Esp32SyntheticFirmware;
export function buildSyntheticFirmware(chip: ChipId, options?: SyntheticFirmwareOptions): SyntheticFirmware;
export function buildSyntheticFirmware(chip: ChipId, options: SyntheticFirmwareOptions = {}): SyntheticFirmware {
  const random = new SeededRandom(options.seed ?? 1);
  const params: FlashParamsSpec = { flashMode: options.flashMode ?? 'dio', flashSize: options.flashSize ?? '4MB' };
  return chip === 'esp8266' ? buildEsp8266(options, params, random) : buildEsp32(chip, options, params, random);
}
