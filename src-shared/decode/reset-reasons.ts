/**
 * Reset causes printed by the ROMs, in words. Sources: fact sheet §6.1 (ESP8266 "rst cause:N"),
 * §6.2 (ESP32 names and numbers as in ESP-IDF rom/rtc.h, numbers [INFERRED] apart from 0x1) and
 * §6.3 (newer chips' names as printed). Newer chips print the name, so the name decides; the
 * number is used only when no name was printed.
 */

export type ResetCategory =
  | 'power-on'
  | 'external'
  | 'software'
  | 'crash-restart'
  | 'watchdog'
  | 'deep-sleep'
  | 'brownout'
  | 'usb'
  | 'other';

export interface ResetReason {
  readonly category: ResetCategory;
  /** Short words for a title: "Power-on", "Watchdog reset". */
  readonly short: string;
  /** One sentence: what made the chip restart. */
  readonly meaning: string;
}

const POWER_ON: ResetReason = {
  category: 'power-on',
  short: 'Power-on reset',
  // [INFERRED] ESP32-family chips report an EN-pin reset as POWERON too (as on DevKitC boards).
  meaning: 'The chip was powered up or its EN (reset) pin was released.',
};
const SOFTWARE_SYSTEM: ResetReason = {
  category: 'software',
  short: 'Software reset',
  meaning: 'The program restarted the whole chip (a software system reset).',
};
const SOFTWARE_CPU: ResetReason = {
  category: 'crash-restart',
  short: 'Software CPU reset',
  meaning: 'The program restarted the CPU: esp_restart()/ESP.restart(), or the panic handler after a crash.',
};
const DEEP_SLEEP: ResetReason = {
  category: 'deep-sleep',
  short: 'Wake from deep sleep',
  meaning: 'The chip woke up from deep sleep; a wake from deep sleep always starts the program again.',
};
const GLITCH: ResetReason = { category: 'brownout', short: 'Power glitch reset', meaning: 'A glitch on the supply reset the chip.' };
const USB_RESET: ResetReason = {
  category: 'usb',
  short: 'USB reset',
  meaning: 'The computer reset the chip through its built-in USB serial port (DTR/RTS toggled by a flasher or monitor).',
};
const BROWNOUT: ResetReason = {
  category: 'brownout',
  short: 'Brown-out reset',
  meaning: 'The supply voltage dropped too low and the brown-out detector reset the chip.',
};

function watchdog(which: string): ResetReason {
  return {
    category: 'watchdog',
    short: 'Watchdog reset',
    meaning: `The ${which} reset the chip because the program stopped serving it (stuck in a loop, blocked, or crashed in an interrupt).`,
  };
}

/** ESP8266 "rst cause:N" (fact sheet §6.1). */
const ESP8266_REASONS: Readonly<Record<number, ResetReason>> = {
  0: { category: 'other', short: 'Unknown reset', meaning: 'The ROM did not record why the chip restarted.' },
  1: POWER_ON,
  2: {
    category: 'external',
    short: 'External reset',
    meaning: 'The RST (EN) pin was pulled low, or the chip woke from deep sleep (GPIO16 wired to RST pulses it).',
  },
  3: { category: 'software', short: 'Software reset', meaning: 'The program restarted the chip.' },
  4: watchdog('hardware watchdog'),
};

export function esp8266ResetReason(cause: number): ResetReason {
  return (
    ESP8266_REASONS[cause] ?? {
      category: 'other',
      short: `Reset cause ${cause}`,
      meaning: `The ROM printed reset cause ${cause}, which is not in the documented list.`,
    }
  );
}

