import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { readWord } from '../../../../src-main/flasher/protocol/packets';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets';
import { FlashMemory } from '../../../../src-main/simulator/chip/flash-memory';
import { createRegisterModel } from '../../../../src-main/simulator/chip/register-model';
import type { OpenTransport } from '../../../../src-main/serial/transport';
import type { ChipId } from '../../../../src-shared/chips';
import { ManualClock } from '../../../helpers/manual-clock';
import { ScriptedTransport, type ScriptedTransportOptions } from '../../../helpers/scripted-transport';
import {
  ascii,
  enReleased,
  esp8266RomReply,
  rawFrame,
  romReply,
  stubReply,
  syncReplies,
  unsupportedReplies,
  type ReplyOptions,
} from '../connection/wire-replies';

/**
 * A scripted chip good enough for a whole session: it syncs after a reset, identifies itself
 * (GET_SECURITY_INFO or the magic word), answers READ_REG/WRITE_REG from the simulator's register
 * model (so RDID works), runs the "stub" after MEM_END, and keeps written flash so MD5 checks pass.
 */
export interface BoardOptions {
  readonly chip: ChipId;
  readonly jedecId?: number;
  readonly secureDownload?: boolean;
  /** SYNC replies with value 0 from the start. */
  readonly stubRunning?: boolean;
  /** No reply to anything (a dead board). */
  readonly silent?: boolean;
  readonly transport?: ScriptedTransportOptions;
}

const MB = 1024 * 1024;
const MAC = '24:0a:c4:12:34:56';

export function scriptedBoard(options: BoardOptions) {
  const definition = CHIP_DEFINITIONS[options.chip];
  const clock = new ManualClock(0);
  const transport = new ScriptedTransport({ clock, ...options.transport });
  const flash = new FlashMemory(4 * MB, options.jedecId ?? 0x1640ef);
  const registers = createRegisterModel({ definition, mac: MAC, flash });
  let stub = options.stubRunning ?? false;
  let writeOffset = 0;
  let deflated: Uint8Array[] = [];
  let blockBytes = 0x400;

  const reply = (op: number, replyOptions: ReplyOptions = {}): Uint8Array => {
    if (stub) return stubReply(op, replyOptions);
    return options.chip === 'esp8266' ? esp8266RomReply(op, replyOptions) : romReply(op, replyOptions);
  };
  const statusBytes = (): 2 | 4 => (stub || options.chip === 'esp8266' ? 2 : 4);
  const le32 = (value: number) => [0, 8, 16, 24].map((shift) => (value >>> shift) & 0xff);

  if (!options.silent) {
    transport.onLines((lines, previous, port) => {
      if (enReleased(lines, previous) && options.chip !== 'esp8266') port.emit(ascii('rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n'));
    });
    transport.onCommand(0x08, () => syncReplies({ value: stub ? 0 : 0x20120707, statusBytes: statusBytes() }));
    transport.onCommand(0x14, () => {
      if (!definition.identity.romSupportsSecurityInfo && !stub) return unsupportedReplies({ statusBytes: statusBytes() });
      if (!definition.identity.romSupportsSecurityInfo) return reply(0x14, { status: 0xff });
      const flags = options.secureDownload ? 1 << 2 : 0;
      const head = [...le32(flags), 0, 0, 0, 0, 0, 0, 0, 0];
      const payload = definition.identity.securityInfoHasChipId ? [...head, ...le32(definition.imageChipId ?? 0), ...le32(0)] : head;
      return reply(0x14, { payload });
    });
    transport.onCommand(0x0a, (command) =>
      options.secureDownload ? unsupportedReplies({ statusBytes: statusBytes() }) : reply(0x0a, { value: registers.read(readWord(command.data, 0)) }),
    );
    transport.onCommand(0x09, (command) => {
      for (let at = 0; at + 16 <= command.data.length; at += 16) {
        registers.write(readWord(command.data, at), readWord(command.data, at + 4), readWord(command.data, at + 8));
      }
      return reply(0x09);
    });
    transport.onCommand(0x05, () => reply(0x05));
    transport.onCommand(0x07, () => reply(0x07));
    transport.onCommand(0x06, () => {
      const answer = reply(0x06);
      stub = true;
      return [answer, rawFrame(ascii('OHAI'))];
    });
    for (const op of [0x0f, 0x0d, 0x0b, 0xd0, 0xd1]) transport.onCommand(op, () => reply(op));
    transport.onCommand(0x10, (command) => {
      writeOffset = readWord(command.data, 12);
      deflated = [];
      return reply(0x10);
    });
    transport.onCommand(0x11, (command) => {
      deflated.push(command.data.slice(16));
      return reply(0x11);
    });
    transport.onCommand(0x12, () => {
      const data = inflateSync(Buffer.concat(deflated));
      flash.eraseRange(writeOffset, data.length);
      flash.program(writeOffset, data);
      return reply(0x12);
    });
    transport.onCommand(0x02, (command) => {
      writeOffset = readWord(command.data, 12);
      blockBytes = readWord(command.data, 8);
      // Erase up front, as the ROM does (the ESP8266 erase-size bug is not modelled here).
      const blocks = readWord(command.data, 4);
      if (blocks > 0) flash.eraseRange(writeOffset, Math.min(blocks * blockBytes, flash.sizeBytes - writeOffset));
      return reply(0x02);
    });
    transport.onCommand(0x03, (command) => {
      const at = writeOffset + readWord(command.data, 4) * blockBytes;
      const block = command.data.slice(16);
      flash.program(at, block.subarray(0, Math.min(block.length, flash.sizeBytes - at)));
      return reply(0x03);
    });
    transport.onCommand(0x04, () => reply(0x04));
    transport.onCommand(0x13, (command) => {
      if (options.chip === 'esp8266' && !stub) return unsupportedReplies({ statusBytes: 2 });
      const digest = createHash('md5').update(flash.read(readWord(command.data, 0), readWord(command.data, 4))).digest();
      return reply(0x13, { payload: stub ? digest : ascii(digest.toString('hex')) });
    });
  }

  const openTransport: OpenTransport = async (path, openOptions) => {
    transport.baudRate = openOptions.baudRate;
    void path;
    return transport;
  };
  return { transport, clock, flash, openTransport, mac: MAC, isStubRunning: () => stub };
}
