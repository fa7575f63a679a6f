import { describe, expect, it } from 'vitest';
import { looksLikeText, parseBootBanner, printableText } from '../../../../src-shared/decode/boot-banner';

// Banners from fact sheet §6.1-§6.3, byte for byte.
const ESP8266_DOWNLOAD = '\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n';
const ESP8266_FLASH = '\r\n ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n\r\nload 0x40100000, len 1396, room 16 \r\n';
const ESP32_DOWNLOAD =
  'ets Jun  8 2016 00:22:57\r\n' +
  '\r\n' +
  'rst:0x1 (POWERON_RESET),boot:0x6 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_FEO_V2))\r\n' +
  'waiting for download\r\n';
const ESP32_FLASH =
  'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n' +
  'configsip: 0, SPIWP:0xee\r\nclk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00\r\n' +
  'mode:DIO, clock div:1\r\n';
const S3_DOWNLOAD =
  'ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0))\r\nwaiting for download\r\n';
const C3_FLASH =
  'ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n' +
  'SPIWP:0xee\r\nmode:DIO, clock div:1\r\n';

describe('parseBootBanner: ESP8266 (§6.1)', () => {
  it('boot mode (1,7) is UART download', () => {
    const banner = parseBootBanner(ESP8266_DOWNLOAD);
    expect(banner).toMatchObject({
      family: 'esp8266',
      resetCause: 2,
      bootMode: 1,
      bootModeText: 'boot mode:(1,7)',
      download: true,
      waitingForDownload: false,
      brownout: false,
    });
    expect(banner!.line).toBe('ets Jan  8 2013,rst cause:2, boot mode:(1,7)');
    expect(banner!.resetCauseName).toMatch(/external/i);
  });

  it('boot mode (3,6) is flash boot', () => {
    expect(parseBootBanner(ESP8266_FLASH)).toMatchObject({ family: 'esp8266', bootMode: 3, download: false });
  });

  it('reads the esptool doc variant "rst cause 1" without the colon', () => {
    expect(parseBootBanner('ets Jan  8 2014,rst cause 1, boot mode:(3,7)')).toMatchObject({
      family: 'esp8266',
      resetCause: 1,
      bootMode: 3,
      download: false,
    });
  });

  it('SDIO boot modes (4-7) are not UART download', () => {
    expect(parseBootBanner('ets Jan  8 2013,rst cause:1, boot mode:(5,6)')!.download).toBe(false);
  });
});

