import { CHIPS, DEFAULT_APP_OFFSET, PARTITION_TABLE_OFFSET } from '../../../src-shared/chips';
import type { ChipId } from '../../../src-shared/chips';
import { flashSizeBytesFromName, formatFlashSize } from '../../../src-shared/flash';
import type { FlashFile, FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import { hex } from './image-bytes';
import type { EspImage, PartitionTable } from '../../../src-shared/firmware/image-types';

/**
 * Things in a flash plan that are probably mistakes but not certainly: broken checksums, a
 * bootloader or table at an unusual offset, an app that does not match the partition table.
 */

interface Located {
  readonly name: string;
  readonly description: FlashFileDescription;
}

/** Each file's description, with merged parts flattened and named "x.bin (bootloader)". */
function flatten(files: readonly FlashFile[], descriptions: readonly (FlashFileDescription | undefined)[]): Located[] {
  return files.flatMap((file, index) => {
    const description = descriptions[index];
    if (!description) return [];
    if (!description.parts) return [{ name: file.name, description }];
    return description.parts.map((part) => ({ name: `${file.name} (${part.label ?? part.kind})`, description: part }));
  });
}

function integrityWarnings(name: string, image: EspImage): string[] {
  const warnings = image.warnings.map((warning) => `${name}: ${warning}`);
  const { checksum } = image;
  if (!checksum.valid) {
    warnings.push(`${name}: the image checksum is wrong (stored ${hex(checksum.stored, 2)}, computed ${hex(checksum.computed, 2)}); the chip will refuse to boot it.`);
  }
  if (image.format === 'esp32' && image.sha256 && !image.sha256.valid) {
    warnings.push(`${name}: the SHA-256 appended to the image does not match its contents; the chip will refuse to boot it.`);
  }
  if (image.format === 'esp8266-v2' && !image.crc32.valid) {
    warnings.push(`${name}: the CRC32 at the end of the image does not match; the SDK bootloader will refuse to boot it.`);
  }
  return warnings;
}

function placementWarnings(name: string, description: FlashFileDescription, chip: ChipId): string[] {
  const facts = CHIPS[chip];
  const { kind, offset } = description;
  if (chip !== 'esp8266' && kind === 'bootloader' && offset !== facts.bootloaderOffset) {
    return [`${name} looks like a bootloader, but the ${facts.name} ROM loads its bootloader from ${hex(facts.bootloaderOffset)}, not ${hex(offset)}.`];
  }
  if (chip !== 'esp8266' && kind === 'app' && offset === facts.bootloaderOffset) {
    return [`${name} is an app, but it would be written where the ${facts.name} ROM expects the bootloader (${hex(offset)}).`];
  }
  if (kind === 'app' && offset % DEFAULT_APP_OFFSET !== 0) {
    return [`${name} is an app at ${hex(offset)}; apps must start on a 64 KB (0x10000) boundary to be mapped.`];
  }
  if (kind === 'partition-table' && offset !== PARTITION_TABLE_OFFSET) {
    return [`${name} is a partition table at ${hex(offset)}; the bootloader reads it from 0x8000 unless it was built with another offset.`];
  }
  return [];
}

function headerSizeWarning(name: string, description: FlashFileDescription, flashSizeBytes: number | undefined): string[] {
  const image = description.image;
  if (!image || flashSizeBytes === undefined || description.kind === 'app') return [];
  const declared = image.header.flashSize === undefined ? undefined : flashSizeBytesFromName(image.header.flashSize);
  if (declared === undefined || declared <= flashSizeBytes) return [];
  return [`${name}: the image header says ${image.header.flashSize} of flash, but the flash is ${formatFlashSize(flashSizeBytes)}.`];
}

function tableWarnings(name: string, table: PartitionTable, apps: readonly Located[], flashSizeBytes: number | undefined): string[] {
  const warnings = table.problems.map((problem) => `${name}: ${problem}`);
  for (const entry of table.entries) {
    if (flashSizeBytes !== undefined && entry.offset + entry.sizeBytes > flashSizeBytes) {
      warnings.push(`${name}: partition "${entry.name}" ends at ${hex(entry.offset + entry.sizeBytes)}, past the end of the ${formatFlashSize(flashSizeBytes)} flash.`);
    }
  }
  for (const app of apps) {
    const partition = table.entries.find((entry) => entry.offset === app.description.offset);
    const imageBytes = app.description.image?.imageSizeBytes ?? app.description.sizeBytes;
    if (!partition) warnings.push(`${app.name} is written at ${hex(app.description.offset)}, where the partition table has no partition.`);
    else if (imageBytes > partition.sizeBytes) {
      warnings.push(`${app.name} (${imageBytes} bytes) is larger than its partition "${partition.name}" (${partition.sizeBytes} bytes).`);
    }
  }
  return warnings;
}

export function planWarnings(
  files: readonly FlashFile[],
  descriptions: readonly (FlashFileDescription | undefined)[],
  options: { readonly chip: ChipId; readonly flashSizeBytes?: number },
): string[] {
  const located = flatten(files, descriptions);
  const apps = located.filter((item) => item.description.kind === 'app');
  return located.flatMap(({ name, description }) => [
    ...(description.image ? integrityWarnings(name, description.image) : []),
    ...placementWarnings(name, description, options.chip),
    ...headerSizeWarning(name, description, options.flashSizeBytes),
    ...(description.partitionTable ? tableWarnings(name, description.partitionTable, apps, options.flashSizeBytes) : []),
  ]);
}
