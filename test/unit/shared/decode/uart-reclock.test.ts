import { describe, expect, it } from 'vitest';
import { baudRatesMatch, reclockUartBytes } from '../../../../src-shared/decode/uart-reclock';

describe('reclockUartBytes', () => {
  it('passes bytes through unchanged when both ends run at the same rate', () => {
    const bytes = Uint8Array.from([0x00, 0xff, 0x55, 0xaa, 0xc0, 0x0d, 0x0a, 0x41]);
    expect(Array.from(reclockUartBytes(bytes, 115200, 115200))).toEqual([0x00, 0xff, 0x55, 0xaa, 0xc0, 0x0d, 0x0a, 0x41]);
  });

  it('reads 0x00 sent at half the receiver rate as one 0x00 with a framing error', () => {
    // Sender: start + eight 0 bits = 9 sender bits low = 18 receiver bits. The receiver samples
    // eight 0 data bits, finds its stop bit low, waits for idle: one byte, 0x00.
    expect(Array.from(reclockUartBytes(Uint8Array.of(0x00), 57600, 115200))).toEqual([0x00]);
  });

  it('reads 0x00 sent at twice the receiver rate as 0xF8', () => {
    // Receiver bit = 2 sender bits. Data samples at sender times 3,5,7 (data 0) and 9 (stop, 1),
    // then idle: bits 0,0,0,1,1,1,1,1 LSB first = 0xF8.
    expect(Array.from(reclockUartBytes(Uint8Array.of(0x00), 230400, 115200))).toEqual([0xf8]);
  });

  it('turns an ESP8266 banner at 74880 into different bytes, about 1.5 times as many, at 115200', () => {
    const banner = Uint8Array.from('\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n', (char) => char.charCodeAt(0));
    const received = reclockUartBytes(banner, 74880, 115200);
    const text = String.fromCharCode(...received);
    expect(text).not.toContain('ets Jan');
    expect(received.length).toBeGreaterThan(banner.length);
    expect(received.length).toBeLessThan(banner.length * 2);
  });

  it('is deterministic', () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 200, 100]);
    expect(Array.from(reclockUartBytes(bytes, 74880, 115200))).toEqual(Array.from(reclockUartBytes(bytes, 74880, 115200)));
  });
});

describe('baudRatesMatch', () => {
  it('accepts rates within 3 % of the receiver rate', () => {
    expect(baudRatesMatch(115200, 115200)).toBe(true);
    expect(baudRatesMatch(118000, 115200)).toBe(true); // 2.4 %
    expect(baudRatesMatch(120000, 115200)).toBe(false); // 4.2 %
    expect(baudRatesMatch(74880, 115200)).toBe(false);
  });
});
