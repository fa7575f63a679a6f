import type { ChipId } from '../../../src-shared/chips';
import type { FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import type { PartitionTable } from '../../../src-shared/firmware/image-types';
import { PARTITION_TABLE_OFFSET } from '../../../src-shared/chips';
import { describeFlashFile } from '../../flasher/image/describe-flash-file';
import { parsePartitionTable } from '../../flasher/image/partition-table';
import { DATA_SUBTYPE, PARTITION_TYPE_DATA, isAppPartition } from '../../flasher/image/partition-types';
import { readFileLimited } from '../files/read-limited';

/**
 * What a build's own files say: the chip (from the image header's chip id, or an ESP8266
 * image), the flash settings in the header, and the partition table's app and otadata slots.
 */
export interface ImageFacts {
  readonly chip?: ChipId;
  readonly flashMode?: string;
  readonly flashSize?: string;
  readonly flashFrequency?: string;
  readonly description?: FlashFileDescription;
}

/** Undefined when the file cannot be read or is not an image (or merged image). */
export async function imageFacts(path: string, offset = 0): Promise<ImageFacts | undefined> {
  try {
    const description = describeFlashFile(await readFileLimited(path), offset);
    const withImage = [description, ...(description.parts ?? [])].find((part) => part.image !== undefined);
    const image = withImage?.image;
    if (image === undefined) return undefined;
    return {
      description,
      ...(withImage?.chip ? { chip: withImage.chip } : {}),
      ...(image.header.flashMode ? { flashMode: image.header.flashMode } : {}),
      ...(image.header.flashSize ? { flashSize: image.header.flashSize } : {}),
      ...(image.header.flashFrequency ? { flashFrequency: image.header.flashFrequency } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The first file (in order) whose header names a chip. */
export async function firstImageFacts(paths: readonly (string | undefined)[]): Promise<ImageFacts | undefined> {
  for (const path of paths) {
    if (path === undefined) continue;
    const facts = await imageFacts(path);
    if (facts?.chip) return facts;
  }
  return undefined;
}

export async function readPartitionTable(path: string | undefined): Promise<PartitionTable | undefined> {
  if (path === undefined) return undefined;
  try {
    return parsePartitionTable(await readFileLimited(path), PARTITION_TABLE_OFFSET);
  } catch {
    return undefined;
  }
}

/** Where the bootloader starts the first app: the lowest app partition. */
export function firstAppOffset(table: PartitionTable | undefined): number | undefined {
  const apps = (table?.entries ?? []).filter((entry) => isAppPartition(entry.type));
  return apps.length === 0 ? undefined : Math.min(...apps.map((entry) => entry.offset));
}

/** The otadata partition boot_app0.bin is written to (Arduino: 0xe000). */
export function otadataOffset(table: PartitionTable | undefined): number | undefined {
  return table?.entries.find((entry) => entry.type === PARTITION_TYPE_DATA && entry.subtype === DATA_SUBTYPE.ota)?.offset;
}
