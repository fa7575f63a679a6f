import type { ChipId } from '../../../src-shared/chips';

/**
 * What each chip's mask ROM prints about itself, as data (fact sheet §6). Values not in the
 * fact sheet are marked [INFERRED] or [reported] (seen in public boot logs).
 */

/** Why the chip (re)started; selects the reset reason printed in the banner. */
export type ResetCause = 'power-on' | 'en-pin' | 'usb-jtag' | 'software' | 'watchdog' | 'brownout';

export interface ResetReason {
  readonly code: number;
  readonly name: string;
}

export interface BootValue {
  readonly value: number;
  readonly name: string;
}

export type RomStyle = 'esp8266' | 'esp32' | 'esp-rom';

/** How the ROM prints the flash parameters before loading the bootloader. */
export type FlashParamsStyle = 'esp32' | 'spiwp' | 'spi-mode';

export interface RomIdentity {
  readonly style: RomStyle;
  /** "ets Jun  8 2016 00:22:57" (ESP32) or "ets Jan  8 2013" (ESP8266). */
  readonly etsLine?: string;
  /** ESP-ROM:<romId> and Build:<buildDate> (S2 and later). */
  readonly romId?: string;
  readonly buildDate?: string;
  readonly downloadBoot: BootValue;
  readonly flashBoot: BootValue;
  readonly resetReasons: Readonly<Record<ResetCause, ResetReason>>;
  readonly flashParams: FlashParamsStyle;
}

const ESP32_RESETS: Readonly<Record<ResetCause, ResetReason>> = {
  'power-on': { code: 0x1, name: 'POWERON_RESET' },
  // [INFERRED] An EN-pin reset on ESP32 prints POWERON_RESET, as real DevKitC boards do.
  'en-pin': { code: 0x1, name: 'POWERON_RESET' },
  'usb-jtag': { code: 0x1, name: 'POWERON_RESET' },
  software: { code: 0xc, name: 'SW_CPU_RESET' },
  watchdog: { code: 0x10, name: 'RTCWDT_RTC_RESET' },
  brownout: { code: 0xf, name: 'RTCWDT_BROWN_OUT_RESET' },
};

/** S2, S3, C2, C3 name their reasons *_RST; 0x15 is the USB-Serial/JTAG reset (§6.3). */
const RST_STYLE_RESETS: Readonly<Record<ResetCause, ResetReason>> = {
  'power-on': { code: 0x1, name: 'POWERON' },
  'en-pin': { code: 0x1, name: 'POWERON' },
  'usb-jtag': { code: 0x15, name: 'USB_UART_CHIP_RESET' },
  software: { code: 0xc, name: 'RTC_SW_CPU_RST' }, // [reported] C2 log
  watchdog: { code: 0x7, name: 'TG0WDT_SYS_RST' }, // [reported] C3 log
  brownout: { code: 0xf, name: 'BROWN_OUT_RST' },
};

/** C5, C6, H2, P4 name their reasons *_HPSYS. [INFERRED] codes other than 0x1 and 0x7. */
const HPSYS_STYLE_RESETS: Readonly<Record<ResetCause, ResetReason>> = {
  'power-on': { code: 0x1, name: 'POWERON' },
  'en-pin': { code: 0x1, name: 'POWERON' },
  'usb-jtag': { code: 0x15, name: 'USB_UART_HPSYS' },
  software: { code: 0xc, name: 'SW_CPU_RESET' }, // [reported] P4 log
  watchdog: { code: 0x7, name: 'TG0_WDT_HPSYS' }, // [reported] C5 log
  brownout: { code: 0xf, name: 'BROWNOUT_HPSYS' },
};

const FLASH_BOOT = 'SPI_FAST_FLASH_BOOT';

function espRom(
  romId: string,
  buildDate: string,
  downloadBoot: BootValue,
  flashBootValue: number,
  resetReasons: Readonly<Record<ResetCause, ResetReason>>,
  flashParams: FlashParamsStyle = 'spiwp',
): RomIdentity {
  return {
    style: 'esp-rom',
    romId,
    buildDate,
    downloadBoot,
    flashBoot: { value: flashBootValue, name: FLASH_BOOT },
    resetReasons,
    flashParams,
  };
}

