/**
 * Status bytes at the tail of a response, and what their codes mean in words.
 *   ROM ESP32 family: 4 bytes [status, error, 0, 0];  ESP8266 ROM and every stub: 2 bytes.
 * Like esptool 5, the host reads the two bytes right after the payload it expects, so it does
 * not need to know which responder it is talking to.
 */

export interface ResponseStatus {
  readonly ok: boolean;
  /** First status byte: 0 ok, 1 failed (ROM); error code (stub). */
  readonly status: number;
  /** Second status byte: ROM error code; 0 on stubs. */
  readonly error: number;
  /** esptool's "result was XXYY" value: status << 8 | error. */
  readonly resultCode: number;
}

export function readStatus(data: Uint8Array, payloadBytes: number): ResponseStatus | undefined {
  if (data.length < payloadBytes + 2) return undefined;
  const status = data[payloadBytes] ?? 0;
  const error = data[payloadBytes + 1] ?? 0;
  return { ok: status === 0, status, error, resultCode: (status << 8) | error };
}

const ROM_ERRORS: Readonly<Record<number, string>> = {
  0x00: 'undefined error',
  0x01: 'input parameter invalid',
  0x02: 'out of memory',
  0x03: 'sending a message failed',
  0x04: 'receiving a message failed',
  0x05: 'message format invalid or command not supported',
  0x06: 'message OK but the result is wrong',
  0x07: 'checksum error',
  0x08: 'flash write error (read-back check failed)',
  0x09: 'flash read error',
  0x0a: 'flash read length error',
  0x0b: 'decompression (deflate) failed',
  0x0c: 'decompression checksum (Adler-32) error',
  0x0d: 'decompression parameter error',
  0x0e: 'invalid RAM binary size',
  0x0f: 'invalid RAM binary address',
  0x64: 'invalid parameter',
  0x65: 'invalid format',
  0x66: 'description too long',
  0x67: 'bad encoding description',
  0x69: 'insufficient storage',
};

const STUB_ERRORS: Readonly<Record<number, string>> = {
  0xc0: 'bad data length',
  0xc1: 'bad data checksum',
  0xc2: 'bad block size',
  0xc3: 'invalid command',
  0xc4: 'SPI flash operation failed',
  0xc5: 'SPI flash unlock failed',
  0xc6: 'not in flash mode (data without begin)',
  0xc7: 'decompression (inflate) error',
  0xc8: 'not enough data',
  0xc9: 'too much data',
  0xca: 'NAND program failed',
  0xcb: 'NAND erase failed',
  0xff: 'command not implemented',
  0x32: 'erase address not sector aligned',
  0x33: 'erase length not sector aligned',
  0x34: 'flash unlock failed',
  0x35: 'flash erase failed',
  0x36: 'flash erase failed',
  0x37: 'flash erase failed',
  0x63: 'flash read failed during MD5',
};

/** Words for a failed status: ROM codes when status is 1, stub codes otherwise. */
export function describeStatus(status: ResponseStatus): string {
  if (status.status === 1) return ROM_ERRORS[status.error] ?? `ROM error 0x${status.error.toString(16)}`;
  return STUB_ERRORS[status.status] ?? `error 0x${status.status.toString(16)}`;
}

/** "0105" style, as esptool prints "result was 0105". */
export function formatResultCode(status: ResponseStatus): string {
  return status.resultCode.toString(16).toUpperCase().padStart(4, '0');
}
