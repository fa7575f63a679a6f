import { describe, expect, it } from 'vitest';
import { registerAccess } from '../../../../src-main/flasher/chip/register-access';
import { FrameReader } from '../../../../src-main/flasher/connection/frame-reader';
import { CommandClient } from '../../../../src-main/flasher/protocol/command-client';
import { ScriptedTransport } from '../../../helpers/scripted-transport';
import { romReply } from '../connection/wire-replies';
import { hexBytes } from '../slip/hex-bytes';

/** READ_REG / WRITE_REG as register reader and writer (fact sheet §2.3, §2.4). */

describe('registerAccess', () => {
  it('read sends READ_REG with the address and returns the value unsigned', async () => {
    const transport = new ScriptedTransport();
    transport.onCommand(0x0a, romReply(0x0a, { value: 0xfff0c101 }));
    const registers = registerAccess(new CommandClient(transport, new FrameReader(transport)));
    expect(await registers.read(0x3ff5a004)).toBe(0xfff0c101);
    expect(Array.from(transport.commands[0]!.data)).toEqual(Array.from(hexBytes('04 a0 f5 3f')));
  });

  it('write sends one WRITE_REG group: address, value, mask, delay', async () => {
    const transport = new ScriptedTransport();
    transport.onCommand(0x09, romReply(0x09));
    const registers = registerAccess(new CommandClient(transport, new FrameReader(transport)));
    await registers.write(0x6000812c, 0, 0x1);
    await registers.write(0x600080b0, 0x50d83aa1);
    expect(Array.from(transport.commands[0]!.data)).toEqual(Array.from(hexBytes('2c 81 00 60 00 00 00 00 01 00 00 00 00 00 00 00')));
    expect(Array.from(transport.commands[1]!.data)).toEqual(Array.from(hexBytes('b0 80 00 60 a1 3a d8 50 ff ff ff ff 00 00 00 00')));
  });
});
