import type { ChipId } from '../../../../src-shared/chips';
import type { FlashMode } from '../../../../src-shared/flash';
import type { FlashFile } from '../../../../src-shared/firmware/flash-file';

export interface SyntheticFirmwareOptions {
  /** Project name in the app descriptor (ESP32 family) and in file names. */
  readonly appName?: string;
  readonly appVersion?: string;
  /** Approximate size of the app image (ESP32 family) or of the IROM part (ESP8266). Default 256 KiB. */
  readonly appSizeBytes?: number;
  /** Same seed, same bytes. Default 1. */
  readonly seed?: number;
  /** Header flash mode; default 'dio'. */
  readonly flashMode?: FlashMode;
  /** Header flash size name; default '4MB'. Also bounds the partition table. */
  readonly flashSize?: string;
}

export type SyntheticRole = 'bootloader' | 'partition-table' | 'app' | 'esp8266-image' | 'irom';

export interface SyntheticPart extends FlashFile {
  readonly role: SyntheticRole;
}

export interface Esp32SyntheticFirmware {
  readonly family: 'esp32';
  readonly chip: Exclude<ChipId, 'esp8266'>;
  readonly bootloader: SyntheticPart;
  readonly partitionTable: SyntheticPart;
  readonly app: SyntheticPart;
  /** The three parts in flash order, ready for validateFlashPlan or the flasher. */
  readonly parts: readonly SyntheticPart[];
}

export interface Esp8266SyntheticFirmware {
  readonly family: 'esp8266';
  readonly chip: 'esp8266';
  /** The v1 image (RAM segments) at 0x0. */
  readonly image: SyntheticPart;
  /** The raw IROM data at 0x10000. */
  readonly irom: SyntheticPart;
  readonly parts: readonly SyntheticPart[];
}

export type SyntheticFirmware = Esp32SyntheticFirmware | Esp8266SyntheticFirmware;
