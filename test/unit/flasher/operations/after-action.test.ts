import { describe, expect, it } from 'vitest';
import { runAfterAction } from '../../../../src-main/flasher/operations/after-action';
import type { ChipId } from '../../../../src-shared/chips';
import type { EspError } from '../../../../src-shared/errors';
import { bridgeForUsbIds, type PortInfo } from '../../../../src-shared/serial';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { makeLink, words } from './link-kit';

/** --after actions (fact sheet §5.1 HardReset, §4.3 watchdog reset, §2.16 RUN_USER_CODE). */

const FLASH_BEGIN = 0x02;
const FLASH_END = 0x04;
const WRITE_REG = 0x09;
const RUN_USER_CODE = 0xd3;

function port(vendorId: number, productId: number): Partial<PortInfo> {
  const usb = { vendorId, productId };
  const bridge = bridgeForUsbIds(usb);
  return { usb, ...(bridge ? { bridge } : {}) };
}

const CP2102 = port(0x10c4, 0xea60);
const CP2102C = port(0x10c4, 0xea64);
const USB_JTAG = port(0x303a, 0x1001);

function kitFor(chip: ChipId, stub: boolean, info: Partial<PortInfo>) {
  const kit = makeLink(chip, stub, { info });
  kit.acknowledge(WRITE_REG, FLASH_BEGIN, FLASH_END);
  return kit;
}

function timedLines(kit: ReturnType<typeof makeLink>): string[] {
  return kit.transport.events.flatMap((event) =>
    event.kind === 'lines' ? [`${event.atMs}:${event.lines.dtr ? 1 : 0}${event.lines.rts ? 1 : 0}`] : [],
  );
}

describe('hard reset', () => {
  it('UART bridge: RTS pulse of 100 ms with DTR released', async () => {
    const kit = kitFor('esp32', true, CP2102);
    const run = await runWithFakeTimers(() => runAfterAction(kit.link, 'hard-reset'));
    expect(timedLines(kit)).toEqual(['0:01', '100:00']);
    expect(run?.sequence.id).toBe('hard-reset');
  });

  it('ESP32-S2 over its ROM USB-OTG CDC (303A:0002): 200 ms pulse and 200 ms settle', async () => {
    const kit = kitFor('esp32s2', true, port(0x303a, 0x0002));
    const run = await runWithFakeTimers(() => runAfterAction(kit.link, 'hard-reset'));
    expect(timedLines(kit)).toEqual(['0:01', '200:00']);
    expect(run?.endedAtMs).toBe(400);
  });

  it('ESP32-C3 over USB-Serial/JTAG (303A:1001): the UART pulse, since esptool\'s uses_usb is USB-OTG (and C5) only', async () => {
    const kit = kitFor('esp32c3', true, USB_JTAG);
    await runWithFakeTimers(() => runAfterAction(kit.link, 'hard-reset'));
    expect(timedLines(kit)).toEqual(['0:01', '100:00']);
  });

  it('CP2102C (flow control): DTR=0, RTS=1, 100 ms, DTR=1, 100 ms, RTS=0', async () => {
    const kit = kitFor('esp32', true, CP2102C);
    await runWithFakeTimers(() => runAfterAction(kit.link, 'hard-reset'));
    expect(timedLines(kit)).toEqual(['0:00', '0:01', '100:11', '200:10']);
  });

  it('ESP32-S3: clears RTC_CNTL_OPTION1 force-download (bit 0) before the pulse', async () => {
    const kit = kitFor('esp32s3', true, CP2102);
    await runWithFakeTimers(() => runAfterAction(kit.link, 'hard-reset'));
    const clear = kit.transport.commandsWith(WRITE_REG)[0];
    expect(clear && words(clear.data)).toEqual([0x6000812c, 0, 1, 0]);
    expect(kit.transport.timeline.indexOf('write:0x09')).toBeLessThan(kit.transport.timeline.indexOf('lines'));
  });

  it('ESP32-P4 over USB-OTG (303A:0012): the watchdog reset, which DTR/RTS cannot replace', async () => {
    const kit = kitFor('esp32p4', true, port(0x303a, 0x0012));
    await runWithFakeTimers(() => runAfterAction(kit.link, 'hard-reset'));
    expect(kit.transport.commandsWith(WRITE_REG).map((command) => words(command.data)[0])).toContain(0x50116000);
  });

  it('a port without line control: no lines, a note why', async () => {
    const kit = kitFor('esp32', true, { path: 'socket://1.2.3.4:5', kind: 'tcp', lineControl: false });
    const run = await runWithFakeTimers(() => runAfterAction(kit.link, 'hard-reset'));
    expect(kit.transport.lineChanges).toEqual([]);
    expect(run?.skippedReason).toContain('Chip was NOT reset');
  });
});

describe('other --after actions', () => {
  it('no-reset and no-reset-stub touch nothing', async () => {
    for (const after of ['no-reset', 'no-reset-stub'] as const) {
      const kit = kitFor('esp32', true, CP2102);
      expect(await runWithFakeTimers(() => runAfterAction(kit.link, after))).toBeUndefined();
      expect(kit.transport.events).toEqual([]);
    }
  });

  it('soft reset, ESP8266 stub: RUN_USER_CODE, which has no reply', async () => {
    const kit = kitFor('esp8266', true, CP2102);
    await runWithFakeTimers(() => runAfterAction(kit.link, 'soft-reset'));
    expect(kit.transport.opcodes).toEqual([RUN_USER_CODE]);
  });

  it('soft reset, ESP8266 ROM: FLASH_BEGIN(0, 0) then FLASH_END "run user code" (flag 1)', async () => {
    const kit = kitFor('esp8266', false, CP2102);
    await runWithFakeTimers(() => runAfterAction(kit.link, 'soft-reset'));
    expect(kit.transport.opcodes).toEqual([FLASH_BEGIN, FLASH_END]);
    expect(words(kit.transport.commands[1]!.data)).toEqual([1]);
  });

  it('soft reset on another chip: input.invalid', async () => {
    const kit = kitFor('esp32', true, CP2102);
    expect(((await rejectionWithFakeTimers(() => runAfterAction(kit.link, 'soft-reset'))) as EspError).code).toBe('input.invalid');
  });

  it('watchdog reset, ESP32-S3: key, CONFIG1 2000, CONFIG0 enable, lock, then 500 ms', async () => {
    const kit = kitFor('esp32s3', true, port(0x303a, 0x0009));
    await runWithFakeTimers(() => runAfterAction(kit.link, 'watchdog-reset'));
    expect(kit.transport.commandsWith(WRITE_REG).map((command) => words(command.data).slice(0, 2))).toEqual([
      [0x600080b0, 0x50d83aa1],
      [0x6000809c, 2000],
      [0x60008098, 0xd0000102],
      [0x600080b0, 0],
    ]);
    expect(kit.clock.sleeps.map((sleep) => sleep.delayMs)).toEqual([500]);
    expect(kit.transport.lineChanges).toEqual([]);
  });

  it('watchdog reset where the chip has none (ESP32): input.invalid', async () => {
    const kit = kitFor('esp32', true, CP2102);
    expect(((await rejectionWithFakeTimers(() => runAfterAction(kit.link, 'watchdog-reset'))) as EspError).code).toBe('input.invalid');
  });
});