export const ROM_IDENTITIES: Readonly<Record<ChipId, RomIdentity>> = {
  esp8266: {
    style: 'esp8266',
    etsLine: 'ets Jan  8 2013',
    // boot mode:(x,y): x = (GPIO15<<2)|(GPIO0<<1)|GPIO2; y is undocumented (6 or 7 in logs).
    downloadBoot: { value: 1, name: '7' },
    flashBoot: { value: 3, name: '6' },
    // rst cause: 1 power-on, 2 external pin, 4 watchdog. [INFERRED] software reset shows 2 (as
    // after ESP.restart) and a brown-out looks like a power-on reset (no detector message).
    resetReasons: {
      'power-on': { code: 1, name: 'power-on' },
      'en-pin': { code: 2, name: 'external' },
      'usb-jtag': { code: 2, name: 'external' },
      software: { code: 2, name: 'external' },
      watchdog: { code: 4, name: 'watchdog' },
      brownout: { code: 1, name: 'power-on' },
    },
    flashParams: 'esp32',
  },
  esp32: {
    style: 'esp32',
    etsLine: 'ets Jun  8 2016 00:22:57',
    downloadBoot: { value: 0x3, name: 'DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2)' },
    flashBoot: { value: 0x13, name: FLASH_BOOT },
    resetReasons: ESP32_RESETS,
    flashParams: 'esp32',
  },
  esp32s2: espRom('esp32s2-rc4-20191025', 'Oct 25 2019', { value: 0x0, name: 'DOWNLOAD(USB/UART0/1/SPI)' }, 0x8, RST_STYLE_RESETS),
  esp32s3: espRom('esp32s3-20210327', 'Mar 27 2021', { value: 0x0, name: 'DOWNLOAD(USB/UART0)' }, 0x8, RST_STYLE_RESETS),
  // [INFERRED] C2 download string (no USB on C2); flash 0xc [reported].
  esp32c2: espRom('esp8684-api2-20220127', 'Jan 27 2022', { value: 0x4, name: 'DOWNLOAD(UART0)' }, 0xc, RST_STYLE_RESETS),
  esp32c3: espRom('esp32c3-api1-20210207', 'Feb  7 2021', { value: 0x4, name: 'DOWNLOAD(USB/UART0/1)' }, 0xc, RST_STYLE_RESETS),
  // [reported] C5 flash boot 0x18 and the "SPI mode:" line; [INFERRED] download value and string.
  esp32c5: espRom(
    'esp32c5-eco2-20250121',
    'Jan 21 2025',
    { value: 0x10, name: 'DOWNLOAD(USB/UART0/SDIO_FEI_FEO)' },
    0x18,
    HPSYS_STYLE_RESETS,
    'spi-mode',
  ),
  // [reported] C6 download banner boot:0x4 (DOWNLOAD(USB/UART0/SDIO_FEI_FEO)).
  esp32c6: espRom('esp32c6-20220919', 'Sep 19 2022', { value: 0x4, name: 'DOWNLOAD(USB/UART0/SDIO_FEI_FEO)' }, 0x1c, HPSYS_STYLE_RESETS),
  // [reported] H2 flash boot 0x1c; [INFERRED] download string.
  esp32h2: espRom('esp32h2-20221101', 'Nov  1 2022', { value: 0x4, name: 'DOWNLOAD(USB/UART0)' }, 0x1c, HPSYS_STYLE_RESETS),
  // [INFERRED] P4 boot values and download string; rev3 logs show boot:0x8 and "SPI mode:".
  esp32p4: espRom(
    'esp32p4-20230811',
    'Aug 11 2023',
    { value: 0x4, name: 'DOWNLOAD(USB/UART0/SPI)' },
    0x8,
    HPSYS_STYLE_RESETS,
    'spi-mode',
  ),
};

/**
 * PC the ROM reports after a non-power-on reset ("Saved PC:0x..."). [INFERRED] Any ROM
 * address will do; hosts ignore it.
 */
export const SAVED_PC = 0x40048b82;
