import type { ChipId } from '../../../src-shared/chips';
import type { FlashParams } from '../../../src-shared/firmware/image-types';
import { flashSizeBytesFromName, formatFlashSize } from '../../../src-shared/flash';
import type { ChipInfo } from '../../../src-shared/flash-job';
import { decodeFlashParams } from '../../flasher/image/image-header';

/**
 * Compares the flash parameters in an image header with what the chip has: the size the flash
 * chip reports, and whether quad modes can work. Pure, so every rule is unit-tested.
 */
export const IMAGE_MAGIC_BYTES: readonly number[] = [0xe9, 0xea];

export interface HeaderReading {
  readonly offset: number;
  readonly valid: boolean;
  readonly params?: FlashParams;
}

export function readHeader(chip: ChipId, bytes: Uint8Array, offset: number): HeaderReading {
  const magic = bytes[0];
  if (bytes.length < 8 || magic === undefined || !IMAGE_MAGIC_BYTES.includes(magic)) return { offset, valid: false };
  return { offset, valid: true, params: decodeFlashParams(chip, bytes[2] ?? 0, bytes[3] ?? 0) };
}

export function isQuad(params: FlashParams): boolean {
  return params.flashMode === 'qio' || params.flashMode === 'qout';
}

/**
 * Chips whose flash sits in the package and is wired for two data lines only. The fact sheet
 * names the ESP8285 (internal flash, DOUT). For ESP32-family packages with embedded flash the
 * same is [INFERRED]: esptool flags them with an "Embedded Flash" feature, and Espressif's
 * module notes recommend DIO for them.
 */
export function dualOnlyReason(chip: ChipInfo): string | undefined {
  if (/ESP8285/i.test(chip.description)) return 'the ESP8285 has its flash in the package, wired for DIO/DOUT only';
  const embedded = chip.features.find((feature) => /^Embedded Flash/i.test(feature));
  if (embedded !== undefined) return `this ${chip.name} has embedded flash ("${embedded}"), which runs in DIO [INFERRED]`;
  return undefined;
}

export interface FlashModeFinding {
  readonly severity: 'problem' | 'note';
  readonly text: string;
}

export function compareFlashParams(label: string, params: FlashParams, chip: ChipInfo, detectedSizeBytes: number | undefined): FlashModeFinding[] {
  const findings: FlashModeFinding[] = [];
  const mode = (params.flashMode ?? `code ${params.flashModeCode}`).toUpperCase();
  const headerBytes = params.flashSize === undefined ? undefined : flashSizeBytesFromName(params.flashSize);
  if (params.flashMode === undefined) findings.push({ severity: 'problem', text: `The ${label} header has an unknown flash mode (code ${params.flashModeCode}).` });
  if (params.flashSize === undefined) findings.push({ severity: 'problem', text: `The ${label} header has an unknown flash size code (${params.flashSizeCode}) for the ${chip.name}.` });
  if (headerBytes !== undefined && detectedSizeBytes !== undefined) {
    if (headerBytes > detectedSizeBytes) {
      findings.push({
        severity: 'problem',
        text: `The ${label} header says ${params.flashSize} but the flash chip has ${formatFlashSize(detectedSizeBytes)}: partitions beyond the end cannot work. Rebuild or re-flash with --flash-size ${formatFlashSize(detectedSizeBytes)}.`,
      });
    } else if (headerBytes < detectedSizeBytes) {
      findings.push({ severity: 'note', text: `The ${label} header says ${params.flashSize}; the flash chip has ${formatFlashSize(detectedSizeBytes)}. This works, but the rest of the flash goes unused.` });
    }
  }
  const dual = dualOnlyReason(chip);
  if (isQuad(params) && dual !== undefined) {
    findings.push({ severity: 'problem', text: `The ${label} header asks for ${mode}, but ${dual}. Re-flash with --flash-mode dio.` });
  }
  return findings;
}

/** "QIO, 4MB, 40m" for the result and the evidence. */
export function describeParams(params: FlashParams | undefined): { flashMode: string; flashSize: string; flashFrequency: string } {
  if (params === undefined) return { flashMode: 'none', flashSize: 'none', flashFrequency: 'none' };
  return {
    flashMode: params.flashMode?.toUpperCase() ?? `unknown (${params.flashModeCode})`,
    flashSize: params.flashSize ?? `unknown (${params.flashSizeCode})`,
    flashFrequency: params.flashFrequency ?? `unknown (${params.flashFrequencyCode})`,
  };
}
