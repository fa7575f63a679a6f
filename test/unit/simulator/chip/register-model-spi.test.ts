import { describe, expect, it } from 'vitest';
import { CHIP_IDS, type ChipId } from '../../../../src-shared/chips';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets/index';
import { FlashMemory } from '../../../../src-main/simulator/chip/flash-memory';
import type { RegisterSpace } from '../../../../src-main/simulator/chip/register-space';
import { createRegisterModel } from '../../../../src-main/simulator/chip/register-model';

/** SPI controller layouts, copied by hand from the fact sheet §4.4 table. */
interface Layout {
  readonly base: number;
  readonly usr: number;
  readonly usr1: number;
  readonly usr2: number;
  readonly mosiDlen?: number;
  readonly misoDlen?: number;
  readonly w0: number;
  readonly leftAligned: boolean;
}
const S2_STYLE = { usr: 0x18, usr1: 0x1c, usr2: 0x20, mosiDlen: 0x24, misoDlen: 0x28, w0: 0x58, leftAligned: false };
const LAYOUTS: Record<ChipId, Layout> = {
  esp8266: { base: 0x60000200, usr: 0x1c, usr1: 0x20, usr2: 0x24, w0: 0x40, leftAligned: true },
  esp32: { base: 0x3ff42000, usr: 0x1c, usr1: 0x20, usr2: 0x24, mosiDlen: 0x28, misoDlen: 0x2c, w0: 0x80, leftAligned: true },
  esp32s2: { base: 0x3f402000, ...S2_STYLE },
  esp32s3: { base: 0x60002000, ...S2_STYLE },
  esp32c3: { base: 0x60002000, ...S2_STYLE },
  esp32c2: { base: 0x60002000, ...S2_STYLE },
  esp32c6: { base: 0x60003000, ...S2_STYLE },
  esp32h2: { base: 0x60003000, ...S2_STYLE },
  esp32c5: { base: 0x60003000, ...S2_STYLE },
  esp32p4: { base: 0x5008d000, ...S2_STYLE },
};

interface CommandOptions {
  readonly readBits?: number;
  readonly addr?: number;
  readonly addrLen?: number;
  readonly dummyLen?: number;
}

/**
 * esptool's run_spiflash_command (loader.py), written register by register against a register
 * space: the same writes, in the same order, that esptool sends as WRITE_REG commands.
 */
function runSpiflashCommand(space: RegisterSpace, layout: Layout, opcode: number, options: CommandOptions = {}): number {
  const { readBits = 0, addr = 0, addrLen = 0, dummyLen = 0 } = options;
  const reg = (offset: number): number => layout.base + offset;
  const oldUsr = space.read(reg(layout.usr));
  const oldUsr2 = space.read(reg(layout.usr2));
  if (layout.misoDlen !== undefined && layout.mosiDlen !== undefined) {
    if (readBits > 0) space.write(reg(layout.misoDlen), readBits - 1);
    let flags = 0;
    if (dummyLen > 0) flags |= dummyLen - 1;
    if (addrLen > 0) flags |= (addrLen - 1) << 26;
    if (flags) space.write(reg(layout.usr1), flags >>> 0);
  } else {
    let flags = (readBits === 0 ? 0 : readBits - 1) << 8;
    if (dummyLen > 0) flags |= dummyLen - 1;
    if (addrLen > 0) flags |= (addrLen - 1) << 26;
    space.write(reg(layout.usr1), flags >>> 0);
  }
  let usrFlags = 1 << 31;
  if (readBits > 0) usrFlags |= 1 << 28;
  if (addrLen > 0) usrFlags |= 1 << 30;
  if (dummyLen > 0) usrFlags |= 1 << 29;
  space.write(reg(layout.usr), usrFlags >>> 0);
  space.write(reg(layout.usr2), ((7 << 28) | opcode) >>> 0);
  if (addrLen > 0) space.write(reg(0x04), layout.leftAligned ? (addr << (32 - addrLen)) >>> 0 : addr);
  space.write(reg(layout.w0), 0);
  space.write(reg(0x00), 1 << 18);
  let done = false;
  for (let poll = 0; poll < 10 && !done; poll++) done = (space.read(reg(0x00)) & (1 << 18)) === 0;
  if (!done) throw new Error('SPI command did not complete in time');
  const status = space.read(reg(layout.w0));
  space.write(reg(layout.usr), oldUsr);
  space.write(reg(layout.usr2), oldUsr2);
  return status;
}

