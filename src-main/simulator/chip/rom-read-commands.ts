import { payloadWords, type CommandRequest } from './command-frame';
import { md5HexAscii } from './flash-digest';
import { readMs } from './flash-timing';
import { RomError, type RomContext } from './rom-context';

/** SPI_FLASH_MD5 on ROM: `address, size, 0, 0`; answer is 32 lowercase hex ASCII characters. */
export async function romFlashMd5(request: CommandRequest, context: RomContext): Promise<void> {
  const { runtime, reply, flash } = context;
  if (request.data.length !== 16) return reply.fail(request.op, RomError.INVALID_MESSAGE);
  const [offset = 0, lengthBytes = 0] = payloadWords(request.data, 2);
  if (!flash.contains(offset, lengthBytes)) return reply.fail(request.op, RomError.FLASH_READ);
  await runtime.wait(readMs(runtime.timing, lengthBytes));
  reply.ok(request.op, md5HexAscii(flash.read(offset, lengthBytes)));
}

const READ_FLASH_SLOW_BYTES = 64;

/**
 * READ_FLASH_SLOW: 8 bytes `offset, length` (esptool) or 16 (espflash adds block size and
 * in-flight count). The payload is always 64 bytes; only the first `length` are meaningful, the
 * rest are zero here.
 */
export async function romReadFlashSlow(request: CommandRequest, context: RomContext): Promise<void> {
  const { runtime, reply, flash } = context;
  if (request.data.length !== 8 && request.data.length !== 16) return reply.fail(request.op, RomError.INVALID_MESSAGE);
  const [offset = 0, lengthBytes = 0] = payloadWords(request.data, 2);
  if (lengthBytes > READ_FLASH_SLOW_BYTES) return reply.fail(request.op, RomError.FLASH_READ_LENGTH);
  if (!flash.contains(offset, lengthBytes)) return reply.fail(request.op, RomError.FLASH_READ);
  await runtime.wait(readMs(runtime.timing, lengthBytes));
  const payload = new Uint8Array(READ_FLASH_SLOW_BYTES);
  payload.set(flash.read(offset, lengthBytes));
  reply.ok(request.op, payload);
}
