import { flashManufacturerName, flashSizeBytesFromName, flashSizeNameFromJedec } from '../../../src-shared/flash';
import type { ChipInfo } from '../../../src-shared/flash-job';
import type { ChipDefinition } from '../targets/chip-definition';
import { readCrystalMhz } from '../targets/crystal';
import type { RegisterAccess } from './register-access';
import { readFlashJedecId } from './spi-flash-command';

export interface FlashIdentity {
  readonly flashId: number;
  readonly manufacturer?: string;
  /** Undefined when the id does not say (or says "no flash"). */
  readonly sizeBytes?: number;
}

export async function readFlashIdentity(registers: RegisterAccess, definition: ChipDefinition): Promise<FlashIdentity> {
  const flashId = await readFlashJedecId(registers, definition.spi);
  const sizeName = flashSizeNameFromJedec(flashId);
  const sizeBytes = sizeName === undefined ? undefined : flashSizeBytesFromName(sizeName);
  const manufacturer = flashManufacturerName(flashId & 0xff);
  return { flashId, ...(manufacturer ? { manufacturer } : {}), ...(sizeBytes ? { sizeBytes } : {}) };
}

/** Description, revision, features, crystal and MAC, read with READ_REG. */
export async function readChipInfo(
  registers: RegisterAccess,
  definition: ChipDefinition,
  baudRate: number,
  options: { secureDownloadMode: boolean; stubRunning: boolean },
): Promise<ChipInfo> {
  const read = registers.read;
  const description = await definition.readDescription(read);
  const revision = await definition.readRevision(read);
  const features = await definition.readFeatures(read);
  const crystalMhz = await readCrystalMhz(definition, read, baudRate);
  const mac = await definition.readMac(read);
  return {
    chip: definition.id,
    name: definition.name,
    description,
    revision,
    features,
    crystalMhz,
    mac,
    secureDownloadMode: options.secureDownloadMode,
    stubRunning: options.stubRunning,
  };
}
