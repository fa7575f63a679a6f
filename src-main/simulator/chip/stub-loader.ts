import type { ChipDefinition } from '../../flasher/targets/chip-definition';
import { Op } from '../../flasher/protocol/opcodes';
import type { ChipRuntime } from './chip-runtime';
import { parseCommandFrame } from './command-frame';
import type { ReceivedFrame } from './frame-queue';
import type { Loader } from './loader';
import { MemoryLoad } from './memory-load';
import { StubResponder } from './response-writer';
import {
  stubChangeBaudRate,
  stubGetSecurityInfo,
  stubReadReg,
  stubRunUserCode,
  stubSpiAttach,
  stubSpiSetParams,
  stubSync,
  stubWriteReg,
} from './stub-basic-commands';
import { StubCode, type StubContext, type StubHandler, type StubOutcome } from './stub-context';
import { stubFlashBegin, stubFlashData, stubFlashDeflData, stubFlashEnd } from './stub-flash-commands';
import { stubMemBegin, stubMemData, stubMemEnd } from './stub-memory-commands';
import { stubEraseFlash, stubEraseRegion, stubFlashMd5, stubReadFlash } from './stub-read-commands';

const MEGABYTE = 1024 * 1024;

/**
 * Flash size the stub assumes before SPI_SET_PARAMS (fact sheet §2.9 / §8.2): 16 MB, 64 MB on
 * chips whose stub supports larger flash (S3, later P4 and C5). Candidate for a ChipDefinition
 * field.
 */
export function stubDefaultFlashSizeBytes(definition: ChipDefinition): number {
  return ['esp32s3', 'esp32p4', 'esp32c5'].includes(definition.id) ? 64 * MEGABYTE : 16 * MEGABYTE;
}

/** SPI NAND plugin slots of the new stub; unpatched slots answer "not implemented". */
const PLUGIN_FIRST_OP = 0xd5;
const PLUGIN_LAST_OP = 0xde;

const STUB_HANDLERS: ReadonlyMap<number, StubHandler> = new Map<number, StubHandler>([
  [Op.SYNC, stubSync],
  [Op.READ_REG, stubReadReg],
  [Op.WRITE_REG, stubWriteReg],
  [Op.SPI_SET_PARAMS, stubSpiSetParams],
  [Op.SPI_ATTACH, stubSpiAttach],
  [Op.CHANGE_BAUDRATE, stubChangeBaudRate],
  [Op.GET_SECURITY_INFO, stubGetSecurityInfo],
  [Op.RUN_USER_CODE, stubRunUserCode],
  [Op.MEM_BEGIN, stubMemBegin],
  [Op.MEM_DATA, stubMemData],
  [Op.MEM_END, stubMemEnd],
  [Op.FLASH_BEGIN, (request, context) => stubFlashBegin(request, context, false)],
  [Op.FLASH_DATA, stubFlashData],
  [Op.FLASH_END, stubFlashEnd],
  [Op.FLASH_DEFL_BEGIN, (request, context) => stubFlashBegin(request, context, true)],
  [Op.FLASH_DEFL_DATA, stubFlashDeflData],
  [Op.FLASH_DEFL_END, stubFlashEnd],
  [Op.SPI_FLASH_MD5, stubFlashMd5],
  [Op.READ_FLASH, stubReadFlash],
  [Op.ERASE_FLASH, stubEraseFlash],
  [Op.ERASE_REGION, stubEraseRegion],
]);

function unknownCommand(op: number): StubOutcome {
  const pluginSlot = op >= PLUGIN_FIRST_OP && op <= PLUGIN_LAST_OP;
  return { code: pluginSlot ? StubCode.NOT_IMPLEMENTED : StubCode.INVALID_COMMAND };
}

/**
 * The flasher stub after OHAI, modelled on esp-flasher-stub (the new stub): 2 status bytes,
 * value 0 except READ_REG, unknown opcodes C3. Each command is answered, then its post-process
 * (flash programming, READ_FLASH streaming, baud change) runs before the next frame is taken;
 * an error from a post-process is what the next command gets, whatever it is, and that command
 * is not run.
 */
export class StubLoader implements Loader {
  private readonly reply: StubResponder;
  private readonly context: StubContext;
  private pendingError: number = StubCode.OK;

  constructor(runtime: ChipRuntime) {
    this.reply = new StubResponder((packets) => runtime.sendPackets(packets));
    this.context = {
      runtime,
      flash: runtime.flashAccess(stubDefaultFlashSizeBytes(runtime.definition)),
      memory: new MemoryLoad(),
      sendOk: (op) => this.reply.ok(op),
      writer: undefined,
    };
  }

  async handle(frame: ReceivedFrame): Promise<void> {
    const parsed = parseCommandFrame(frame);
    // The stub's SLIP reader drops frames it cannot decode.
    if (!frame.valid) return;
    if (parsed.kind === 'wrong-direction') return this.reply.fail(parsed.op, StubCode.INVALID_COMMAND);
    if (parsed.kind !== 'command') return this.reply.fail(parsed.op, StubCode.BAD_DATA_LEN);
    const { request } = parsed;
    if (this.pendingError !== StubCode.OK) {
      this.reply.fail(request.op, this.pendingError);
      this.pendingError = StubCode.OK;
      return;
    }
    const handler = STUB_HANDLERS.get(request.op);
    const result = handler ? await handler(request, this.context) : unknownCommand(request.op);
    if (result.silent) return;
    if (result.code !== StubCode.OK) return this.reply.fail(request.op, result.code);
    this.reply.ok(request.op, result.payload, result.value);
    if (result.postProcess) this.pendingError = await result.postProcess();
  }

  internalError(frame: ReceivedFrame): void {
    this.reply.fail(frame.bytes[1] ?? 0, StubCode.FAILED_SPI_OP);
  }
}