describe('parseBootBanner: ESP32 (§6.2)', () => {
  it('reads the download banner from the esptool-js PR #107 trace', () => {
    const banner = parseBootBanner(ESP32_DOWNLOAD);
    expect(banner).toMatchObject({
      family: 'esp32',
      resetCause: 1,
      resetCauseName: 'POWERON_RESET',
      bootMode: 0x6,
      bootModeText: 'boot:0x6',
      download: true,
      waitingForDownload: true,
      brownout: false,
    });
    expect(banner!.line).toBe('rst:0x1 (POWERON_RESET),boot:0x6 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_FEO_V2))');
  });

  it('keeps the full boot-mode name, nested brackets included', () => {
    expect(parseBootBanner(ESP32_DOWNLOAD)!.bootModeName).toBe('DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_FEO_V2)');
  });

  it('boot:0x13 (SPI_FAST_FLASH_BOOT) is flash boot', () => {
    expect(parseBootBanner(ESP32_FLASH)).toMatchObject({
      family: 'esp32',
      resetCause: 1,
      bootMode: 0x13,
      bootModeName: 'SPI_FAST_FLASH_BOOT',
      download: false,
      waitingForDownload: false,
    });
  });

  it('a download banner without its last line yet is still download', () => {
    const partial = 'rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\n';
    expect(parseBootBanner(partial)).toMatchObject({ bootMode: 0x3, download: true, waitingForDownload: false });
  });

  it('brown-out reset', () => {
    const text = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0xf (RTCWDT_BROWN_OUT_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n';
    expect(parseBootBanner(text)).toMatchObject({ resetCause: 0xf, brownout: true, download: false });
  });

  it('the app\'s "Brownout detector was triggered" before a banner marks a brown-out', () => {
    const text =
      '\r\nBrownout detector was triggered\r\n\r\nets Jun  8 2016 00:22:57\r\n\r\nrst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n';
    expect(parseBootBanner(text)).toMatchObject({ resetCause: 0xc, brownout: true, download: false });
  });

  it('esptool\'s "boot:0xNN" alone is enough, like its regex (§3.4)', () => {
    expect(parseBootBanner('xx boot:0x13 yy')).toMatchObject({ family: 'esp32', bootMode: 0x13, download: false });
  });
});

describe('parseBootBanner: ESP-ROM chips (§6.3)', () => {
  it('S3 download: boot:0x0 (DOWNLOAD(USB/UART0)) and waiting for download', () => {
    expect(parseBootBanner(S3_DOWNLOAD)).toMatchObject({
      family: 'esp32',
      resetCause: 1,
      resetCauseName: 'POWERON',
      bootMode: 0,
      bootModeText: 'boot:0x0',
      download: true,
      waitingForDownload: true,
    });
  });

  it('keeps the full S3 boot-mode name DOWNLOAD(USB/UART0)', () => {
    expect(parseBootBanner(S3_DOWNLOAD)!.bootModeName).toBe('DOWNLOAD(USB/UART0)');
  });

  it('C3 boot:0xc is flash boot', () => {
    expect(parseBootBanner(C3_FLASH)).toMatchObject({
      family: 'esp32',
      bootMode: 0xc,
      bootModeName: 'SPI_FAST_FLASH_BOOT',
      download: false,
    });
  });

  it('C3 download strap values without a name (0x4, 0x5, 0x7) read as download', () => {
    for (const value of ['0x4', '0x5', '0x7']) expect(parseBootBanner(`boot:${value}`)!.download).toBe(true);
  });

  it('USB-Serial/JTAG reset and brown-out names', () => {
    expect(parseBootBanner('rst:0x15 (USB_UART_CHIP_RESET),boot:0x8 (SPI_FAST_FLASH_BOOT)\r\n')).toMatchObject({
      resetCause: 0x15,
      resetCauseName: 'USB_UART_CHIP_RESET',
      download: false,
      brownout: false,
    });
    expect(parseBootBanner('rst:0xf (BROWN_OUT_RST),boot:0x8 (SPI_FAST_FLASH_BOOT)\r\n')!.brownout).toBe(true);
  });
});

describe('parseBootBanner: no banner', () => {
  it.each([
    '',
    'Hello from my sketch\r\nTemperature: 21.5\r\n',
    '\u00c0\u0001\u0008\u0004\u0000',
    'invalid header: 0xffffffff\r\n',
    'rst:0x1 (POWERON) no boot field here',
  ])('returns undefined for %j', (text) => {
    expect(parseBootBanner(text)).toBeUndefined();
  });
});

describe('printableText', () => {
  it('keeps printable ASCII and line breaks, dots everything else', () => {
    expect(printableText(Uint8Array.from([0x41, 0x00, 0x0d, 0x0a, 0x7f, 0x20, 0xc0, 0x7e, 0x09]))).toBe('A.\r\n. .~.');
  });

  it('stops at maxChars', () => {
    expect(printableText(new TextEncoder().encode('abcdef'), 3)).toBe('abc');
    expect(printableText(new Uint8Array(1000).fill(0x61))).toHaveLength(400);
  });
});

describe('looksLikeText', () => {
  it('is false for nothing and for SLIP frames', () => {
    expect(looksLikeText(new Uint8Array(0))).toBe(false);
    expect(looksLikeText(Uint8Array.from([0xc0, 0x01, 0x08, 0x04, 0x00, 0x07, 0x07, 0x12, 0x20, 0x00, 0x00, 0x00, 0x00, 0xc0]))).toBe(false);
  });

  it('is true for a boot banner', () => {
    expect(looksLikeText(new TextEncoder().encode(ESP32_DOWNLOAD))).toBe(true);
  });

  it('applies the ratio: 17 of 20 printable passes 0.85, 16 of 20 does not', () => {
    const seventeen = Uint8Array.from([...new Array<number>(17).fill(0x61), 0, 0, 0]);
    const sixteen = Uint8Array.from([...new Array<number>(16).fill(0x61), 0, 0, 0, 0]);
    expect(looksLikeText(seventeen)).toBe(true);
    expect(looksLikeText(sixteen)).toBe(false);
    expect(looksLikeText(sixteen, 0.8)).toBe(true);
  });
});

describe('printableText with ESP-IDF colours', () => {
  it('drops colour codes and keeps the words, other control bytes become dots', () => {
    const bytes = Uint8Array.from('\x1b[0;31mE (37) flash_parts: bad\x1b[0m\r\n\x01ok', (char) => char.charCodeAt(0));
    expect(printableText(bytes)).toBe('E (37) flash_parts: bad\r\n.ok');
  });
});
