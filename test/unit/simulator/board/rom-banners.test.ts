import { describe, expect, it } from 'vitest';
import { CHIP_IDS } from '../../../../src-shared/chips';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import { brownoutNotice, emptyFlashMessage, romBanner } from '../../../../src-main/simulator/board/rom-banners';

describe('romBanner', () => {
  it('prints the ESP8266 download banner of fact sheet §6.1 byte for byte', () => {
    expect(romBanner('esp8266', 'en-pin', true)).toBe('\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n');
    expect(romBanner('esp8266', 'power-on', false)).toBe('\r\n ets Jan  8 2013,rst cause:1, boot mode:(3,6)\r\n\r\n');
  });

  it('prints the ESP32 download banner with POWERON_RESET after an EN reset', () => {
    expect(romBanner('esp32', 'en-pin', true)).toBe(
      'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n',
    );
    expect(romBanner('esp32', 'power-on', false)).toBe('ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n');
  });

  it('prints the ESP32-S3 banner of fact sheet §6.3', () => {
    expect(romBanner('esp32s3', 'power-on', true)).toBe(
      'ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0))\r\nwaiting for download\r\n',
    );
    expect(romBanner('esp32s3', 'power-on', false)).toContain('rst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)\r\n');
    expect(romBanner('esp32c3', 'power-on', false)).toContain('boot:0xc (SPI_FAST_FLASH_BOOT)');
    expect(romBanner('esp32c6', 'power-on', false)).toContain('boot:0x1c (SPI_FAST_FLASH_BOOT)');
  });

  it('prints rst:0x15 (USB_UART_CHIP_RESET) after a USB-Serial/JTAG reset', () => {
    expect(romBanner('esp32s3', 'usb-jtag', true)).toContain('rst:0x15 (USB_UART_CHIP_RESET),boot:0x0');
    expect(romBanner('esp32c3', 'usb-jtag', true)).toContain('rst:0x15 (USB_UART_CHIP_RESET),boot:0x4 (DOWNLOAD(USB/UART0/1))');
  });

  it('uses the per-chip ROM ids and build dates of §4.2 and §6.3', () => {
    const expected: Record<string, [string, string]> = {
      esp32s2: ['esp32s2-rc4-20191025', 'Oct 25 2019'],
      esp32s3: ['esp32s3-20210327', 'Mar 27 2021'],
      esp32c2: ['esp8684-api2-20220127', 'Jan 27 2022'],
      esp32c3: ['esp32c3-api1-20210207', 'Feb  7 2021'],
      esp32c6: ['esp32c6-20220919', 'Sep 19 2022'],
      esp32h2: ['esp32h2-20221101', 'Nov  1 2022'],
      esp32p4: ['esp32p4-20230811', 'Aug 11 2023'],
    };
    for (const [chip, [romId, build]] of Object.entries(expected)) {
      expect(romBanner(chip as 'esp32s3', 'power-on', true).startsWith(`ESP-ROM:${romId}\r\nBuild:${build}\r\n`)).toBe(true);
    }
  });

  it('parses with parseBootBanner for every chip, in both modes', () => {
    for (const chip of CHIP_IDS) {
      const download = parseBootBanner(romBanner(chip, 'power-on', true));
      const flash = parseBootBanner(romBanner(chip, 'power-on', false));
      expect(download?.download, chip).toBe(true);
      expect(flash?.download, chip).toBe(false);
      if (chip !== 'esp8266') expect(download?.waitingForDownload, chip).toBe(true);
    }
  });

  it('reports a brown-out that parseBootBanner recognises (ESP32 family)', () => {
    const text = brownoutNotice('esp32') + romBanner('esp32', 'brownout', false);
    expect(text).toContain('Brownout detector was triggered');
    expect(text).toContain('rst:0xf (RTCWDT_BROWN_OUT_RESET),boot:0x13');
    expect(parseBootBanner(text)?.brownout).toBe(true);
    expect(brownoutNotice('esp8266')).toBe('');
  });
});

describe('emptyFlashMessage', () => {
  it('prints the per-chip messages for a bootloader offset with no image', () => {
    expect(emptyFlashMessage('esp32', 0x1000, 0xffffffff)).toBe('flash read err, 1000\r\nets_main.c 371 \r\n');
    expect(emptyFlashMessage('esp32c6', 0, 0xffffffff)).toBe('invalid header: 0xffffffff\r\n');
    expect(emptyFlashMessage('esp8266', 0, 0xffffffff)).toBe('');
  });
});
