import { Inflate, constants } from 'pako';

export type InflateFailure = 'inflate' | 'adler';

export interface InflateResult {
  /** Uncompressed bytes produced by this chunk, in order. */
  readonly output: readonly Uint8Array[];
  readonly failure?: InflateFailure;
}

/**
 * The zlib stream of FLASH_DEFL_DATA (RFC 1950: header, deflate, Adler-32) inflated block by
 * block as the loaders do it. Output is handed out in pieces of at most OUTPUT_CHUNK_BYTES as
 * soon as they fill; the last partial piece comes out when the stream ends, so at most one
 * flash page lags behind the compressed data received so far.
 */
const OUTPUT_CHUNK_BYTES = 256;

export class InflateStream {
  private readonly inflater = new Inflate({ chunkSize: OUTPUT_CHUNK_BYTES });
  private pending: Uint8Array[] = [];
  private failed = false;
  private ended = false;

  constructor() {
    this.inflater.onData = (chunk) => {
      if (chunk instanceof Uint8Array) this.pending.push(chunk.slice());
    };
    // Keep pako's own onEnd (it records err and msg); only note that the stream is over.
    const recordEnd = this.inflater.onEnd.bind(this.inflater);
    this.inflater.onEnd = (status) => {
      this.ended = true;
      recordEnd(status);
    };
  }

  /** The zlib stream has ended and its Adler-32 matched. */
  get finished(): boolean {
    return this.ended && !this.failed;
  }

  push(compressed: Uint8Array): InflateResult {
    if (this.failed) return { output: [], failure: 'inflate' };
    if (this.finished) return { output: [] };
    this.inflater.push(compressed, false);
    const output = this.pending;
    this.pending = [];
    if (this.inflater.err !== constants.Z_OK && this.inflater.err !== constants.Z_STREAM_END) {
      this.failed = true;
      // zlib reports a bad Adler-32 trailer as "incorrect data check".
      return { output, failure: this.inflater.msg === 'incorrect data check' ? 'adler' : 'inflate' };
    }
    return { output };
  }
}
