import { xorChecksum } from '../../flasher/protocol/packets';
import { parseDataBlock, payloadWords, type CommandRequest } from './command-frame';
import { RomError, type RomContext } from './rom-context';

/** Time from MEM_END to the uploaded code's first output: stub start-up (BSS, clocks, flash). */
export const STUB_START_DELAY_MS = 2;

/** MEM_BEGIN: total size, block count, block size, load address. */
export function romMemBegin(request: CommandRequest, context: RomContext): void {
  if (request.data.length !== 16) return context.reply.fail(request.op, RomError.INVALID_MESSAGE);
  const [totalBytes = 0, , , address = 0] = payloadWords(request.data, 4);
  context.memory.begin(totalBytes, address);
  context.reply.ok(request.op);
}

/**
 * MEM_DATA. [UNVERIFIED] The ROM is assumed to check the data checksum (0x07) like FLASH_DATA,
 * to refuse data without MEM_BEGIN (0x05) and more data than announced (0x0E, invalid RAM
 * binary size). Load addresses are not checked.
 */
export function romMemData(request: CommandRequest, context: RomContext): void {
  const { reply, memory } = context;
  const block = parseDataBlock(request.data);
  if (!block || block.declaredLength !== block.bytes.length) return reply.fail(request.op, RomError.INVALID_MESSAGE);
  if (xorChecksum(block.bytes) !== request.checksum) return reply.fail(request.op, RomError.CHECKSUM);
  const result = memory.data(block.bytes);
  if (result === 'not-begun') return reply.fail(request.op, RomError.INVALID_MESSAGE);
  if (result === 'too-much') return reply.fail(request.op, RomError.RAM_SIZE);
  reply.ok(request.op);
}

/**
 * MEM_END: `flag, entry`. Flag 0 jumps to the entry point after answering (the real ROM may
 * not get its answer out; this one always does). Any uploaded code is taken to be the flasher
 * stub, which says OHAI a moment later. A jump with nothing loaded crashes the chip.
 */
export function romMemEnd(request: CommandRequest, context: RomContext): void {
  const { runtime, reply, memory } = context;
  if (request.data.length !== 8) return reply.fail(request.op, RomError.INVALID_MESSAGE);
  const [flag = 0] = payloadWords(request.data, 1);
  memory.end();
  reply.ok(request.op);
  if (flag !== 0) return;
  if (memory.loadedBytes > 0) runtime.after(STUB_START_DELAY_MS, () => runtime.control.startStub());
  else runtime.afterTransmit(() => runtime.control.leaveLoader('mem-end-entry'));
}
