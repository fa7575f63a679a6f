import { xorChecksum } from '../../flasher/protocol/packets';
import { parseDataBlock, parseFlashBegin, payloadWords, type CommandRequest } from './command-frame';
import { outcome, StubCode, type StubContext, type StubOutcome } from './stub-context';
import { StubFlashWriter } from './stub-flash-writer';

/** Largest FLASH_BEGIN block size a stub accepts (its receive buffer). */
export const STUB_MAX_BLOCK_BYTES = 0x4000;
/** Delay between answering FLASH_END(reboot) and the software reset (legacy stub: 10 ms). */
const REBOOT_DELAY_MS = 10;

export function stubFlashBegin(request: CommandRequest, context: StubContext, compressed: boolean): StubOutcome {
  const params = parseFlashBegin(request.data);
  if (!params) return outcome(StubCode.BAD_DATA_LEN);
  if (params.blockSizeBytes > STUB_MAX_BLOCK_BYTES) return outcome(StubCode.BAD_BLOCKSIZE);
  const writer = new StubFlashWriter(context.runtime, context.flash, params, compressed);
  context.writer = writer;
  return outcome(writer.start());
}

interface AcceptedBlock {
  readonly writer: StubFlashWriter;
  readonly bytes: Uint8Array;
}

/** Checks shared by FLASH_DATA and FLASH_DEFL_DATA, in the new stub's order; else a stub code. */
function acceptBlock(request: CommandRequest, context: StubContext, tooShortCode: number): AcceptedBlock | number {
  const block = parseDataBlock(request.data);
  if (!block) return tooShortCode;
  const writer = context.writer;
  if (!writer) return StubCode.NOT_IN_FLASH_MODE;
  // A DEFL block after all announced bytes were written is one too many.
  if (writer.compressed && writer.remainingBytes === 0) return StubCode.TOO_MUCH_DATA;
  // New stub: a data_len that disagrees with the bytes received is TOO_MUCH_DATA (legacy: C0).
  if (block.declaredLength !== block.bytes.length) return StubCode.TOO_MUCH_DATA;
  if (xorChecksum(block.bytes) !== request.checksum) return StubCode.BAD_DATA_CHECKSUM;
  return { writer, bytes: block.bytes };
}

export function stubFlashData(request: CommandRequest, context: StubContext): StubOutcome {
  const accepted = acceptBlock(request, context, StubCode.NOT_ENOUGH_DATA);
  if (typeof accepted === 'number') return outcome(accepted);
  return { code: StubCode.OK, postProcess: () => accepted.writer.write(accepted.bytes) };
}

export function stubFlashDeflData(request: CommandRequest, context: StubContext): StubOutcome {
  const accepted = acceptBlock(request, context, StubCode.BAD_DATA_LEN);
  if (typeof accepted === 'number') return outcome(accepted);
  return { code: StubCode.OK, postProcess: () => accepted.writer.writeCompressed(accepted.bytes) };
}

/**
 * FLASH_END / FLASH_DEFL_END: by the time this runs the previous block's post-process has
 * finished, so everything is written. Refuses (C0) while bytes are still owed. Flag 0 asks for
 * a reboot as the legacy stub does it (the new stub leaves that as a TODO).
 */
export function stubFlashEnd(request: CommandRequest, context: StubContext): StubOutcome {
  if (request.data.length !== 4) return outcome(StubCode.BAD_DATA_LEN);
  if (!context.writer) return outcome(StubCode.NOT_IN_FLASH_MODE);
  if (context.writer.remainingBytes !== 0) return outcome(StubCode.BAD_DATA_LEN);
  context.writer = undefined;
  const [flag = 0] = payloadWords(request.data, 1);
  if (flag !== 0) return outcome(StubCode.OK);
  const { runtime } = context;
  return {
    code: StubCode.OK,
    postProcess: async () => {
      runtime.afterTransmit(() => runtime.control.leaveLoader('flash-end'), REBOOT_DELAY_MS);
      return StubCode.OK;
    },
  };
}
