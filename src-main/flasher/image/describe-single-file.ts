import { CHIPS, PARTITION_TABLE_OFFSET } from '../../../src-shared/chips';
import type { ChipId } from '../../../src-shared/chips';
import type { FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import { isFilledWith } from './image-bytes';
import type { EspImage, PartitionTable } from '../../../src-shared/firmware/image-types';
import { isImageMagic, parseEspImage } from './parse-esp-image';
import { hasPartitionTableMagic, parsePartitionTable } from './partition-table';

/**
 * Describes a file that is one thing: an image, a partition table or plain data. Merged files
 * are handled by merged-image-parts.ts on top of this.
 */

export function chipLabel(chip: ChipId | undefined, chipId?: number): string {
  if (chip !== undefined) return CHIPS[chip].name;
  return chipId === undefined ? 'unknown chip' : `chip id ${chipId}`;
}

function imageSummary(kind: 'bootloader' | 'app' | 'esp8266-image', image: EspImage): string {
  if (image.format !== 'esp32') {
    const version = image.format === 'esp8266-v1' ? 'v1' : 'v2';
    return `ESP8266 image (${version}), ${image.segments.length} segments`;
  }
  const chip = chipLabel(image.chip, image.extendedHeader.chipId);
  if (kind === 'bootloader') return `${chip} bootloader`;
  const app = image.appDescriptor;
  return app ? `${chip} app "${app.projectName}" ${app.version}`.trimEnd() : `${chip} app (no ESP-IDF app descriptor)`;
}

function tableSummary(table: PartitionTable): string {
  const count = table.entries.length;
  return `partition table, ${count} partition${count === 1 ? '' : 's'}`;
}

/** Bootloader vs app for an ESP32-family image: an app descriptor says app; otherwise below the partition table means bootloader. */
function esp32Kind(image: EspImage, offset: number): 'bootloader' | 'app' {
  if (image.format === 'esp32' && image.appDescriptor) return 'app';
  return offset < PARTITION_TABLE_OFFSET ? 'bootloader' : 'app';
}

export function describeSingleFile(data: Uint8Array, offset: number, chip?: ChipId, label?: string): FlashFileDescription {
  const base = { offset, sizeBytes: data.length, ...(label === undefined ? {} : { label }) };
  if (isImageMagic(data[0])) {
    const image = parseEspImage(data, chip);
    const kind = image.format === 'esp32' ? esp32Kind(image, offset) : 'esp8266-image';
    return { ...base, kind, chip: image.chip, image, summary: imageSummary(kind, image) };
  }
  if (hasPartitionTableMagic(data)) {
    const partitionTable = parsePartitionTable(data, offset);
    return { ...base, kind: 'partition-table', partitionTable, summary: tableSummary(partitionTable) };
  }
  const erased = isFilledWith(data, 0xff);
  return { ...base, kind: 'data', erased, summary: erased ? `erased data (${data.length} bytes of 0xFF)` : `data (${data.length} bytes)` };
}
