import { describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import { describeBootBanner } from '../../../../src-shared/decode/boot-banner-words';
import type { MonitorNote } from '../../../../src-shared/decode/monitor-note';

function detail(note: MonitorNote, label: string): string | undefined {
  return note.details.find((entry) => entry.label === label)?.value;
}

function describe8266(line: string): MonitorNote {
  const banner = parseBootBanner(line);
  if (banner === undefined) throw new Error(`not a banner: ${line}`);
  return describeBootBanner(banner, 1000);
}

describe('describeBootBanner: ESP8266', () => {
  it('rst cause:2, boot mode:(3,6) is an EN-pin reset that booted from flash', () => {
    const note = describe8266(' ets Jan  8 2013,rst cause:2, boot mode:(3,6)');
    expect(note.kind).toBe('boot-banner');
    expect(note.severity).toBe('info');
    expect(note.title).toBe('External reset; booted from flash');
    expect(note.explanation).toMatch(/RST \(EN\) pin/);
    expect(note.explanation).toMatch(/GPIO0 high it runs the program in flash/);
    expect(note.explanation).toMatch(/74880/);
    expect(detail(note, 'Reset cause')).toBe('2: External reset');
    expect(detail(note, 'Boot mode')).toBe('3: flash boot');
    expect(detail(note, 'GPIO15')).toBe('low');
    expect(detail(note, 'GPIO0')).toBe('high');
    expect(detail(note, 'GPIO2')).toBe('high');
    expect(detail(note, 'Second boot-mode value')).toMatch(/^6 /);
    expect(note.hint).toBeUndefined();
    expect(note.evidence).toEqual(['ets Jan  8 2013,rst cause:2, boot mode:(3,6)']);
    expect(note.atMs).toBe(1000);
  });

  it('boot mode 1 is UART download with GPIO0 low, and says what to do either way', () => {
    const note = describe8266('ets Jan  8 2013,rst cause:1, boot mode:(1,7)');
    expect(note.severity).toBe('warning');
    expect(note.title).toBe('Power-on reset; waiting in download mode');
    expect(detail(note, 'GPIO0')).toBe('low');
    expect(detail(note, 'GPIO2')).toBe('high');
    expect(detail(note, 'GPIO15')).toBe('low');
    expect(note.hint).toMatch(/If you meant to flash/);
    expect(note.hint).toMatch(/GPIO0 was low/);
    expect(note.hint).toMatch(/press RESET/);
  });

  it('rst cause:4 is a watchdog reset and is a warning even when booting from flash', () => {
    const note = describe8266('ets Jan  8 2013,rst cause:4, boot mode:(3,7)');
    expect(note.title).toBe('Watchdog reset; booted from flash');
    expect(note.severity).toBe('warning');
    expect(note.hint).toMatch(/delay\(\)\/yield\(\)/);
  });

  it('boot mode 5 means GPIO15 was high (SDIO) and asks for a pull-down', () => {
    const note = describe8266('ets Jan  8 2013,rst cause:2, boot mode:(5,6)');
    expect(note.title).toMatch(/SDIO/);
    expect(detail(note, 'GPIO15')).toBe('high');
    expect(detail(note, 'GPIO0')).toBe('low');
    expect(detail(note, 'GPIO2')).toBe('high');
    expect(note.hint).toMatch(/GPIO15.*pull-down/);
  });

  it('boot mode 2 means GPIO2 was low: no valid boot mode', () => {
    const note = describe8266('ets Jan  8 2013,rst cause:2, boot mode:(2,6)');
    expect(note.title).toMatch(/no valid boot mode/);
    expect(detail(note, 'GPIO2')).toBe('low');
    expect(note.hint).toMatch(/GPIO2/);
  });
});

describe('describeBootBanner: ESP32 family', () => {
  it('original ESP32 power-on flash boot: boot:0x13 has GPIO0 high, GPIO2 low, GPIO12 low', () => {
    const banner = parseBootBanner('rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)')!;
    const note = describeBootBanner(banner, 5, { romStyle: 'esp32' });
    expect(note.title).toBe('Power-on reset; booted from flash');
    expect(note.severity).toBe('info');
    expect(detail(note, 'Reset cause')).toBe('0x1 POWERON_RESET: Power-on reset');
    expect(detail(note, 'Boot mode')).toBe('0x13 SPI_FAST_FLASH_BOOT: flash boot');
    expect(detail(note, 'GPIO0')).toBe('high');
    expect(detail(note, 'GPIO2')).toBe('low');
    expect(detail(note, 'GPIO12 (MTDI)')).toBe('low');
    expect(detail(note, 'GPIO15 (MTDO)')).toBe('high');
    expect(detail(note, 'GPIO5')).toBe('high');
  });

  it('ESP32 download banner: GPIO0 low, and the hint covers both intents', () => {
    const banner = parseBootBanner('rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))')!;
    const note = describeBootBanner(banner, 5);
    expect(note.title).toBe('Power-on reset; waiting in download mode');
    expect(detail(note, 'GPIO0')).toBe('low');
    expect(note.hint).toMatch(/If you meant to flash.*GPIO0 was low/);
  });

  it('GPIO12 high (boot:0x33) warns about 1.8 V flash', () => {
    const banner = parseBootBanner('rst:0x10 (RTCWDT_RTC_RESET),boot:0x33 (SPI_FAST_FLASH_BOOT)')!;
    const note = describeBootBanner(banner, 5, { romStyle: 'esp32' });
    expect(detail(note, 'GPIO12 (MTDI)')).toBe('high');
    expect(note.severity).toBe('warning');
    expect(note.hint).toMatch(/1\.8 V/);
    expect(note.explanation).toMatch(/RTC watchdog/);
  });

  it.each([
    ['rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', 'Software CPU reset', 'info'],
    ['rst:0x5 (DEEPSLEEP_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', 'Wake from deep sleep', 'info'],
    ['rst:0xf (RTCWDT_BROWN_OUT_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', 'Brown-out reset', 'warning'],
    ['rst:0x8 (TG1WDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', 'Watchdog reset', 'warning'],
    ['rst:0x3 (SW_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', 'Software reset', 'info'],
    ['rst:0x9 (RTCWDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', 'Watchdog reset', 'warning'],
  ])('%s -> %s', (line, short, severity) => {
    const note = describeBootBanner(parseBootBanner(line)!, 0, { romStyle: 'esp32' });
    expect(note.title).toBe(`${short}; booted from flash`);
    expect(note.severity).toBe(severity);
  });

  it('newer chips: names as printed (USB_UART_CHIP_RESET, *_HPSYS) are understood', () => {
    const usb = describeBootBanner(parseBootBanner('rst:0x15 (USB_UART_CHIP_RESET),boot:0x8 (SPI_FAST_FLASH_BOOT)')!, 0);
    expect(usb.title).toBe('USB reset; booted from flash');
    const hpsys = describeBootBanner(parseBootBanner('rst:0x7 (TG0_WDT_HPSYS),boot:0x1c (SPI_FAST_FLASH_BOOT)')!, 0);
    expect(hpsys.title).toBe('Watchdog reset; booted from flash');
    const brown = describeBootBanner(parseBootBanner('rst:0xf (BROWNOUT_HPSYS),boot:0x1c (SPI_FAST_FLASH_BOOT)')!, 0);
    expect(brown.title).toBe('Brown-out reset; booted from flash');
  });

  it('ESP32-S3 download boot:0x0 names GPIO0 and GPIO46 from the ROM id', () => {
    const text = 'ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0))\r\nwaiting for download\r\n';
    const banner = parseBootBanner(text)!;
    expect(banner.romId).toBe('esp32s3-20210327');
    const note = describeBootBanner(banner, 0);
    expect(note.title).toBe('Power-on reset; waiting in download mode');
    expect(detail(note, 'GPIO0')).toBe('low');
    expect(detail(note, 'GPIO46')).toBe('low');
  });

  it('ESP32-C3 flash boot:0xc: GPIO9 (boot pin) and GPIO8 high', () => {
    const banner = parseBootBanner('rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)')!;
    const note = describeBootBanner(banner, 0, { romStyle: 'esp-rom', chip: 'esp32c3' });
    expect(note.title).toBe('Power-on reset; booted from flash');
    expect(detail(note, 'GPIO9')).toBe('high');
    expect(detail(note, 'GPIO8')).toBe('high');
    expect(note.explanation).toMatch(/GPIO9 high it runs the program in flash/);
  });

  it('ESP32-C3 download boot:0x4: GPIO9 low, GPIO8 high', () => {
    const banner = parseBootBanner('rst:0x1 (POWERON),boot:0x4 (DOWNLOAD(USB/UART0/1))')!;
    const note = describeBootBanner(banner, 0, { chip: 'esp32c3' });
    expect(note.title).toBe('Power-on reset; waiting in download mode');
    expect(detail(note, 'GPIO9')).toBe('low');
    expect(detail(note, 'GPIO8')).toBe('high');
    expect(note.hint).toMatch(/GPIO9 was low/);
  });
});
