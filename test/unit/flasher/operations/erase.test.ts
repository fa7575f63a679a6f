import { describe, expect, it } from 'vitest';
import { eraseAll, eraseRegion } from '../../../../src-main/flasher/operations/erase';
import type { EspError } from '../../../../src-shared/errors';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { makeLink, words } from './link-kit';

/** Erasing (fact sheet §2.16, §2.6, §2.7, §2.9). */

const FLASH_BEGIN = 0x02;
const SPI_SET_PARAMS = 0x0b;
const ERASE_FLASH = 0xd0;
const ERASE_REGION = 0xd1;
const MB4 = 4 * 1024 * 1024;

describe('eraseRegion', () => {
  it.each([
    [0x1001, 0x1000],
    [0x1000, 0x800],
  ])('offset 0x%s size 0x%s not on 4 KiB boundaries: image.misaligned, nothing sent', async (offset, size) => {
    const kit = makeLink('esp32', true);
    const error = (await rejectionWithFakeTimers(() => eraseRegion(kit.link, offset, size, MB4))) as EspError;
    expect(error.code).toBe('image.misaligned');
    expect(kit.transport.commands).toHaveLength(0);
  });

  it('a region past the end of the flash: image.too-large', async () => {
    const kit = makeLink('esp32', true);
    const error = (await rejectionWithFakeTimers(() => eraseRegion(kit.link, 0x3ff000, 0x2000, MB4))) as EspError;
    expect(error.code).toBe('image.too-large');
    expect(kit.transport.commands).toHaveLength(0);
  });

  it('the region ending exactly at the end of flash is fine', async () => {
    const kit = makeLink('esp32', true);
    kit.acknowledge(ERASE_REGION);
    await runWithFakeTimers(() => eraseRegion(kit.link, 0x3ff000, 0x1000, MB4));
    expect(kit.transport.opcodes).toEqual([ERASE_REGION]);
  });

  it('stub: ERASE_REGION offset, size', async () => {
    const kit = makeLink('esp32', true);
    kit.acknowledge(ERASE_REGION);
    await runWithFakeTimers(() => eraseRegion(kit.link, 0x9000, 0x6000, MB4));
    expect(words(kit.transport.commands[0]!.data)).toEqual([0x9000, 0x6000]);
  });

  it('ESP32 ROM: SPI_SET_PARAMS with the real size, then FLASH_BEGIN over the region (16 bytes)', async () => {
    const kit = makeLink('esp32', false);
    kit.acknowledge(SPI_SET_PARAMS, FLASH_BEGIN);
    await runWithFakeTimers(() => eraseRegion(kit.link, 0x9000, 0x6000, MB4));
    expect(kit.transport.opcodes).toEqual([SPI_SET_PARAMS, FLASH_BEGIN]);
    expect(words(kit.transport.commands[0]!.data)).toEqual([0, MB4, 0x10000, 0x1000, 0x100, 0xffff]);
    expect(words(kit.transport.commands[1]!.data)).toEqual([0x6000, 24, 0x400, 0x9000]);
  });

  it('ESP32-C6 ROM: FLASH_BEGIN with the encrypted word', async () => {
    const kit = makeLink('esp32c6', false);
    kit.acknowledge(SPI_SET_PARAMS, FLASH_BEGIN);
    await runWithFakeTimers(() => eraseRegion(kit.link, 0x9000, 0x6000, MB4));
    expect(words(kit.transport.commands[1]!.data)).toEqual([0x6000, 24, 0x400, 0x9000, 0]);
  });

  it('ESP8266 ROM: no SPI_SET_PARAMS, erase size through the §2.7 workaround', async () => {
    const kit = makeLink('esp8266', false);
    kit.acknowledge(FLASH_BEGIN);
    await runWithFakeTimers(() => eraseRegion(kit.link, 0x0, 0x10000, MB4));
    expect(kit.transport.opcodes).toEqual([FLASH_BEGIN]);
    expect(words(kit.transport.commands[0]!.data)).toEqual([0x8000, 64, 0x400, 0x0]);
  });
});

describe('eraseAll', () => {
  it('stub: ERASE_FLASH with no payload', async () => {
    const kit = makeLink('esp32s3', true);
    kit.acknowledge(ERASE_FLASH);
    await runWithFakeTimers(() => eraseAll(kit.link, MB4));
    expect(kit.transport.opcodes).toEqual([ERASE_FLASH]);
    expect(kit.transport.commands[0]!.data.length).toBe(0);
  });

  it('ROM: FLASH_BEGIN over the whole flash from 0', async () => {
    const kit = makeLink('esp32', false);
    kit.acknowledge(SPI_SET_PARAMS, FLASH_BEGIN);
    await runWithFakeTimers(() => eraseAll(kit.link, MB4));
    expect(words(kit.transport.commandsWith(FLASH_BEGIN)[0]!.data)).toEqual([MB4, MB4 / 0x400, 0x400, 0]);
  });
});
