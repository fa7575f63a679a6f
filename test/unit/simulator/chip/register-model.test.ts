import { describe, expect, it } from 'vitest';
import { CHIP_IDS, type ChipId } from '../../../../src-shared/chips';
import { crystalMhzFromDivider } from '../../../../src-main/flasher/targets/crystal';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets/index';
import { FlashMemory } from '../../../../src-main/simulator/chip/flash-memory';
import type { RegisterSpace } from '../../../../src-main/simulator/chip/register-space';
import { createRegisterModel } from '../../../../src-main/simulator/chip/register-model';

function modelFor(id: ChipId, mac = '24:0a:c4:00:00:01', crystalMhz?: number): RegisterSpace {
  return createRegisterModel({
    definition: CHIP_DEFINITIONS[id],
    mac,
    flash: new FlashMemory(1024 * 1024, 0x1440ef),
    crystalMhz,
  });
}

/** Crystal each virtual board carries by default (hand list: the chips' usual crystals). */
const TYPICAL_MHZ: Record<ChipId, number> = {
  esp8266: 26,
  esp32: 40,
  esp32s2: 40,
  esp32s3: 40,
  esp32c2: 26,
  esp32c3: 40,
  esp32c5: 48,
  esp32c6: 40,
  esp32h2: 32,
  esp32p4: 40,
};

describe('register model identity', () => {
  for (const id of CHIP_IDS) {
    it(`${id}: readers over the model give the board MAC and the sample revision`, async () => {
      const definition = CHIP_DEFINITIONS[id];
      const space = modelFor(id, 'a0:b1:c2:d3:e4:f5');
      const read = (address: number): Promise<number> => Promise.resolve(space.read(address));
      expect(await definition.readMac(read)).toBe('a0:b1:c2:d3:e4:f5');
      expect(space.read(0x40001000)).toBe(definition.sampleRegisters[0x40001000]);
    });
  }
});

describe('UART_CLKDIV follows the UART baud rate', () => {
  for (const id of CHIP_IDS) {
    it(`${id}: the host estimate at 115200 and 921600 lands on the crystal`, () => {
      const definition = CHIP_DEFINITIONS[id];
      const space = modelFor(id);
      for (const baudRate of [115200, 921600]) {
        space.setUartBaudRate(baudRate);
        const divider = space.read(definition.crystal.uartClkDivRegister) & 0xfffff;
        const estimateMhz = (baudRate * divider) / 1e6 / (id === 'esp8266' ? 2 : 1);
        expect(Math.abs(estimateMhz - TYPICAL_MHZ[id])).toBeLessThan(1);
        expect(crystalMhzFromDivider(definition, divider, baudRate)).toBe(TYPICAL_MHZ[id]);
      }
    });
  }

  it.each([
    ['esp8266', 40],
    ['esp32', 26],
    ['esp32c2', 40],
    ['esp32c5', 40],
  ] as const)('%s with a %i MHz crystal reports it, before and after a baud change', (id, crystalMhz) => {
    const definition = CHIP_DEFINITIONS[id];
    const space = modelFor(id, '24:0a:c4:00:00:01', crystalMhz);
    const divider = (): number => space.read(definition.crystal.uartClkDivRegister);
    expect(crystalMhzFromDivider(definition, divider(), 115200)).toBe(crystalMhz);
    space.setUartBaudRate(921600);
    expect(crystalMhzFromDivider(definition, divider(), 921600)).toBe(crystalMhz);
  });

  it('ESP32: esptool computes the crystal from RTCCALICFG1 and CK8M as the board crystal', () => {
    for (const crystalMhz of [40, 26]) {
      const space = modelFor('esp32', '24:0a:c4:00:00:01', crystalMhz);
      // esptool get_rom_cal_crystal_freq.
      const cali = (space.read(0x3ff5f06c) >>> 7) & 0x1ffffff;
      const ck8m = space.read(0x3ff5a010) & 0xff;
      expect((cali * 15625 * ck8m) / 40).toBe(crystalMhz * 1e6);
    }
  });

  it('ESP32-C5: PCR_SYSCLK_CONF bits 24..30 hold the crystal the ROM expects', () => {
    expect((modelFor('esp32c5').read(0x60096110) >>> 24) & 0x7f).toBe(48);
    expect((modelFor('esp32c5', '24:0a:c4:00:00:01', 40).read(0x60096110) >>> 24) & 0x7f).toBe(40);
  });
});

describe('WRITE_REG / READ_REG semantics', () => {
  it('unknown addresses read 0 and keep what is written', () => {
    const space = modelFor('esp32');
    expect(space.read(0x3ff00100)).toBe(0);
    space.write(0x3ff00100, 0xcafef00d);
    expect(space.read(0x3ff00100)).toBe(0xcafef00d);
  });

  it('a partial mask changes only the masked bits; mask 0 changes nothing', () => {
    const space = modelFor('esp32s3');
    space.write(0x60008000, 0x1234);
    space.write(0x60008000, 0xffff, 0x00f0);
    expect(space.read(0x60008000)).toBe(0x12f4);
    space.write(0x60008000, 0xffffffff, 0);
    expect(space.read(0x60008000)).toBe(0x12f4);
  });

  it('a dummy write to UART_DATE with mask 0 (esptool delay) leaves it unchanged', () => {
    const space = modelFor('esp8266');
    space.write(0x60000078, 0, 0);
    expect(space.read(0x60000078)).toBe(0x00062000);
  });

  it('the detection word is ROM: writes do not change it', () => {
    const space = modelFor('esp32');
    space.write(0x40001000, 0x12345678);
    expect(space.read(0x40001000)).toBe(0x00f01d83);
  });
});
