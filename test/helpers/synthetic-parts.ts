import type { ChipId } from '../../src-shared/chips';
import { buildSyntheticFirmware } from '../../src-main/flasher/image/synthetic/synthetic-firmware';
import type { FlashFile } from '../../src-shared/firmware/flash-file';

/** Firmware-like parts for a chip (bootloader, partition table, app; or the ESP8266 pair). */
export function syntheticParts(chip: ChipId, options: { appSizeBytes?: number; seed?: number; flashMode?: 'qio' | 'dio' } = {}): FlashFile[] {
  const firmware = buildSyntheticFirmware(chip, {
    appName: `test-${chip}`,
    appSizeBytes: options.appSizeBytes ?? 64 * 1024,
    seed: options.seed ?? 7,
    ...(options.flashMode ? { flashMode: options.flashMode } : {}),
  });
  return [...firmware.parts];
}

/** "0x1000 name 0x8000 name ..." arguments, registering each part's bytes in `files`. */
export function partArguments(parts: readonly FlashFile[], files: Map<string, Uint8Array>, prefix: string): string[] {
  return parts.flatMap((part) => {
    const path = `${prefix}/${part.name}`;
    files.set(path, part.data);
    return [`0x${part.offset.toString(16)}`, path];
  });
}
