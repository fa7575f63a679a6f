import { FLASH_SECTOR_BYTES } from '../../../src-shared/flash';

/**
 * NOR flash as a virtual chip holds it: erased bytes read 0xFF, erasing works on whole 4 KiB
 * sectors, and programming can only clear bits (new = old AND data), as on a real SPI NOR part.
 */
export class FlashMemory {
  private readonly bytes: Uint8Array;

  constructor(
    readonly sizeBytes: number,
    /** JEDEC RDID as the SPI peripheral returns it in W0 (manufacturer in bits 0-7). */
    readonly jedecId: number,
    initial?: Uint8Array,
  ) {
    this.bytes = new Uint8Array(sizeBytes).fill(0xff);
    if (initial) this.bytes.set(initial.subarray(0, sizeBytes));
  }

  read(offset: number, length: number): Uint8Array {
    this.checkRange(offset, length);
    return this.bytes.slice(offset, offset + length);
  }

  /** Erase the sectors that cover [offset, offset + length). Offsets must be sector aligned. */
  eraseRange(offset: number, length: number): void {
    if (offset % FLASH_SECTOR_BYTES !== 0) throw new RangeError(`erase offset 0x${offset.toString(16)} not sector aligned`);
    const end = offset + Math.ceil(length / FLASH_SECTOR_BYTES) * FLASH_SECTOR_BYTES;
    this.checkRange(offset, end - offset);
    this.bytes.fill(0xff, offset, end);
  }

  eraseAll(): void {
    this.bytes.fill(0xff);
  }

  /** NOR programming: bits can only go from 1 to 0. */
  program(offset: number, data: Uint8Array): void {
    this.checkRange(offset, data.length);
    for (let index = 0; index < data.length; index++) {
      this.bytes[offset + index] = (this.bytes[offset + index] ?? 0xff) & (data[index] ?? 0xff);
    }
  }

  /** True when every byte of the sector holding `offset` is 0xFF. */
  isSectorErased(offset: number): boolean {
    const start = offset - (offset % FLASH_SECTOR_BYTES);
    for (let index = start; index < start + FLASH_SECTOR_BYTES && index < this.sizeBytes; index++) {
      if (this.bytes[index] !== 0xff) return false;
    }
    return true;
  }

  /** The whole contents, for persistence. */
  snapshot(): Uint8Array {
    return this.bytes.slice();
  }

  private checkRange(offset: number, length: number): void {
    if (offset < 0 || length < 0 || offset + length > this.sizeBytes) {
      throw new RangeError(
        `flash access 0x${offset.toString(16)}+0x${length.toString(16)} outside 0x${this.sizeBytes.toString(16)} bytes`,
      );
    }
  }
}
