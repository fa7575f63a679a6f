import type { EspError } from '../../src-shared/errors';
import type { LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';
import type { Transport } from '../serial/transport';

/**
 * A transport that runs a hook after each line change, so something can happen at an exact
 * point of a reset sequence (the monitor switches to the ROM's baud once EN is low) while the
 * sequence itself is played by the shared reset runner, unchanged.
 */
export class LineHookTransport implements Transport {
  constructor(
    private readonly inner: Transport,
    private readonly afterSetLines: (lines: LineState) => Promise<void>,
  ) {}

  get info(): PortInfo {
    return this.inner.info;
  }

  get baudRate(): number {
    return this.inner.baudRate;
  }

  get lines(): LineState {
    return this.inner.lines;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  get warnings(): readonly string[] | undefined {
    return this.inner.warnings;
  }

  write(data: Uint8Array): Promise<void> {
    return this.inner.write(data);
  }

  async setLines(lines: LineState): Promise<void> {
    await this.inner.setLines(lines);
    await this.afterSetLines(lines);
  }

  setBaudRate(baudRate: number): Promise<void> {
    return this.inner.setBaudRate(baudRate);
  }

  flushInput(): Promise<void> {
    return this.inner.flushInput();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.inner.onData(listener);
  }

  onClose(listener: (error: EspError) => void): () => void {
    return this.inner.onClose(listener);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
