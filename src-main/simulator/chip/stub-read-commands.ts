import { FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import { payloadWords, type CommandRequest } from './command-frame';
import { eraseUnitsMs, planErase } from './erase-plan';
import { md5Digest } from './flash-digest';
import { chipEraseMs, readMs } from './flash-timing';
import { streamReadFlash } from './read-flash-session';
import { outcome, StubCode, type StubContext, type StubOutcome } from './stub-context';

/** SPI_FLASH_MD5 on a stub: 16 raw digest bytes. */
export async function stubFlashMd5(request: CommandRequest, context: StubContext): Promise<StubOutcome> {
  if (request.data.length !== 16) return outcome(StubCode.BAD_DATA_LEN);
  const [offset = 0, lengthBytes = 0] = payloadWords(request.data, 2);
  const { runtime, flash } = context;
  if (!flash.contains(offset, lengthBytes)) return outcome(StubCode.FAILED_SPI_OP);
  await runtime.wait(readMs(runtime.timing, lengthBytes));
  return { code: StubCode.OK, payload: md5Digest(flash.read(offset, lengthBytes)) };
}

/** READ_FLASH: `offset, length, packet_size, max_in_flight`; the data follows the OK answer. */
export function stubReadFlash(request: CommandRequest, context: StubContext): StubOutcome {
  if (request.data.length !== 16) return outcome(StubCode.BAD_DATA_LEN);
  const [offset = 0, lengthBytes = 0, packetBytes = 0, maxInFlight = 0] = payloadWords(request.data, 4);
  const { runtime, flash } = context;
  return {
    code: StubCode.OK,
    postProcess: () => streamReadFlash(runtime, flash, { offset, lengthBytes, packetBytes, maxInFlight }),
  };
}

/** ERASE_FLASH: the whole chip, answered when done. */
export async function stubEraseFlash(_request: CommandRequest, context: StubContext): Promise<StubOutcome> {
  const { runtime, flash } = context;
  flash.eraseAll();
  await runtime.wait(chipEraseMs(runtime.timing, flash.physicalSizeBytes));
  return outcome(StubCode.OK);
}

/** ERASE_REGION: `offset, size`, both sector multiples (else C0, as the new stub does). */
export async function stubEraseRegion(request: CommandRequest, context: StubContext): Promise<StubOutcome> {
  if (request.data.length !== 8) return outcome(StubCode.BAD_DATA_LEN);
  const [offset = 0, sizeBytes = 0] = payloadWords(request.data, 2);
  if (offset % FLASH_SECTOR_BYTES !== 0 || sizeBytes % FLASH_SECTOR_BYTES !== 0) return outcome(StubCode.BAD_DATA_LEN);
  const { runtime, flash } = context;
  if (!flash.contains(offset, sizeBytes)) return outcome(StubCode.FAILED_SPI_OP);
  const units = planErase(offset, sizeBytes / FLASH_SECTOR_BYTES);
  for (const unit of units) flash.erase(unit);
  await runtime.wait(eraseUnitsMs(runtime.timing, units));
  return outcome(StubCode.OK);
}
