import { describe, expect, it } from 'vitest';
import { readFlashIdentity } from '../../../../src-main/flasher/chip/read-chip-info';
import { SPIFLASH_RDID, readFlashJedecId, runSpiFlashCommand } from '../../../../src-main/flasher/chip/spi-flash-command';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets';
import { CHIP_IDS } from '../../../../src-shared/chips';
import { modelRegisters, recordingRegisters } from './register-backed';

/** esptool's run_spiflash_command (fact sheet §4.4), against the real register model and by hand. */

const CMD_USR = 1 << 18;

describe('readFlashJedecId against the register model', () => {
  it.each(CHIP_IDS)('%s: RDID returns the flash JEDEC id', async (chip) => {
    const definition = CHIP_DEFINITIONS[chip];
    expect(await readFlashJedecId(modelRegisters(definition, 0x1640ef), definition.spi)).toBe(0x1640ef);
    expect(await readFlashJedecId(modelRegisters(definition, 0x1840c8, 16 << 20), definition.spi)).toBe(0x1840c8);
  });

  it.each(CHIP_IDS)('%s: SFDP (address 0, 8 dummy cycles, 32 bits) reads the "SFDP" signature', async (chip) => {
    const definition = CHIP_DEFINITIONS[chip];
    const value = await runSpiFlashCommand(modelRegisters(definition, 0x1640ef), definition.spi, {
      opcode: 0x5a,
      readBits: 32,
      address: 0,
      addressBits: 24,
      dummyCycles: 8,
    });
    expect(value).toBe(0x50444653);
  });

  it('readFlashIdentity: Winbond 4MB from 0x1640EF; no size from 0xFFFFFF', async () => {
    const esp32 = CHIP_DEFINITIONS.esp32;
    expect(await readFlashIdentity(modelRegisters(esp32, 0x1640ef), esp32)).toEqual({
      flashId: 0x1640ef,
      manufacturer: 'Winbond',
      sizeBytes: 4 * 1024 * 1024,
    });
    const none = await readFlashIdentity(modelRegisters(esp32, 0xffffff), esp32);
    expect(none.sizeBytes).toBeUndefined();
  });
});

describe('runSpiFlashCommand register sequence', () => {
  /** A controller that is done at once (CMD reads 0) and leaves 0xAABBCCDD in W0 when started. */
  function finishingController(spi: (typeof CHIP_DEFINITIONS)['esp32']['spi']) {
    const base = spi.base;
    const recorded = recordingRegisters({ [base + spi.usrOffset]: 0x11111111, [base + spi.usr2Offset]: 0x22222222 }, (address, value, values) => {
      if (address === base && value & CMD_USR) values.set(base + spi.w0Offset, 0xaabbccdd);
    });
    const access = { read: async (address: number) => (address === base ? 0 : recorded.access.read(address)), write: recorded.access.write };
    return { access, calls: recorded.calls };
  }

  it('ESP32: MISO_DLEN = 23, USR = COMMAND|MISO, USR2 = 7<<28 | 0x9F, W0 cleared, CMD started, USR/USR2 restored', async () => {
    const spi = CHIP_DEFINITIONS.esp32.spi;
    const { access, calls } = finishingController(spi);
    const result = await runSpiFlashCommand(access, spi, { opcode: SPIFLASH_RDID, readBits: 24 });
    expect(result).toBe(0xbbccdd);
    const writes = calls.flatMap((call) => (call.op === 'write' ? [[call.address - spi.base, call.value]] : []));
    expect(writes).toEqual([
      [0x2c, 23],
      [0x1c, (0x80000000 | 0x10000000) >>> 0],
      [0x24, (0x70000000 | 0x9f) >>> 0],
      [0x80, 0],
      [0x00, CMD_USR],
      [0x1c, 0x11111111],
      [0x24, 0x22222222],
    ]);
    // USR and USR2 were read (saved) before anything was written.
    expect(calls.slice(0, 2)).toEqual([
      { op: 'read', address: spi.base + 0x1c },
      { op: 'read', address: spi.base + 0x24 },
    ]);
  });

  it('ESP8266: lengths go in USR1 (MISO bits - 1 at bit 8)', async () => {
    const spi = CHIP_DEFINITIONS.esp8266.spi;
    const base = spi.base;
    const { access, calls } = recordingRegisters();
    await runSpiFlashCommand({ read: async (address) => (address === base ? 0 : access.read(address)), write: access.write }, spi, {
      opcode: SPIFLASH_RDID,
      readBits: 24,
    });
    const usr1 = calls.find((call) => call.op === 'write' && call.address === base + spi.usr1Offset);
    expect(usr1?.op === 'write' ? usr1.value : -1).toBe(23 << 8);
  });

  it('address: left-aligned on ESP32, as is on the S3; address and dummy lengths in USR1', async () => {
    for (const [chip, expectedAddress] of [
      ['esp32', 0x123456 << 8],
      ['esp32s3', 0x123456],
    ] as const) {
      const spi = CHIP_DEFINITIONS[chip].spi;
      const base = spi.base;
      const { access, calls } = recordingRegisters();
      await runSpiFlashCommand({ read: async (address) => (address === base ? 0 : access.read(address)), write: access.write }, spi, {
        opcode: 0x5a,
        readBits: 32,
        address: 0x123456,
        addressBits: 24,
        dummyCycles: 8,
      });
      const written = (offset: number) => {
        const call = calls.find((entry) => entry.op === 'write' && entry.address === base + offset);
        return call?.op === 'write' ? call.value : undefined;
      };
      expect(written(0x04)).toBe(expectedAddress >>> 0);
      expect(written(spi.usr1Offset)).toBe(((23 << 26) | 7) >>> 0);
      expect(written(spi.usrOffset)).toBe((0x80000000 | 0x40000000 | 0x20000000 | 0x10000000) >>> 0);
    }
  });

  it('polls CMD at most 10 times when the controller never finishes', async () => {
    const spi = CHIP_DEFINITIONS.esp32s3.spi;
    const { access, calls } = recordingRegisters({ [spi.base]: CMD_USR });
    await runSpiFlashCommand({ read: access.read, write: async (address, value) => (address === spi.base ? undefined : access.write(address, value)) }, spi, {
      opcode: SPIFLASH_RDID,
      readBits: 24,
    });
    expect(calls.filter((call) => call.op === 'read' && call.address === spi.base)).toHaveLength(10);
  });
});
