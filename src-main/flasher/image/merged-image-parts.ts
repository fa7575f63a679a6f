import { CHIPS, CHIP_IDS, DEFAULT_APP_OFFSET, PARTITION_TABLE_OFFSET } from '../../../src-shared/chips';
import type { ChipId } from '../../../src-shared/chips';
import { FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import { chipLabel, describeSingleFile } from './describe-single-file';
import type { FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import { isFilledWith } from './image-bytes';
import { ESP_IMAGE_MAGIC } from './image-header';
import type { EspImage, PartitionTable } from '../../../src-shared/firmware/image-types';
import { parseEspImage } from './parse-esp-image';
import { hasPartitionTableMagic } from './partition-table';
import { isAppPartition } from './partition-types';

/**
 * Recognises a merged image (esptool merge-bin output): one file holding the bootloader at the
 * chip's bootloader offset, the partition table at 0x8000 and the app(s) where the table puts
 * them (or at 0x10000 without a table). Returns undefined for files that are not merged.
 */

/** Bootloader offsets to try, the selected chip's first (then every other ESP32-family offset). */
function bootloaderOffsets(chip: ChipId | undefined): number[] {
  const all = CHIP_IDS.filter((id) => id !== 'esp8266').map((id) => CHIPS[id].bootloaderOffset);
  const first = chip !== undefined && chip !== 'esp8266' ? [CHIPS[chip].bootloaderOffset] : [];
  return [...new Set([...first, ...all])];
}

function slice(data: Uint8Array, fileOffset: number, flashStart: number, flashEnd: number): Uint8Array {
  return data.subarray(flashStart - fileOffset, Math.min(flashEnd - fileOffset, data.length));
}

function partitionParts(data: Uint8Array, fileOffset: number, table: PartitionTable, chip: ChipId | undefined): FlashFileDescription[] {
  const fileEnd = fileOffset + data.length;
  const parts: FlashFileDescription[] = [];
  for (const entry of table.entries) {
    if (entry.offset < fileOffset || entry.offset >= fileEnd) continue;
    const bytes = slice(data, fileOffset, entry.offset, entry.offset + entry.sizeBytes);
    if (isFilledWith(bytes, 0xff)) continue;
    if (isAppPartition(entry.type) && bytes[0] === ESP_IMAGE_MAGIC) parts.push(describeSingleFile(bytes, entry.offset, chip, entry.name));
    else parts.push({ kind: 'data', offset: entry.offset, sizeBytes: bytes.length, label: entry.name, summary: `data partition "${entry.name}" (${entry.subtypeName})` });
  }
  return parts;
}

/** An ESP32-family image that parses at `relative`, or undefined. */
function imageAt(data: Uint8Array, relative: number, chip: ChipId | undefined): EspImage | undefined {
  if (relative >= data.length || data[relative] !== ESP_IMAGE_MAGIC) return undefined;
  try {
    const image = parseEspImage(data.subarray(relative), chip);
    return image.format === 'esp32' ? image : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Merged at this bootloader offset when a valid image starts there, ends before 0x8000 and is
 * followed by a partition table at 0x8000, or (no table) by a valid image at 0x10000. A plain
 * app written at 0x0 does not qualify: its image runs past 0x8000.
 */
function tryAt(data: Uint8Array, fileOffset: number, bootloaderOffset: number, chip: ChipId | undefined): FlashFileDescription | undefined {
  const fileEnd = fileOffset + data.length;
  if (bootloaderOffset < fileOffset || bootloaderOffset >= fileEnd) return undefined;
  const bootImage = imageAt(data, bootloaderOffset - fileOffset, chip);
  if (!bootImage) return undefined;
  const bootloaderImageEnd = bootloaderOffset + bootImage.imageSizeBytes;
  const hasTable = bootloaderImageEnd <= PARTITION_TABLE_OFFSET && PARTITION_TABLE_OFFSET < fileEnd && hasPartitionTableMagic(data, PARTITION_TABLE_OFFSET - fileOffset);
  const hasApp = !hasTable && bootloaderImageEnd <= DEFAULT_APP_OFFSET && imageAt(data, DEFAULT_APP_OFFSET - fileOffset, chip) !== undefined;
  if (!hasTable && !hasApp) return undefined;

  const bootloaderEnd = hasTable ? PARTITION_TABLE_OFFSET : DEFAULT_APP_OFFSET;
  const bootloader = describeSingleFile(slice(data, fileOffset, bootloaderOffset, bootloaderEnd), bootloaderOffset, chip, 'bootloader');
  const imageChip = bootloader.chip ?? chip;
  const parts: FlashFileDescription[] = [bootloader];
  if (hasTable) {
    const tableBytes = slice(data, fileOffset, PARTITION_TABLE_OFFSET, PARTITION_TABLE_OFFSET + FLASH_SECTOR_BYTES);
    const table = describeSingleFile(tableBytes, PARTITION_TABLE_OFFSET, imageChip, 'partition table');
    parts.push(table);
    if (table.partitionTable) parts.push(...partitionParts(data, fileOffset, table.partitionTable, imageChip));
  } else {
    parts.push(describeSingleFile(slice(data, fileOffset, DEFAULT_APP_OFFSET, fileEnd), DEFAULT_APP_OFFSET, imageChip, 'app'));
  }
  const names = parts.slice(1).map((part) => (part.kind === 'app' && part.image?.format === 'esp32' && part.image.appDescriptor ? `app "${part.image.appDescriptor.projectName}"` : part.label ?? part.kind));
  return {
    kind: 'merged',
    offset: fileOffset,
    sizeBytes: data.length,
    chip: bootloader.chip,
    parts,
    summary: `merged ${chipLabel(bootloader.chip, bootloader.image?.format === 'esp32' ? bootloader.image.extendedHeader.chipId : undefined)} image: bootloader, ${names.join(', ')}`,
  };
}

export function describeMergedImage(data: Uint8Array, fileOffset: number, chip?: ChipId): FlashFileDescription | undefined {
  for (const bootloaderOffset of bootloaderOffsets(chip)) {
    const merged = tryAt(data, fileOffset, bootloaderOffset, chip);
    if (merged) return merged;
  }
  return undefined;
}
