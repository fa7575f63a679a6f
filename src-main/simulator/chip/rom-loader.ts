import { Op } from '../../flasher/protocol/opcodes';
import type { ChipRuntime } from './chip-runtime';
import { parseCommandFrame } from './command-frame';
import type { ReceivedFrame } from './frame-queue';
import type { Loader } from './loader';
import { MemoryLoad } from './memory-load';
import { RomResponder } from './response-writer';
import {
  romChangeBaudRate,
  romGetSecurityInfo,
  romReadReg,
  romSpiAttach,
  romSpiSetParams,
  romSync,
  romWriteReg,
} from './rom-basic-commands';
import { romAcceptsCommand } from './rom-capabilities';
import { RomError, type RomContext, type RomHandler } from './rom-context';
import { romFlashBegin, romFlashData, romFlashDeflData, romFlashEnd } from './rom-flash-commands';
import { romMemBegin, romMemData, romMemEnd } from './rom-memory-commands';
import { romFlashMd5, romReadFlashSlow } from './rom-read-commands';

/** The ROM believes in 2 MB of flash until SPI_SET_PARAMS says otherwise (fact sheet §2.6). */
export const ROM_DEFAULT_FLASH_SIZE_BYTES = 2 * 1024 * 1024;

const ROM_HANDLERS: ReadonlyMap<number, RomHandler> = new Map<number, RomHandler>([
  [Op.SYNC, romSync],
  [Op.READ_REG, romReadReg],
  [Op.WRITE_REG, romWriteReg],
  [Op.SPI_SET_PARAMS, romSpiSetParams],
  [Op.SPI_ATTACH, romSpiAttach],
  [Op.CHANGE_BAUDRATE, romChangeBaudRate],
  [Op.GET_SECURITY_INFO, romGetSecurityInfo],
  [Op.MEM_BEGIN, romMemBegin],
  [Op.MEM_DATA, romMemData],
  [Op.MEM_END, romMemEnd],
  [Op.FLASH_BEGIN, (request, context) => romFlashBegin(request, context, false)],
  [Op.FLASH_DATA, romFlashData],
  [Op.FLASH_END, romFlashEnd],
  [Op.FLASH_DEFL_BEGIN, (request, context) => romFlashBegin(request, context, true)],
  [Op.FLASH_DEFL_DATA, romFlashDeflData],
  [Op.FLASH_DEFL_END, romFlashEnd],
  [Op.SPI_FLASH_MD5, romFlashMd5],
  [Op.READ_FLASH_SLOW, romReadFlashSlow],
]);

/**
 * The mask-ROM serial bootloader. Frames it cannot parse and commands it does not have (per the
 * chip's ROM capabilities and Secure Download Mode) get the eight-frame unsupported pattern.
 */
export class RomLoader implements Loader {
  private readonly context: RomContext;

  constructor(private readonly runtime: ChipRuntime) {
    this.context = {
      runtime,
      reply: new RomResponder(runtime.definition.rom.statusBytes, (packets) => runtime.sendPackets(packets)),
      flash: runtime.flashAccess(ROM_DEFAULT_FLASH_SIZE_BYTES),
      memory: new MemoryLoad(),
      flashWrite: undefined,
    };
  }

  async handle(frame: ReceivedFrame): Promise<void> {
    const parsed = parseCommandFrame(frame);
    if (parsed.kind !== 'command') return this.context.reply.unsupported();
    const { request } = parsed;
    const handler = ROM_HANDLERS.get(request.op);
    if (!handler || !romAcceptsCommand(this.runtime.definition, request.op, this.runtime.secureDownloadMode)) {
      return this.context.reply.unsupported();
    }
    await handler(request, this.context);
  }

  internalError(frame: ReceivedFrame): void {
    this.context.reply.fail(frame.bytes[1] ?? 0, RomError.UNDEFINED);
  }
}
