import { FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import type { EraseUnit } from './erase-plan';
import type { FlashMemory } from './flash-memory';

/**
 * The flash as a loader addresses it: limited to the size the loader believes the chip has
 * (ROM default 2 MB, stub default 16 MB, or what SPI_SET_PARAMS said) and mapped onto the
 * physical part. A NOR chip ignores address bits above its capacity, so with a configured size
 * larger than the chip, addresses wrap around to the start [INFERRED from how SPI NOR parts
 * decode addresses; a 4 MB part answers offset 4 MB with the bytes of offset 0].
 * Every change is reported through `onChanged` with physical offsets.
 */
export class FlashAccess {
  constructor(
    private readonly memory: FlashMemory,
    private readonly onChanged: (offset: number, length: number) => void,
    public configuredSizeBytes: number,
  ) {}

  get physicalSizeBytes(): number {
    return this.memory.sizeBytes;
  }

  /** True when [offset, offset + length) lies inside the configured flash size. */
  contains(offset: number, length: number): boolean {
    return offset >= 0 && length >= 0 && offset + length <= this.configuredSizeBytes;
  }

  read(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.forEachPiece(offset, length, (physical, start, pieceLength) => {
      out.set(this.memory.read(physical, pieceLength), start);
    });
    return out;
  }

  program(offset: number, data: Uint8Array): void {
    this.forEachPiece(offset, data.length, (physical, start, pieceLength) => {
      this.memory.program(physical, data.subarray(start, start + pieceLength));
      this.onChanged(physical, pieceLength);
    });
  }

  erase(unit: EraseUnit): void {
    this.forEachPiece(unit.offset, unit.sizeBytes, (physical, _start, pieceLength) => {
      this.memory.eraseRange(physical, pieceLength);
      this.onChanged(physical, pieceLength);
    });
  }

  eraseAll(): void {
    this.memory.eraseAll();
    this.onChanged(0, this.memory.sizeBytes);
  }

  isSectorErased(offset: number): boolean {
    return this.memory.isSectorErased(this.physical(offset - (offset % FLASH_SECTOR_BYTES)));
  }

  private physical(offset: number): number {
    return offset % this.memory.sizeBytes;
  }

  /** Splits a range where it wraps past the end of the physical part. */
  private forEachPiece(
    offset: number,
    length: number,
    visit: (physicalOffset: number, start: number, pieceLength: number) => void,
  ): void {
    let done = 0;
    while (done < length) {
      const physical = this.physical(offset + done);
      const pieceLength = Math.min(length - done, this.memory.sizeBytes - physical);
      visit(physical, done, pieceLength);
      done += pieceLength;
    }
  }
}
