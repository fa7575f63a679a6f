import { CHIPS, type ChipId } from '../../../src-shared/chips';
import type { Evidence } from '../../../src-shared/errors';
import type { FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import { describeFlashFile } from '../image/describe-flash-file';
import type { PreparedFile } from './flash-session';

/**
 * What was written, as evidence for a board that does not start after a good write: where the
 * bootloader went, which chip the images were built for and the flash mode and size in the
 * header. The troubleshooter tells "bootloader at the wrong offset" and "image for another chip"
 * apart from "flash mode" with it.
 */
function describeAll(files: readonly PreparedFile[], chip: ChipId): FlashFileDescription[] {
  return files.flatMap((file) => {
    try {
      const description = describeFlashFile(file.data, file.offset, chip);
      return [description, ...(description.parts ?? [])];
    } catch {
      return [];
    }
  });
}

const hex = (value: number): string => `0x${value.toString(16)}`;

export function writtenImageEvidence(files: readonly PreparedFile[], chip: ChipId): Evidence {
  const parts = describeAll(files, chip);
  const bootloader = parts.find((part) => part.kind === 'bootloader') ?? parts.find((part) => part.kind === 'esp8266-image' && part.offset === 0);
  const image = (bootloader ?? parts.find((part) => part.image !== undefined))?.image;
  const imageChip = image?.chip ?? (image?.format === 'esp32' ? undefined : image === undefined ? undefined : 'esp8266');
  return {
    written: files.map((file) => `${hex(file.offset)} ${file.name}`),
    ...(bootloader === undefined ? {} : { bootloaderOffset: hex(bootloader.offset), expectedBootloaderOffset: hex(CHIPS[chip].bootloaderOffset) }),
    ...(imageChip === undefined ? {} : { imageChip: CHIPS[imageChip].name }),
    ...(image?.header.flashMode === undefined ? {} : { imageFlashMode: image.header.flashMode }),
    ...(image?.header.flashSize === undefined ? {} : { imageFlashSize: image.header.flashSize }),
  };
}
