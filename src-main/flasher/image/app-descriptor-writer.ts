import { APP_DESCRIPTOR_BYTES, APP_DESCRIPTOR_FIELDS, APP_DESCRIPTOR_MAGIC } from './app-descriptor';
import { writeFixedString, writeU16, writeU32 } from './image-bytes';

/** Writes an esp_app_desc_t (layout in app-descriptor.ts). */
export interface AppDescriptorSpec {
  readonly projectName: string;
  readonly version: string;
  readonly compileTime?: string;
  readonly compileDate?: string;
  readonly idfVersion?: string;
  readonly secureVersion?: number;
  /** 32 bytes. */
  readonly elfSha256?: Uint8Array;
  readonly minEfuseBlockRevisionFull?: number;
  readonly maxEfuseBlockRevisionFull?: number;
  /** A power of two, stored as its log2; default 64 KB. */
  readonly mmuPageSizeBytes?: number;
}

export function encodeAppDescriptor(spec: AppDescriptorSpec): Uint8Array {
  const bytes = new Uint8Array(APP_DESCRIPTOR_BYTES);
  const fields = APP_DESCRIPTOR_FIELDS;
  writeU32(bytes, fields.magic, APP_DESCRIPTOR_MAGIC);
  writeU32(bytes, fields.secureVersion, spec.secureVersion ?? 0);
  writeFixedString(bytes, fields.version, 32, spec.version, 'App version');
  writeFixedString(bytes, fields.projectName, 32, spec.projectName, 'Project name');
  writeFixedString(bytes, fields.compileTime, 16, spec.compileTime ?? '12:00:00', 'Compile time');
  writeFixedString(bytes, fields.compileDate, 16, spec.compileDate ?? 'Jan  1 2026', 'Compile date');
  writeFixedString(bytes, fields.idfVersion, 32, spec.idfVersion ?? 'v5.3.1', 'IDF version');
  if (spec.elfSha256) bytes.set(spec.elfSha256.subarray(0, 32), fields.elfSha256);
  writeU16(bytes, fields.minEfuseBlockRevisionFull, spec.minEfuseBlockRevisionFull ?? 0);
  writeU16(bytes, fields.maxEfuseBlockRevisionFull, spec.maxEfuseBlockRevisionFull ?? 99);
  bytes[fields.mmuPageSizeLog2] = Math.round(Math.log2(spec.mmuPageSizeBytes ?? 0x10000));
  return bytes;
}