/** Names as the ROMs print them (ESP32 "_RESET" names, newer "_RST" and "_HPSYS" names). */
const NAMED_REASONS: Readonly<Record<string, ResetReason>> = {
  POWERON_RESET: POWER_ON,
  POWERON: POWER_ON,
  SW_RESET: SOFTWARE_SYSTEM,
  RTC_SW_SYS_RST: SOFTWARE_SYSTEM,
  SW_SYS_RESET: SOFTWARE_SYSTEM,
  OWDT_RESET: watchdog('legacy watchdog'),
  DEEPSLEEP_RESET: DEEP_SLEEP,
  DSLEEP: DEEP_SLEEP,
  SDIO_RESET: { category: 'other', short: 'SDIO reset', meaning: 'An SDIO host reset the chip.' },
  TG0WDT_SYS_RESET: watchdog('timer group 0 watchdog (task watchdog or a stuck task)'),
  TG1WDT_SYS_RESET: watchdog('timer group 1 watchdog (the interrupt watchdog)'),
  TG0WDT_SYS_RST: watchdog('timer group 0 watchdog (task watchdog or a stuck task)'),
  TG1WDT_SYS_RST: watchdog('timer group 1 watchdog (the interrupt watchdog)'),
  RTCWDT_SYS_RESET: watchdog('RTC watchdog'),
  RTCWDT_SYS_RST: watchdog('RTC watchdog'),
  INTRUSION_RESET: { category: 'other', short: 'Intrusion reset', meaning: 'The chip reset itself after an intrusion (tamper) event.' },
  INTRUSION_RST: { category: 'other', short: 'Intrusion reset', meaning: 'The chip reset itself after an intrusion (tamper) event.' },
  TGWDT_CPU_RESET: watchdog('timer group watchdog (CPU)'),
  TG0WDT_CPU_RST: watchdog('timer group 0 watchdog (CPU)'),
  TG1WDT_CPU_RST: watchdog('timer group 1 watchdog (CPU)'),
  SW_CPU_RESET: SOFTWARE_CPU,
  RTC_SW_CPU_RST: SOFTWARE_CPU,
  RTCWDT_CPU_RESET: watchdog('RTC watchdog (CPU)'),
  RTCWDT_CPU_RST: watchdog('RTC watchdog (CPU)'),
  EXT_CPU_RESET: { category: 'other', short: 'CPU reset by the other core', meaning: 'The second CPU core was reset by the first one.' },
  RTCWDT_BROWN_OUT_RESET: BROWNOUT,
  RTCWDT_BROWN_OUT_RST: BROWNOUT,
  BROWN_OUT_RST: BROWNOUT,
  BROWNOUT_RST: BROWNOUT,
  RTCWDT_RTC_RESET: {
    ...watchdog('RTC watchdog'),
    meaning:
      'The RTC watchdog reset the whole chip. During boot this usually means the bootloader in flash could not be loaded (empty flash, wrong flash mode or a bad image).',
  },
  RTCWDT_RTC_RST: watchdog('RTC watchdog'),
  SUPER_WDT_RST: watchdog('super watchdog'),
  GLITCH_RTC_RST: GLITCH,
  POWER_GLITCH_RESET: GLITCH,
  EFUSE_RST: { category: 'other', short: 'eFuse error reset', meaning: 'An eFuse read error reset the chip.' },
  USB_UART_CHIP_RESET: USB_RESET,
  USB_JTAG_CHIP_RESET: {
    category: 'usb',
    short: 'USB JTAG reset',
    meaning: 'The computer reset the chip through the built-in USB JTAG interface.',
  },
};

/** ESP32 (original) numbers from ESP-IDF rom/rtc.h, for banners without a name. [INFERRED] */
const ESP32_NUMBERED: Readonly<Record<number, string>> = {
  0x1: 'POWERON_RESET',
  0x3: 'SW_RESET',
  0x4: 'OWDT_RESET',
  0x5: 'DEEPSLEEP_RESET',
  0x6: 'SDIO_RESET',
  0x7: 'TG0WDT_SYS_RESET',
  0x8: 'TG1WDT_SYS_RESET',
  0x9: 'RTCWDT_SYS_RESET',
  0xa: 'INTRUSION_RESET',
  0xb: 'TGWDT_CPU_RESET',
  0xc: 'SW_CPU_RESET',
  0xd: 'RTCWDT_CPU_RESET',
  0xe: 'EXT_CPU_RESET',
  0xf: 'RTCWDT_BROWN_OUT_RESET',
  0x10: 'RTCWDT_RTC_RESET',
};

/** Names not in the table (C6/H2/P4 "_HPSYS" style...) are classified by their parts. */
function reasonFromNameParts(name: string): ResetReason | undefined {
  if (/POWERON/.test(name)) return POWER_ON;
  if (/BROWN_?OUT/.test(name)) return BROWNOUT;
  if (/GLITCH/.test(name)) return GLITCH;
  if (/WDT/.test(name)) return watchdog('watchdog');
  if (/D(?:EEP)?SLEEP/.test(name)) return DEEP_SLEEP;
  if (/USB/.test(name)) return USB_RESET;
  if (/(?:^|_)SW_/.test(name)) return /CPU/.test(name) ? SOFTWARE_CPU : SOFTWARE_SYSTEM;
  return undefined;
}

/** ESP32 family: the reason for "rst:0xN (NAME)"; the name wins over the number. */
export function esp32ResetReason(cause: number | undefined, name: string | undefined): ResetReason {
  const printed = name?.trim().toUpperCase();
  if (printed !== undefined && printed !== '') {
    const known = NAMED_REASONS[printed] ?? reasonFromNameParts(printed);
    if (known !== undefined) return known;
  }
  const numbered = cause === undefined ? undefined : ESP32_NUMBERED[cause];
  if (numbered !== undefined && (printed === undefined || printed === '')) {
    const reason = NAMED_REASONS[numbered];
    if (reason !== undefined) return reason;
  }
  const label = printed ?? (cause === undefined ? 'unknown' : `0x${cause.toString(16)}`);
  return { category: 'other', short: `Reset ${label}`, meaning: `The ROM printed reset reason ${label}.` };
}
