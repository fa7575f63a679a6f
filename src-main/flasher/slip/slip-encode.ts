/**
 * SLIP framing as the ESP ROM uses it: 0xC0 starts and ends a frame; inside, 0xC0 becomes
 * DB DC and 0xDB becomes DB DD. Sizes and checksums are computed before escaping.
 */
export const SLIP_END = 0xc0;
export const SLIP_ESC = 0xdb;
export const SLIP_ESC_END = 0xdc;
export const SLIP_ESC_ESC = 0xdd;

export function slipEncode(payload: Uint8Array): Uint8Array {
  let escapes = 0;
  for (const byte of payload) if (byte === SLIP_END || byte === SLIP_ESC) escapes += 1;
  const frame = new Uint8Array(payload.length + escapes + 2);
  let index = 0;
  frame[index++] = SLIP_END;
  for (const byte of payload) {
    if (byte === SLIP_END) {
      frame[index++] = SLIP_ESC;
      frame[index++] = SLIP_ESC_END;
    } else if (byte === SLIP_ESC) {
      frame[index++] = SLIP_ESC;
      frame[index++] = SLIP_ESC_ESC;
    } else {
      frame[index++] = byte;
    }
  }
  frame[index] = SLIP_END;
  return frame;
}
