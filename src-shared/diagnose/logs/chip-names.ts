import type { ChipId } from '../../chips';

/**
 * The chip a log names, from the way tools print it: "ESP32-D0WD-V3", "ESP32-S3 (QFN56)",
 * "ESP8266EX", "ESP8285N08", "esp32c3", "ESP32-C6FH4", "ESP32-PICO-D4", board names such as
 * "esp32-s3-devkitc-1". Variants of the original ESP32 carry a package name after the dash;
 * the newer families carry a letter and a digit.
 */
const FAMILY = /\besp[-_ ]?(8266|8285|32)(?:[-_ ]?(s2|s3|c2|c3|c5|c6|h2|p4)(?![0-9]))?/i;
/** Chips sold under an ESP8684 / ESP8685 name are ESP32-C2 / ESP32-C3 inside (esptool prints them so). */
const RENAMED: Readonly<Record<string, ChipId>> = { '8684': 'esp32c2', '8685': 'esp32c3' };

export function chipFromName(text: string): ChipId | undefined {
  const renamed = /\besp(8684|8685)/i.exec(text)?.[1];
  if (renamed !== undefined) return RENAMED[renamed];
  const match = FAMILY.exec(text);
  if (!match) return undefined;
  const base = match[1]!;
  if (base === '8266' || base === '8285') return 'esp8266';
  const suffix = match[2]?.toLowerCase();
  return suffix === undefined ? 'esp32' : (`esp32${suffix}` as ChipId);
}
