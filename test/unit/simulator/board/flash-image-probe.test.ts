import { describe, expect, it } from 'vitest';
import { FlashMemory } from '../../../../src-main/simulator/chip/flash-memory';
import { findProjectName, probeBootImage } from '../../../../src-main/simulator/board/flash-image-probe';
import { romLoadLines } from '../../../../src-main/simulator/board/flash-boot-output';
import { esp32AppImage, esp32Image, esp8266Image } from './board-test-kit';

const MB = 1024 * 1024;

describe('probeBootImage', () => {
  it('finds no image in erased flash and reports the first word', () => {
    const probe = probeBootImage(new FlashMemory(4 * MB, 0x1640ef), 'esp32');
    expect(probe.valid).toBe(false);
    expect(probe.firstWord).toBe(0xffffffff);
  });

  it('reads the header and segments of an ESP32 image at 0x1000', () => {
    const flash = new FlashMemory(4 * MB, 0x1640ef);
    flash.program(0x1000, esp32Image({ modeCode: 3, entry: 0x40080694, segments: [[0x3fff0030, [1, 2, 3, 4]], [0x40078000, [5, 6, 7, 8, 9, 10, 11, 12]]] }));
    const probe = probeBootImage(flash, 'esp32');
    expect(probe.valid).toBe(true);
    expect(probe.flashModeCode).toBe(3);
    expect(probe.entryAddress).toBe(0x40080694);
    expect(probe.segments.map((segment) => [segment.loadAddress, segment.lengthBytes])).toEqual([
      [0x3fff0030, 4],
      [0x40078000, 8],
    ]);
    expect(romLoadLines('esp32', probe)).toBe(
      'configsip: 0, SPIWP:0xee\r\nclk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00\r\n' +
        'mode:DOUT, clock div:2\r\nload:0x3fff0030,len:4\r\nload:0x40078000,len:8\r\nentry 0x40080694\r\n',
    );
  });

  it('ignores an image at the wrong offset for the chip', () => {
    const flash = new FlashMemory(4 * MB, 0x1640ef);
    flash.program(0x0, esp32Image());
    expect(probeBootImage(flash, 'esp32').valid).toBe(false);
    expect(probeBootImage(flash, 'esp32s3').valid).toBe(true);
  });

  it('computes the ESP8266 checksum over segment data (0xEF XOR data)', () => {
    const flash = new FlashMemory(4 * MB, 0x1640ef);
    flash.program(0, esp8266Image());
    const probe = probeBootImage(flash, 'esp8266');
    // 0xEF ^ 0x10 ^ 0x20 ^ 0x30 ^ 0x40 = 0xAF
    expect(probe.segments[0]?.runningChecksum).toBe(0xaf);
    expect(romLoadLines('esp8266', probe)).toBe('load 0x40100000, len 4, room 16 \r\ntail 4\r\nchksum 0xaf\r\ncsum 0xaf\r\n');
  });

  it('accepts the ESP8266 v2 magic 0xEA', () => {
    const flash = new FlashMemory(MB, 0x1440ef);
    flash.program(0, Uint8Array.of(0xea, 4, 2, 0x20, 0, 0, 0x10, 0x40));
    expect(probeBootImage(flash, 'esp8266').valid).toBe(true);
    expect(probeBootImage(flash, 'esp32s3').valid).toBe(false);
  });
});

describe('findProjectName', () => {
  it('reads project_name from the app descriptor at 0x10000', () => {
    const flash = new FlashMemory(4 * MB, 0x1640ef);
    flash.program(0x10000, esp32AppImage('blinky'));
    expect(findProjectName(flash)).toBe('blinky');
  });

  it('returns undefined without an app', () => {
    expect(findProjectName(new FlashMemory(4 * MB, 0x1640ef))).toBeUndefined();
  });
});
