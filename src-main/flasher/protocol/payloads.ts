import { packWords } from './packets';

/** Payload builders for each command, as the fact sheet §2 lays them out (u32 LE words). */

/** SYNC: 07 07 12 20 followed by 32 x 0x55. */
export function syncPayload(): Uint8Array {
  const payload = new Uint8Array(36).fill(0x55);
  payload.set([0x07, 0x07, 0x12, 0x20]);
  return payload;
}

export function readRegPayload(address: number): Uint8Array {
  return packWords(address);
}

/** One WRITE_REG group: address, value, mask, delay in microseconds. */
export function writeRegPayload(address: number, value: number, mask = 0xffffffff, delayUs = 0): Uint8Array {
  return packWords(address, value, mask, delayUs);
}

export function beginPayload(
  sizeBytes: number,
  blocks: number,
  blockBytes: number,
  offset: number,
  encryptedWord?: boolean,
): Uint8Array {
  return encryptedWord === undefined
    ? packWords(sizeBytes, blocks, blockBytes, offset)
    : packWords(sizeBytes, blocks, blockBytes, offset, encryptedWord ? 1 : 0);
}

/** MEM_DATA / FLASH_DATA / FLASH_DEFL_DATA: length, sequence number, two zero words, data. */
export function dataPayload(data: Uint8Array, sequence: number): Uint8Array {
  const payload = new Uint8Array(16 + data.length);
  payload.set(packWords(data.length, sequence, 0, 0));
  payload.set(data, 16);
  return payload;
}

/** FLASH_END / FLASH_DEFL_END: 0 reboots, 1 stays in the loader. */
export function endPayload(reboot: boolean): Uint8Array {
  return packWords(reboot ? 0 : 1);
}

/** MEM_END: flag 0 jumps to `entry` after answering. */
export function memEndPayload(entry: number): Uint8Array {
  return packWords(entry === 0 ? 1 : 0, entry);
}

/** SPI_ATTACH: ROM takes 8 bytes (hspi_arg, is_legacy 0, padding); stubs take 4. */
export function spiAttachPayload(forStub: boolean, hspiArg = 0): Uint8Array {
  return forStub ? packWords(hspiArg) : packWords(hspiArg, 0);
}

/** SPI_SET_PARAMS as esptool always sends it. */
export function spiSetParamsPayload(flashSizeBytes: number): Uint8Array {
  return packWords(0, flashSizeBytes, 0x10000, 0x1000, 0x100, 0xffff);
}

/** CHANGE_BAUDRATE: ROM gets old baud 0, stubs get the current host baud. */
export function changeBaudPayload(newBaudRate: number, oldBaudRate: number): Uint8Array {
  return packWords(newBaudRate, oldBaudRate);
}

export function md5Payload(offset: number, sizeBytes: number): Uint8Array {
  return packWords(offset, sizeBytes, 0, 0);
}

export function readFlashPayload(offset: number, sizeBytes: number, packetBytes: number, maxInFlight: number): Uint8Array {
  return packWords(offset, sizeBytes, packetBytes, maxInFlight);
}

export function readFlashSlowPayload(offset: number, sizeBytes: number): Uint8Array {
  return packWords(offset, sizeBytes);
}

export function eraseRegionPayload(offset: number, sizeBytes: number): Uint8Array {
  return packWords(offset, sizeBytes);
}
