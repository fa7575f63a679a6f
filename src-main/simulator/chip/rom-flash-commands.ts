import { FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import { xorChecksum } from '../../flasher/protocol/packets';
import { parseDataBlock, parseFlashBegin, payloadWords, type CommandRequest } from './command-frame';
import { InflateStream } from './deflate-stream';
import { eraseUnitsMs, planErase, planEsp8266RomErase, sectorCount } from './erase-plan';
import { programMs } from './flash-timing';
import { RomError, type RomContext } from './rom-context';

/**
 * ROM flash writing: FLASH_BEGIN / FLASH_DEFL_BEGIN erase the whole area before answering,
 * each DATA block is written and read back before its answer, END leaves the loader.
 *
 * [UNVERIFIED] error codes for refused flash access: a FLASH_BEGIN area that is not sector
 * aligned or reaches past the flash size the ROM believes in (2 MB until SPI_SET_PARAMS) fails
 * with 0x01 "input parameter invalid", like the ROM's SPIEraseArea argument check; a DATA block
 * outside it fails with 0x08 "flash write error"; a read outside it with 0x09.
 */
export async function romFlashBegin(request: CommandRequest, context: RomContext, compressed: boolean): Promise<void> {
  const { runtime, reply, flash } = context;
  const params = parseFlashBegin(request.data);
  if (!params) return reply.fail(request.op, RomError.INVALID_MESSAGE);
  context.flashWrite = undefined;
  if (params.sizeBytes > 0) {
    const requestedEnd = params.offset + sectorCount(params.sizeBytes) * FLASH_SECTOR_BYTES;
    if (params.offset % FLASH_SECTOR_BYTES !== 0 || !flash.contains(params.offset, requestedEnd - params.offset)) {
      return reply.fail(request.op, RomError.INVALID_PARAMETER);
    }
    const units = (
      runtime.definition.rom.eraseSizeBug
        ? planEsp8266RomErase(params.offset, params.sizeBytes)
        : planErase(params.offset, sectorCount(params.sizeBytes))
    ).filter((unit) => flash.contains(unit.offset, unit.sizeBytes));
    for (const unit of units) flash.erase(unit);
    await runtime.wait(eraseUnitsMs(runtime.timing, units));
  }
  context.flashWrite = {
    offset: params.offset,
    blockSizeBytes: params.blockSizeBytes,
    sizeBytes: params.sizeBytes,
    inflate: compressed ? new InflateStream() : undefined,
    cursor: params.offset,
  };
  reply.ok(request.op);
}

/** Programs `data`, waits the page-program time, and checks it reads back (error 0x08). */
async function writeAndVerify(context: RomContext, offset: number, data: Uint8Array): Promise<boolean> {
  const { runtime, flash } = context;
  if (!flash.contains(offset, data.length)) return false;
  await runtime.wait(programMs(runtime.timing, data.length));
  flash.program(offset, data);
  const readBack = flash.read(offset, data.length);
  return readBack.every((byte, index) => byte === data[index]);
}

/** Common checks of FLASH_DATA / FLASH_DEFL_DATA; returns the block bytes or answers the error. */
function acceptBlock(request: CommandRequest, context: RomContext, compressed: boolean): Uint8Array | undefined {
  const { reply } = context;
  const block = parseDataBlock(request.data);
  if (!block || block.declaredLength !== block.bytes.length) {
    reply.fail(request.op, RomError.INVALID_MESSAGE);
    return undefined;
  }
  if (xorChecksum(block.bytes) !== request.checksum) {
    reply.fail(request.op, RomError.CHECKSUM);
    return undefined;
  }
  // [UNVERIFIED] DATA without a matching BEGIN: treated as a malformed request.
  if (!context.flashWrite || (context.flashWrite.inflate !== undefined) !== compressed) {
    reply.fail(request.op, RomError.INVALID_MESSAGE);
    return undefined;
  }
  return block.bytes;
}

/** FLASH_DATA: block `seq` goes to offset + seq * block_size [INFERRED], so a retried block lands in place. */
export async function romFlashData(request: CommandRequest, context: RomContext): Promise<void> {
  const bytes = acceptBlock(request, context, false);
  const write = context.flashWrite;
  if (!bytes || !write) return;
  const sequence = parseDataBlock(request.data)?.sequence ?? 0;
  const ok = await writeAndVerify(context, write.offset + sequence * write.blockSizeBytes, bytes);
  if (ok) context.reply.ok(request.op);
  else context.reply.fail(request.op, RomError.FLASH_WRITE);
}

/** FLASH_DEFL_DATA: inflate the block and write what it yields before answering. */
export async function romFlashDeflData(request: CommandRequest, context: RomContext): Promise<void> {
  const bytes = acceptBlock(request, context, true);
  const write = context.flashWrite;
  if (!bytes || !write?.inflate) return;
  const result = write.inflate.push(bytes);
  for (const piece of result.output) {
    if (write.cursor + piece.length > write.offset + write.sizeBytes) {
      return context.reply.fail(request.op, RomError.DEFLATE); // more output than announced
    }
    if (!(await writeAndVerify(context, write.cursor, piece))) {
      return context.reply.fail(request.op, RomError.FLASH_WRITE);
    }
    write.cursor += piece.length;
  }
  if (result.failure === 'adler') return context.reply.fail(request.op, RomError.DEFLATE_ADLER);
  if (result.failure === 'inflate') return context.reply.fail(request.op, RomError.DEFLATE);
  context.reply.ok(request.op);
}

/**
 * FLASH_END / FLASH_DEFL_END: answer, then leave the loader. Flag 0 reboots; flag 1 runs the
 * app from flash (esptool's `run` sends FLASH_BEGIN(0,0) + FLASH_END(1); esptool skips END
 * after ROM writes "as it causes the loader to exit and run user code").
 */
export function romFlashEnd(request: CommandRequest, context: RomContext): void {
  const { runtime, reply } = context;
  if (request.data.length !== 4) return reply.fail(request.op, RomError.INVALID_MESSAGE);
  const [flag = 0] = payloadWords(request.data, 1);
  context.flashWrite = undefined;
  reply.ok(request.op);
  runtime.afterTransmit(() => runtime.control.leaveLoader(flag === 0 ? 'flash-end' : 'run-user-code'));
}
