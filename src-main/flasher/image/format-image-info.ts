import { CHIPS } from '../../../src-shared/chips';
import type { FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import { formatPartitionTable } from './format-partition-table';
import { hex } from './image-bytes';
import type { AppDescriptor, ChecksumResult, Esp32Image, EspImage, ImageHeader, ImageSegment } from '../../../src-shared/firmware/image-types';

/**
 * Lines for the CLI's image-info command (in the spirit of esptool image-info): header fields,
 * a segments table, checksum and SHA-256 validity, the app descriptor, the partition table and,
 * for merged files, each part in turn.
 */

function title(text: string): string[] {
  return ['', text, '='.repeat(text.length)];
}

function named(name: string | undefined, code: number): string {
  return name ?? `unknown (code ${hex(code)})`;
}

function revision(full: number): string {
  return `v${Math.floor(full / 100)}.${full % 100}`;
}

function headerLines(label: string, header: ImageHeader, segmentCount: number): string[] {
  return [
    ...title(`${label} image header`),
    `Entry point: ${hex(header.entryAddress, 8)}`,
    `Segments: ${segmentCount}`,
    `Flash size: ${named(header.flashSize, header.flashSizeCode)}`,
    `Flash freq: ${named(header.flashFrequency, header.flashFrequencyCode)}`,
    `Flash mode: ${header.flashMode?.toUpperCase() ?? named(undefined, header.flashModeCode)}`,
  ];
}

function segmentLines(segments: readonly ImageSegment[]): string[] {
  return [
    ...title('Segments information'),
    'Segment   Length   Load addr   File offs  Memory types',
    '-------  -------  ----------  ----------  ------------',
    ...segments.map(
      (segment) =>
        `${String(segment.index).padStart(7)}  ${hex(segment.sizeBytes, 5)}  ${hex(segment.loadAddress, 8)}  ${hex(segment.headerOffset, 8)}  ${segment.memoryTypes.join(', ')}`,
    ),
  ];
}

function checksumLine(checksum: ChecksumResult): string {
  return `Checksum: ${hex(checksum.stored, 2)} (${checksum.valid ? 'valid' : `invalid - calculated ${hex(checksum.computed, 2)}`})`;
}

function extendedLines(image: Esp32Image): string[] {
  const ext = image.extendedHeader;
  const drive = ext.spiPinDrive;
  const chipName = ext.chip ? CHIPS[ext.chip].name : 'unknown chip';
  return [
    ...title('Extended image header'),
    `WP pin: ${hex(ext.wpPin, 2)}${ext.wpPin === 0xee ? ' (disabled)' : ''}`,
    `Flash pins drive settings: clk_drv: ${hex(drive.clk)}, q_drv: ${hex(drive.q)}, d_drv: ${hex(drive.d)}, cs0_drv: ${hex(drive.cs)}, hd_drv: ${hex(drive.hd)}, wp_drv: ${hex(drive.wp)}`,
    `Chip ID: ${ext.chipId} (${chipName})`,
    `Minimal chip revision: ${revision(ext.minRevisionFull)}, (legacy min_rev = ${ext.minRevisionLegacy})`,
    `Maximal chip revision: ${revision(ext.maxRevisionFull)}`,
  ];
}

function appLines(app: AppDescriptor): string[] {
  return [
    ...title('Application information'),
    `Project name: ${app.projectName}`,
    `App version: ${app.version}`,
    `Compile time: ${app.compileDate} ${app.compileTime}`,
    `ELF file SHA256: ${app.elfSha256}`,
    `ESP-IDF: ${app.idfVersion}`,
    `Minimal eFuse block revision: ${revision(app.minEfuseBlockRevisionFull).slice(1)}`,
    `Maximal eFuse block revision: ${revision(app.maxEfuseBlockRevisionFull).slice(1)}`,
    ...(app.mmuPageSizeBytes ? [`MMU page size: ${app.mmuPageSizeBytes / 1024} KB`] : []),
    `Secure version: ${app.secureVersion}`,
  ];
}

function esp32Lines(image: Esp32Image): string[] {
  const chipName = image.chip ? CHIPS[image.chip].name : 'ESP32-family';
  const sha = image.sha256;
  return [
    ...headerLines(chipName, image.header, image.segments.length),
    ...extendedLines(image),
    ...segmentLines(image.segments),
    ...title('Image footer'),
    checksumLine(image.checksum),
    sha ? `Validation hash: ${sha.stored} (${sha.valid ? 'valid' : `invalid - calculated ${sha.computed}`})` : 'Validation hash: not appended',
    ...(image.appDescriptor ? appLines(image.appDescriptor) : []),
  ];
}

function imageLines(image: EspImage): string[] {
  if (image.format === 'esp32') return esp32Lines(image);
  if (image.format === 'esp8266-v1') {
    return [...headerLines('ESP8266 (v1)', image.header, image.segments.length), ...segmentLines(image.segments), ...title('Image footer'), checksumLine(image.checksum)];
  }
  const irom = image.iromSegment;
  const crc = image.crc32;
  return [
    ...headerLines('ESP8266 (v2)', image.header, image.segments.length),
    `IROM segment: ${hex(irom.sizeBytes, 5)} bytes at file offset ${hex(irom.headerOffset, 8)}`,
    ...headerLines('Embedded v1', image.innerHeader, image.segments.length),
    ...segmentLines(image.segments),
    ...title('Image footer'),
    checksumLine(image.checksum),
    `CRC32: ${hex(crc.stored, 8)} (${crc.valid ? 'valid' : `invalid - calculated ${hex(crc.computed, 8)}`})`,
  ];
}

export function formatImageInfo(description: FlashFileDescription): string[] {
  const lines = [`Detected: ${description.summary}`, `Size: ${description.sizeBytes} bytes, at flash offset ${hex(description.offset)}`];
  if (description.image) {
    lines.push(...imageLines(description.image));
    if (description.image.warnings.length > 0) lines.push(...title('Warnings'), ...description.image.warnings);
  }
  if (description.partitionTable) lines.push('', ...formatPartitionTable(description.partitionTable));
  for (const part of description.parts ?? []) {
    lines.push('', `--- ${part.label ?? part.kind} at ${hex(part.offset)} ---`, ...formatImageInfo(part));
  }
  return lines;
}
