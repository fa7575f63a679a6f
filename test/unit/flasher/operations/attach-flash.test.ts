import { describe, expect, it } from 'vitest';
import { attachFlash, setFlashParameters } from '../../../../src-main/flasher/operations/attach-flash';
import { runWithFakeTimers } from '../../../helpers/manual-clock';
import { makeLink, words } from './link-kit';

/** SPI_ATTACH / SPI_SET_PARAMS (fact sheet §2.9, §2.10). */

const FLASH_BEGIN = 0x02;
const SPI_SET_PARAMS = 0x0b;
const SPI_ATTACH = 0x0d;

describe('attachFlash', () => {
  it('ESP32 ROM: SPI_ATTACH with 8 bytes (hspi_arg 0, is_legacy 0)', async () => {
    const kit = makeLink('esp32', false);
    kit.acknowledge(SPI_ATTACH);
    await runWithFakeTimers(() => attachFlash(kit.link));
    expect(kit.transport.opcodes).toEqual([SPI_ATTACH]);
    expect(Array.from(kit.transport.commands[0]!.data)).toEqual(new Array(8).fill(0));
  });

  it('stub: SPI_ATTACH with 4 bytes', async () => {
    const kit = makeLink('esp32c3', true);
    kit.acknowledge(SPI_ATTACH);
    await runWithFakeTimers(() => attachFlash(kit.link));
    expect(kit.transport.commands[0]!.data.length).toBe(4);
  });

  it('ESP8266 ROM: FLASH_BEGIN(0, 0) instead', async () => {
    const kit = makeLink('esp8266', false);
    kit.acknowledge(FLASH_BEGIN);
    await runWithFakeTimers(() => attachFlash(kit.link));
    expect(kit.transport.opcodes).toEqual([FLASH_BEGIN]);
    const [size, blocks, , offset] = words(kit.transport.commands[0]!.data);
    expect([size, blocks, offset]).toEqual([0, 0, 0]);
  });

  it('ESP8266 stub: SPI_ATTACH', async () => {
    const kit = makeLink('esp8266', true);
    kit.acknowledge(SPI_ATTACH);
    await runWithFakeTimers(() => attachFlash(kit.link));
    expect(kit.transport.opcodes).toEqual([SPI_ATTACH]);
  });
});

describe('setFlashParameters', () => {
  it('sends SPI_SET_PARAMS with the size to ESP32 ROMs and stubs', async () => {
    for (const stub of [false, true]) {
      const kit = makeLink('esp32', stub);
      kit.acknowledge(SPI_SET_PARAMS);
      await runWithFakeTimers(() => setFlashParameters(kit.link, 16 * 1024 * 1024));
      expect(words(kit.transport.commands[0]!.data)).toEqual([0, 16 * 1024 * 1024, 0x10000, 0x1000, 0x100, 0xffff]);
    }
  });

  it('skips the ESP8266 ROM, which lacks it', async () => {
    const kit = makeLink('esp8266', false);
    await runWithFakeTimers(() => setFlashParameters(kit.link, 4 * 1024 * 1024));
    expect(kit.transport.commands).toHaveLength(0);
  });
});
