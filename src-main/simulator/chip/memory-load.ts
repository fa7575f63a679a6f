export type MemoryDataResult = 'ok' | 'not-begun' | 'too-much';

export interface LoadedSegment {
  readonly address: number;
  readonly data: Uint8Array;
}

/**
 * RAM loading through MEM_BEGIN / MEM_DATA / MEM_END. The bytes are kept per segment so a
 * board can tell what was uploaded; the simulator treats any uploaded code as the flasher stub.
 */
export class MemoryLoad {
  private current: { address: number; remainingBytes: number; chunks: Uint8Array[] } | undefined;
  private readonly loaded: LoadedSegment[] = [];

  get segments(): readonly LoadedSegment[] {
    return this.loaded;
  }

  get loadedBytes(): number {
    return this.loaded.reduce((total, segment) => total + segment.data.length, 0) + this.currentBytes();
  }

  get inProgress(): boolean {
    return this.current !== undefined;
  }

  begin(totalBytes: number, address: number): void {
    this.finishSegment();
    this.current = { address, remainingBytes: totalBytes, chunks: [] };
  }

  data(bytes: Uint8Array): MemoryDataResult {
    if (!this.current) return 'not-begun';
    if (bytes.length > this.current.remainingBytes) return 'too-much';
    this.current.chunks.push(bytes.slice());
    this.current.remainingBytes -= bytes.length;
    return 'ok';
  }

  end(): void {
    this.finishSegment();
  }

  private currentBytes(): number {
    return this.current?.chunks.reduce((total, chunk) => total + chunk.length, 0) ?? 0;
  }

  private finishSegment(): void {
    if (!this.current) return;
    const data = new Uint8Array(this.currentBytes());
    let offset = 0;
    for (const chunk of this.current.chunks) {
      data.set(chunk, offset);
      offset += chunk.length;
    }
    if (data.length > 0) this.loaded.push({ address: this.current.address, data });
    this.current = undefined;
  }
}
