import { hex, invalidError, readFixedString, readU16, readU32, requireBytes, toHexString } from './image-bytes';
import type { AppDescriptor } from '../../../src-shared/firmware/image-types';

/**
 * esp_app_desc_t (ESP-IDF components/esp_app_format), 256 bytes, placed by the linker at the
 * start of the first DROM segment of every ESP-IDF app:
 *   0 magic u32 0xABCD5432 | 4 secure_version u32 | 8 reserved[2] u32 | 16 version[32] |
 *   48 project_name[32] | 80 time[16] | 96 date[16] | 112 idf_ver[32] | 144 app_elf_sha256[32] |
 *   176 min_efuse_blk_rev_full u16 | 178 max_efuse_blk_rev_full u16 | 180 mmu_page_size u8 (log2) |
 *   181 reserved[3] | 184 reserved[18] u32
 * The efuse-revision and MMU fields are newer (IDF 5.x); older apps have zeros there.
 */
export const APP_DESCRIPTOR_MAGIC = 0xabcd5432;
export const APP_DESCRIPTOR_BYTES = 256;

export const APP_DESCRIPTOR_FIELDS = {
  magic: 0,
  secureVersion: 4,
  version: 16,
  projectName: 48,
  compileTime: 80,
  compileDate: 96,
  idfVersion: 112,
  elfSha256: 144,
  minEfuseBlockRevisionFull: 176,
  maxEfuseBlockRevisionFull: 178,
  mmuPageSizeLog2: 180,
} as const;

/** True when the 4 bytes at `offset` are the descriptor magic. */
export function hasAppDescriptorMagic(data: Uint8Array, offset = 0): boolean {
  return offset + 4 <= data.length && readU32(data, offset) === APP_DESCRIPTOR_MAGIC;
}

/** Parses the descriptor at `offset`; throws image.invalid without the magic, image.truncated when short. */
export function parseAppDescriptor(data: Uint8Array, offset = 0): AppDescriptor {
  requireBytes(data, offset, 4, 'the app descriptor magic');
  const magic = readU32(data, offset);
  if (magic !== APP_DESCRIPTOR_MAGIC) {
    throw invalidError(`No ESP-IDF app descriptor at ${hex(offset)}: found ${hex(magic, 8)} instead of the magic ${hex(APP_DESCRIPTOR_MAGIC, 8)}.`, {
      offset: hex(offset),
      expected: hex(APP_DESCRIPTOR_MAGIC, 8),
      found: hex(magic, 8),
    });
  }
  requireBytes(data, offset, APP_DESCRIPTOR_BYTES, 'the end of the 256-byte app descriptor');
  const at = (field: keyof typeof APP_DESCRIPTOR_FIELDS): number => offset + APP_DESCRIPTOR_FIELDS[field];
  const mmuLog2 = data[at('mmuPageSizeLog2')] ?? 0;
  return {
    secureVersion: readU32(data, at('secureVersion')),
    version: readFixedString(data, at('version'), 32),
    projectName: readFixedString(data, at('projectName'), 32),
    compileTime: readFixedString(data, at('compileTime'), 16),
    compileDate: readFixedString(data, at('compileDate'), 16),
    idfVersion: readFixedString(data, at('idfVersion'), 32),
    elfSha256: toHexString(data.subarray(at('elfSha256'), at('elfSha256') + 32)),
    minEfuseBlockRevisionFull: readU16(data, at('minEfuseBlockRevisionFull')),
    maxEfuseBlockRevisionFull: readU16(data, at('maxEfuseBlockRevisionFull')),
    mmuPageSizeBytes: mmuLog2 > 0 && mmuLog2 < 32 ? 2 ** mmuLog2 : undefined,
  };
}
