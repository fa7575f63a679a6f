import { CHIPS, type ChipId } from '../../../src-shared/chips';
import { EspError, isEspError } from '../../../src-shared/errors';
import type { CommandClient } from '../protocol/command-client';
import { Op } from '../protocol/opcodes';
import { readRegPayload } from '../protocol/payloads';
import { CHIP_DETECT_MAGIC_REGISTER, type ChipDefinition } from '../targets/chip-definition';
import { chipByMagic, chipBySecurityChipId, chipDefinition } from '../targets';

/**
 * Which chip is on the other end (fact sheet §4.1): GET_SECURITY_INFO first (S3 and later
 * report their chip id), the magic word at 0x40001000 when the ROM lacks the command or the
 * reply carries no id (ESP8266, ESP32, ESP32-S2).
 */
export interface SecurityInfo {
  readonly flags: number;
  readonly flashCryptCount: number;
  readonly keyPurposes: readonly number[];
  readonly chipId?: number;
  readonly apiVersion?: number;
}

export interface DetectedChip {
  readonly definition: ChipDefinition;
  readonly securityInfo?: SecurityInfo;
  readonly secureDownloadMode: boolean;
}

const SECURE_DOWNLOAD_FLAG = 1 << 2;

export async function readSecurityInfo(client: CommandClient): Promise<SecurityInfo | undefined> {
  try {
    const result = await client.command(Op.GET_SECURITY_INFO, new Uint8Array(0), {
      payloadBytes: (data) => (data.length >= 22 ? 20 : 12),
    });
    const bytes = result.payload;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return {
      flags: view.getUint32(0, true),
      flashCryptCount: bytes[4] ?? 0,
      keyPurposes: Array.from(bytes.subarray(5, 12)),
      ...(bytes.length >= 20 ? { chipId: view.getUint32(12, true), apiVersion: view.getUint32(16, true) } : {}),
    };
  } catch (error) {
    if (isEspError(error) && (error.code === 'transfer.unsupported-command' || error.code === 'transfer.command-failed')) {
      return undefined;
    }
    throw error;
  }
}

async function readMagic(client: CommandClient): Promise<number | undefined> {
  try {
    return (await client.command(Op.READ_REG, readRegPayload(CHIP_DETECT_MAGIC_REGISTER))).value >>> 0;
  } catch (error) {
    if (isEspError(error) && (error.code === 'transfer.unsupported-command' || error.code === 'transfer.command-failed')) {
      return undefined;
    }
    throw error;
  }
}

export async function detectChip(client: CommandClient, expected?: ChipId): Promise<DetectedChip> {
  // When the user named a chip whose ROM lacks GET_SECURITY_INFO (ESP8266, ESP32), skip it:
  // the ROM's unsupported-command answer costs a 200 ms drain for nothing.
  const skipSecurityInfo = expected !== undefined && !chipDefinition(expected).identity.romSupportsSecurityInfo;
  const securityInfo = skipSecurityInfo ? undefined : await readSecurityInfo(client);
  let secureDownloadMode = securityInfo !== undefined && (securityInfo.flags & SECURE_DOWNLOAD_FLAG) !== 0;
  let definition: ChipDefinition | undefined;
  if (securityInfo?.chipId !== undefined) {
    definition = chipBySecurityChipId(securityInfo.chipId);
    if (!definition) {
      throw new EspError('chip.unknown', {
        message: `The chip reports id ${securityInfo.chipId}, which this version does not know.`,
        evidence: { securityChipId: securityInfo.chipId },
      });
    }
  } else {
    const magic = await readMagic(client);
    if (magic === undefined) {
      // Only an ESP32-S2 in Secure Download Mode refuses READ_REG (fact sheet §4.1).
      definition = chipByMagic(0x000007c6);
      if (!definition) throw new EspError('chip.unknown', { evidence: { reason: 'READ_REG refused' } });
      secureDownloadMode = true;
    } else {
      definition = chipByMagic(magic);
      if (!definition) {
        throw new EspError('chip.unknown', {
          message: `The chip's identification word 0x${magic.toString(16).padStart(8, '0')} matches no known chip.`,
          evidence: { magic: `0x${magic.toString(16).padStart(8, '0')}` },
        });
      }
    }
  }
  if (expected !== undefined && expected !== definition.id) {
    throw new EspError('connect.wrong-chip', {
      message: `This chip is ${definition.name}, not ${CHIPS[expected].name}.`,
      hint: `Select ${definition.name}, or let the tool detect the chip.`,
      evidence: { detected: definition.name, selected: CHIPS[expected].name },
    });
  }
  return { definition, ...(securityInfo ? { securityInfo } : {}), secureDownloadMode };
}
