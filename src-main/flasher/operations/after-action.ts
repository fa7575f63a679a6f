import type { ChipId } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import type { AfterAction } from '../../../src-shared/flash-job';
import { hardReset, hardResetFlowControl, hardResetUsb } from '../../../src-shared/reset/strategies';
import type { ResetSequence } from '../../../src-shared/reset/sequence';
import type { LoaderLink } from './loader-link';
import { Op } from '../protocol/opcodes';
import { beginPayload, endPayload } from '../protocol/payloads';
import { runResetSequence, type ResetRun } from '../reset/run-reset';
import { ROM_FLASH_WRITE_BYTES } from '../targets/chip-definition';

/** RTC watchdog registers esptool uses for --after watchdog-reset (fact sheet §4.3). */
const WATCHDOG_REGISTERS: Partial<Record<ChipId, { wprotect: number; config0: number; config1: number }>> = {
  esp32s2: { wprotect: 0x3f4080ac, config0: 0x3f408094, config1: 0x3f408098 },
  esp32s3: { wprotect: 0x600080b0, config0: 0x60008098, config1: 0x6000809c },
  esp32c3: { wprotect: 0x600080a8, config0: 0x60008090, config1: 0x60008094 },
  esp32p4: { wprotect: 0x50116018, config0: 0x50116000, config1: 0x50116004 },
};
const WDT_WRITE_KEY = 0x50d83aa1;
const WATCHDOG_SETTLE_MS = 500;

/** S3: RTC_CNTL_OPTION1 bit 0 forces download boot; esptool clears it before a hard reset. */
const S3_FORCE_DOWNLOAD_REGISTER = 0x6000812c;

/**
 * esptool's choice (fact sheet §5.1): the long USB pulse for S2/S3 on USB-OTG and C5 on its
 * USB-Serial/JTAG port, the flow-control variant for CP2102C, else a 100 ms RTS pulse.
 */
export function hardResetSequence(link: LoaderLink): ResetSequence {
  const info = link.transport.info;
  const bridge = info.bridge?.id;
  if (bridge === 'esp-usb-otg' || (bridge === 'esp-usb-serial-jtag' && link.definition.id === 'esp32c5')) {
    return hardResetUsb();
  }
  if (info.bridge?.hardwareFlowControl) return hardResetFlowControl();
  return hardReset();
}

async function hardResetChip(link: LoaderLink): Promise<ResetRun | undefined> {
  // The P4's ROM USB-OTG download mode cannot be left with RTS; esptool uses the watchdog.
  if (link.definition.id === 'esp32p4' && link.transport.info.bridge?.id === 'esp-usb-otg') {
    await watchdogReset(link);
    return undefined;
  }
  if (link.definition.id === 'esp32s3') {
    try {
      await link.registers.write(S3_FORCE_DOWNLOAD_REGISTER, 0, 1);
    } catch {
      // Best effort, as in esptool: an older ROM may refuse the write; the reset still happens.
    }
  }
  return runResetSequence(link.transport, hardResetSequence(link), link.clock, link.signal);
}

/**
 * What to do with the chip when the work is done (esptool --after). Returns the reset run when
 * the lines were toggled, so callers can record or chart it.
 */
export async function runAfterAction(link: LoaderLink, after: AfterAction): Promise<ResetRun | undefined> {
  switch (after) {
    case 'no-reset':
    case 'no-reset-stub':
      return undefined;
    case 'hard-reset':
      return hardResetChip(link);
    case 'soft-reset':
      await softReset(link);
      return undefined;
    case 'watchdog-reset':
      await watchdogReset(link);
      return undefined;
  }
}

async function softReset(link: LoaderLink): Promise<void> {
  if (link.definition.id !== 'esp8266') {
    throw new EspError('input.invalid', {
      message: `Soft reset is only available on the ESP8266, not on the ${link.definition.name}.`,
      hint: 'Use --after hard-reset.',
      evidence: { after: 'soft-reset', chip: link.definition.name },
    });
  }
  if (link.stub) {
    await link.client.send(Op.RUN_USER_CODE, new Uint8Array(0));
    return;
  }
  await link.client.command(Op.FLASH_BEGIN, beginPayload(0, 0, ROM_FLASH_WRITE_BYTES, 0));
  await link.client.command(Op.FLASH_END, endPayload(false));
}

async function watchdogReset(link: LoaderLink): Promise<void> {
  const registers = WATCHDOG_REGISTERS[link.definition.id];
  if (!registers) {
    throw new EspError('input.invalid', {
      message: `Watchdog reset is not available on the ${link.definition.name}.`,
      hint: 'Use --after hard-reset.',
      evidence: { after: 'watchdog-reset', chip: link.definition.name },
    });
  }
  await link.registers.write(registers.wprotect, WDT_WRITE_KEY);
  await link.registers.write(registers.config1, 2000);
  await link.registers.write(registers.config0, ((1 << 31) | (5 << 28) | (1 << 8) | 2) >>> 0);
  await link.registers.write(registers.wprotect, 0);
  await link.clock.sleep(WATCHDOG_SETTLE_MS, link.signal);
}
