import { createHash } from 'node:crypto';

export function md5Digest(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('md5').update(data).digest());
}

/** ROM SPI_FLASH_MD5 answer: 32 lowercase hex characters as ASCII bytes. */
export function md5HexAscii(data: Uint8Array): Uint8Array {
  return new TextEncoder().encode(createHash('md5').update(data).digest('hex'));
}
