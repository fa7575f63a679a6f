/**
 * What a UART receiver running at one baud rate makes of 8N1 bytes sent at another. The sender's
 * line is rebuilt bit by bit (idle high, start 0, 8 data bits LSB first, stop 1) and a receiver
 * samples it the way real UARTs do: wait for the line to go low, check the start bit at its
 * middle, then sample each data bit and the stop bit at their middles by its own clock. After a
 * framing error (stop bit low) it waits for the line to go idle before hunting again.
 *
 * The result is deterministic garbage of roughly n * receiverBaud / senderBaud bytes: this is
 * how a 74880-baud ESP8266 banner looks to a host at 115200.
 */

/** Within 3 % a receiver stays inside every bit of a frame, so bytes arrive intact. */
export const BAUD_TOLERANCE = 0.03;

export function baudRatesMatch(senderBaud: number, receiverBaud: number): boolean {
  return Math.abs(senderBaud - receiverBaud) <= BAUD_TOLERANCE * receiverBaud;
}

const FRAME_BITS = 10;

/** Line level of sender bit `bitIndex` (0-based over the whole burst); idle (1) after the end. */
function senderBit(bytes: Uint8Array, bitIndex: number): number {
  if (bitIndex < 0) return 1;
  const frame = Math.floor(bitIndex / FRAME_BITS);
  if (frame >= bytes.length) return 1;
  const position = bitIndex % FRAME_BITS;
  if (position === 0) return 0;
  if (position === FRAME_BITS - 1) return 1;
  return ((bytes[frame] ?? 0xff) >> (position - 1)) & 1;
}

/** Time is measured in sender bit periods. */
function levelAt(bytes: Uint8Array, time: number): number {
  return senderBit(bytes, Math.floor(time));
}

/** First time at or after `from` where the line has `level`, or undefined after the burst. */
function nextTimeAtLevel(bytes: Uint8Array, from: number, level: number, endTime: number): number | undefined {
  if (levelAt(bytes, from) === level) return from;
  for (let bit = Math.floor(from) + 1; bit < endTime; bit++) {
    if (senderBit(bytes, bit) === level) return bit;
  }
  return level === 1 ? endTime : undefined;
}

export function reclockUartBytes(bytes: Uint8Array, senderBaud: number, receiverBaud: number): Uint8Array {
  const receiverBit = senderBaud / receiverBaud;
  const endTime = bytes.length * FRAME_BITS;
  const received: number[] = [];
  let time = 0;
  while (time < endTime) {
    const start = nextTimeAtLevel(bytes, time, 0, endTime);
    if (start === undefined) break;
    if (levelAt(bytes, start + receiverBit / 2) !== 0) {
      time = start + receiverBit / 2; // glitch, not a start bit
      continue;
    }
    let value = 0;
    for (let bit = 0; bit < 8; bit++) value |= levelAt(bytes, start + receiverBit * (bit + 1.5)) << bit;
    received.push(value);
    const stopTime = start + receiverBit * 9.5;
    time = levelAt(bytes, stopTime) === 1 ? stopTime : (nextTimeAtLevel(bytes, stopTime, 1, endTime) ?? endTime);
  }
  return Uint8Array.from(received);
}