function modelFor(id: ChipId, jedecId = 0x1640ef): RegisterSpace {
  return createRegisterModel({
    definition: CHIP_DEFINITIONS[id],
    mac: '24:0a:c4:00:00:01',
    flash: new FlashMemory(4 * 1024 * 1024, jedecId),
  });
}

describe("esptool's SPI flash command sequence against each chip's register model", () => {
  for (const id of CHIP_IDS) {
    describe(id, () => {
      const layout = LAYOUTS[id];

      it('definition uses the fact-sheet layout', () => {
        const spi = CHIP_DEFINITIONS[id].spi;
        expect([spi.base, spi.usrOffset, spi.usr1Offset, spi.usr2Offset, spi.w0Offset]).toEqual([
          layout.base,
          layout.usr,
          layout.usr1,
          layout.usr2,
          layout.w0,
        ]);
        expect([spi.mosiDlenOffset, spi.misoDlenOffset, spi.addressLeftAligned]).toEqual([
          layout.mosiDlen,
          layout.misoDlen,
          layout.leftAligned,
        ]);
      });

      it('RDID (0x9F, 24 bits) returns the JEDEC id in W0', () => {
        expect(runSpiflashCommand(modelFor(id), layout, 0x9f, { readBits: 24 })).toBe(0x1640ef);
        expect(runSpiflashCommand(modelFor(id, 0x1840c8), layout, 0x9f, { readBits: 24 })).toBe(0x1840c8);
      });

      it('SFDP (0x5A) at 0 reads the "SFDP" signature; at 0x10 the manufacturer byte', () => {
        const space = modelFor(id);
        const sfdp = { addrLen: 24, dummyLen: 8 };
        expect(runSpiflashCommand(space, layout, 0x5a, { ...sfdp, addr: 0, readBits: 32 })).toBe(0x50444653);
        expect(runSpiflashCommand(space, layout, 0x5a, { ...sfdp, addr: 0x10, readBits: 8 })).toBe(0xef);
        // The USR1 left over from the SFDP read (address and dummy lengths) must not upset RDID.
        expect(runSpiflashCommand(space, layout, 0x9f, { readBits: 24 })).toBe(0x1640ef);
      });

      it('status reads return 0; write-enable, resets and XMC recovery are accepted', () => {
        const space = modelFor(id);
        for (const opcode of [0x05, 0x35, 0x15]) expect(runSpiflashCommand(space, layout, opcode, { readBits: 8 })).toBe(0);
        for (const opcode of [0x06, 0x04, 0x66, 0x99, 0x50, 0xb9, 0x79, 0xff, 0xab]) {
          expect(runSpiflashCommand(space, layout, opcode)).toBe(0);
        }
        expect(runSpiflashCommand(space, layout, 0x9f, { readBits: 24 })).toBe(0x1640ef);
      });

      it('clears CMD bit 18 when done and keeps the restored USR/USR2', () => {
        const space = modelFor(id);
        space.write(layout.base + layout.usr, 0x80000000);
        space.write(layout.base + layout.usr2, 0x70000003);
        runSpiflashCommand(space, layout, 0x9f, { readBits: 24 });
        expect(space.read(layout.base)).toBe(0);
        expect(space.read(layout.base + layout.usr)).toBe(0x80000000);
        expect(space.read(layout.base + layout.usr2)).toBe(0x70000003);
      });
    });
  }

  it('normal read (0x03) returns flash bytes, first byte in bits 7..0', () => {
    const flash = new FlashMemory(1024 * 1024, 0x1440ef, new Uint8Array([0xe9, 0x03, 0x02, 0x20]));
    const space = createRegisterModel({ definition: CHIP_DEFINITIONS.esp32c3, mac: '58:cf:79:00:00:01', flash });
    expect(runSpiflashCommand(space, LAYOUTS.esp32c3, 0x03, { addr: 0, addrLen: 24, readBits: 32 })).toBe(0x200203e9);
  });
});
