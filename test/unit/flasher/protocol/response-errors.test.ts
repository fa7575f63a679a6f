import { describe, expect, it } from 'vitest';
import { noReplyError, noiseEvidence } from '../../../../src-main/flasher/protocol/response-errors';
import { ascii } from '../connection/wire-replies';

/** The error chosen for "no valid reply" from what arrived instead (fact sheet §1.1, §6). */

const noise = (bytes: Uint8Array, invalidFrames = 0) => ({ bytes, invalidFrames });
const NOTHING = noise(new Uint8Array(0));
const FLASH_DATA = 0x03;

describe('noReplyError', () => {
  it('nothing at all: transfer.timeout naming the command and the wait', () => {
    const error = noReplyError(FLASH_DATA, 3000, NOTHING, 0);
    expect(error.code).toBe('transfer.timeout');
    expect(error.message).toBe('No reply to FLASH_DATA within 3000 ms.');
    expect(error.evidence).toMatchObject({ command: 'FLASH_DATA', timeoutMs: 3000 });
  });

  it('a frame that started but never ended, and nothing else: transfer.timeout, stopped part way', () => {
    const error = noReplyError(FLASH_DATA, 3000, noise(Uint8Array.from([0x01, 0x03, 0x04])), 3);
    expect(error.code).toBe('transfer.timeout');
    expect(error.message).toContain('part way');
  });

  it('unreadable bytes: transfer.invalid-packet naming the first byte, with hex and text evidence', () => {
    const error = noReplyError(FLASH_DATA, 3000, noise(Uint8Array.from([0x8f, 0x41, 0x0a])), 0);
    expect(error.code).toBe('transfer.invalid-packet');
    expect(error.message).toContain('0x8f');
    expect(error.evidence).toMatchObject({ receivedBytes: 3, receivedHex: '8f 41 0a', receivedText: '.A\n' });
  });

  it('only broken SLIP frames: transfer.invalid-packet about framing', () => {
    const error = noReplyError(FLASH_DATA, 3000, noise(new Uint8Array(0), 2), 0);
    expect(error.code).toBe('transfer.invalid-packet');
    expect(error.message).toMatch(/SLIP/);
    expect(error.evidence.invalidFrames).toBe(2);
  });

  it('an ESP-ROM style banner (S3): transfer.chip-reset with the banner line and boot mode', () => {
    const text = 'ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)\r\n';
    const error = noReplyError(FLASH_DATA, 3000, noise(ascii(text)), 0);
    expect(error.code).toBe('transfer.chip-reset');
    expect(error.evidence.bootBanner).toBe('rst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)');
    expect(error.evidence.bootMode).toBe('boot:0x8');
  });

  it('an ESP8266 banner: transfer.chip-reset', () => {
    const text = '\r\n ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n\r\nload 0x40100000, len 2408, room 16\r\n';
    const error = noReplyError(FLASH_DATA, 3000, noise(ascii(text)), 0);
    expect(error.code).toBe('transfer.chip-reset');
    expect(error.evidence.bootBanner).toBe('ets Jan  8 2013,rst cause:2, boot mode:(3,6)');
  });

  it('a brown-out banner: power.brownout, even when the partial frame was pending', () => {
    const text = 'Brownout detector was triggered\r\n\r\nets Jun  8 2016 00:22:57\r\n\r\nrst:0xf (RTCWDT_BROWN_OUT_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n';
    expect(noReplyError(FLASH_DATA, 3000, noise(ascii(text)), 4).code).toBe('power.brownout');
  });

  it('a panic printed by code running on the chip: transfer.chip-reset quoting it', () => {
    const text = "Guru Meditation Error: Core  0 panic'ed (LoadProhibited). Exception was unhandled.\r\n";
    const error = noReplyError(FLASH_DATA, 3000, noise(ascii(text)), 0);
    expect(error.code).toBe('transfer.chip-reset');
    expect(error.message).toContain('Guru Meditation Error');
  });

  it('an ESP8266 "Fatal exception (28)" is a crash too', () => {
    const error = noReplyError(FLASH_DATA, 3000, noise(ascii('Fatal exception (28):\nepc1=0x40201234\n')), 0);
    expect(error.code).toBe('transfer.chip-reset');
  });
});

describe('noiseEvidence', () => {
  it('is empty for no bytes', () => {
    expect(noiseEvidence(NOTHING)).toEqual({});
  });

  it('shows at most the first 48 bytes as hex, but counts them all', () => {
    const evidence = noiseEvidence(noise(new Uint8Array(100).fill(0x41)));
    expect(evidence.receivedBytes).toBe(100);
    expect(String(evidence.receivedHex).split(' ')).toHaveLength(48);
    expect(evidence.receivedText).toBe('A'.repeat(100));
  });
});
