import type { ChipDefinition } from '../../flasher/targets/chip-definition';

/** GET_SECURITY_INFO flag bit 2: Secure Download Mode is enabled. */
export const SECURITY_FLAG_SECURE_DOWNLOAD = 1 << 2;

/**
 * GET_SECURITY_INFO payload (fact sheet §2.13): flags u32, flash_crypt_cnt u8,
 * key_purposes[7], then chip_id u32 and api_version u32 on S3 and later (ESP32-S2 stops after
 * 12 bytes). A virtual chip is a fresh one: no secure boot, no encryption, all key purposes 0,
 * API version 0 [INFERRED: the one real C6/H2 capture shows 0].
 * Undefined when the chip has no such command (ESP8266, ESP32).
 */
export function buildSecurityInfo(definition: ChipDefinition, secureDownloadMode: boolean): Uint8Array | undefined {
  if (!definition.identity.romSupportsSecurityInfo) return undefined;
  const withChipId = definition.identity.securityInfoHasChipId;
  const bytes = new Uint8Array(withChipId ? 20 : 12);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, secureDownloadMode ? SECURITY_FLAG_SECURE_DOWNLOAD : 0, true);
  if (withChipId) view.setUint32(12, definition.imageChipId ?? 0, true);
  return bytes;
}
