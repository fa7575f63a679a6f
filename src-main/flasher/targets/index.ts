import type { ChipId } from '../../../src-shared/chips';
import type { ChipDefinition, ChipDefinitions } from './chip-definition';
import { ESP32 } from './esp32';
import { ESP32C2 } from './esp32c2';
import { ESP32C3 } from './esp32c3';
import { ESP32C5 } from './esp32c5';
import { ESP32C6 } from './esp32c6';
import { ESP32H2 } from './esp32h2';
import { ESP32P4 } from './esp32p4';
import { ESP32S2 } from './esp32s2';
import { ESP32S3 } from './esp32s3';
import { ESP8266 } from './esp8266';

/** Every supported chip; a Record so that a chip missing here fails to compile. */
export const CHIP_DEFINITIONS: ChipDefinitions = {
  esp8266: ESP8266,
  esp32: ESP32,
  esp32s2: ESP32S2,
  esp32s3: ESP32S3,
  esp32c2: ESP32C2,
  esp32c3: ESP32C3,
  esp32c5: ESP32C5,
  esp32c6: ESP32C6,
  esp32h2: ESP32H2,
  esp32p4: ESP32P4,
};

export function chipDefinition(id: ChipId): ChipDefinition {
  return CHIP_DEFINITIONS[id];
}

/** The chip whose ROM shows `value` at 0x40001000 (READ_REG detection, fact sheet §4.1). */
export function chipByMagic(value: number): ChipDefinition | undefined {
  const magic = value >>> 0;
  return Object.values(CHIP_DEFINITIONS).find((definition) =>
    definition.identity.magicValues.some((candidate) => candidate >>> 0 === magic),
  );
}

/**
 * The chip for the chip_id in a 20-byte GET_SECURITY_INFO reply (S3 and later). Chips whose reply
 * carries no chip_id (ESP8266, ESP32, ESP32-S2) never match, even though ESP32 has image id 0.
 */
export function chipBySecurityChipId(id: number): ChipDefinition | undefined {
  return Object.values(CHIP_DEFINITIONS).find(
    (definition) => definition.identity.securityInfoHasChipId && definition.imageChipId === id,
  );
}

export type { ChipDefinition, ChipDefinitions, RegisterImage, RegisterReader } from './chip-definition';
export { CHIP_DETECT_MAGIC_REGISTER } from './chip-definition';
export { crystalMhzFromDivider, readCrystalMhz, uartClockDivider } from './crystal';
