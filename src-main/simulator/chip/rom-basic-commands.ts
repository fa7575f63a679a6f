import { payloadWords, type CommandRequest } from './command-frame';
import { applyWriteRegGroups, parseWriteRegGroups, readRegisterAddress } from './register-commands';
import { RomError, type RomContext } from './rom-context';
import { buildSecurityInfo } from './security-info';
import { isSyncPayload } from './sync-payload';

/** SYNC: only the exact 36-byte pattern gets the eight answers; anything else looks like garbage. */
export function romSync(request: CommandRequest, context: RomContext): void {
  if (!isSyncPayload(request.data)) return context.reply.unsupported();
  context.reply.sync();
  context.runtime.control.syncAnswered();
}

export function romReadReg(request: CommandRequest, context: RomContext): void {
  const address = readRegisterAddress(request.data);
  if (address === undefined) return context.reply.fail(request.op, RomError.INVALID_MESSAGE);
  context.reply.readReg(context.runtime.registers.read(address));
}

export async function romWriteReg(request: CommandRequest, context: RomContext): Promise<void> {
  const groups = parseWriteRegGroups(request.data);
  if (!groups) return context.reply.fail(request.op, RomError.INVALID_MESSAGE);
  await applyWriteRegGroups(context.runtime, groups);
  context.reply.ok(request.op);
}

/** SPI_SET_PARAMS: id, total size, block, sector, page, status mask. Only the size matters here. */
export function romSpiSetParams(request: CommandRequest, context: RomContext): void {
  if (request.data.length !== 24) return context.reply.fail(request.op, RomError.INVALID_MESSAGE);
  const [, totalSizeBytes = 0] = payloadWords(request.data, 2);
  context.flash.configuredSizeBytes = totalSizeBytes;
  context.reply.ok(request.op);
}

/**
 * SPI_ATTACH: 8 bytes on ROM (hspi_arg, then is_legacy and padding). Every pin setting
 * reaches the same virtual flash. [INFERRED] The simulator does not insist on SPI_ATTACH before
 * flash commands, which a real ESP32 ROM needs; hosts always send it.
 */
export function romSpiAttach(request: CommandRequest, context: RomContext): void {
  if (request.data.length !== 8) return context.reply.fail(request.op, RomError.INVALID_MESSAGE);
  context.reply.ok(request.op);
}

/**
 * CHANGE_BAUDRATE: `new_baud, old_baud(0)`. Answered at the old rate, then the UART switches.
 * The host's value for an ESP32 ROM is already crystal-compensated; it is taken as is.
 */
export function romChangeBaudRate(request: CommandRequest, context: RomContext): void {
  const { runtime, reply } = context;
  if (request.data.length !== 8) return reply.fail(request.op, RomError.INVALID_MESSAGE);
  const [baudRate = 0] = payloadWords(request.data, 1);
  if (baudRate === 0) return reply.fail(request.op, RomError.INVALID_PARAMETER);
  reply.ok(request.op);
  runtime.afterTransmit(() => runtime.control.setUartBaudRate(baudRate));
}

export function romGetSecurityInfo(request: CommandRequest, context: RomContext): void {
  const { runtime, reply } = context;
  const info = buildSecurityInfo(runtime.definition, runtime.secureDownloadMode);
  if (!info) return reply.unsupported();
  if (request.data.length !== 0) return reply.fail(request.op, RomError.INVALID_MESSAGE);
  reply.ok(request.op, info);
}
