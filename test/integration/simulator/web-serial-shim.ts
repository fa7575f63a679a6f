import type { VirtualBoardRegistry, VirtualPortEndpoint } from '../../../src-main/simulator/virtual-port';

/**
 * Just enough of the Web Serial SerialPort for esptool-js's Transport, backed by a virtual
 * board endpoint: open/close, readable/writable streams (recreated after close or cancel, as
 * the spec's getters do), setSignals (missing fields keep their value) and in-place baud change.
 */
export class VirtualWebSerialPort {
  private endpoint: VirtualPortEndpoint | undefined;
  private readableStream: ReadableStream<Uint8Array> | null = null;
  private writableStream: WritableStream<Uint8Array> | null = null;
  private signals = { dataTerminalReady: false, requestToSend: false };
  private stopData: (() => void) | undefined;

  constructor(
    private readonly registry: VirtualBoardRegistry,
    private readonly path: string,
  ) {}

  getInfo(): { usbVendorId?: number; usbProductId?: number } {
    const basePath = this.path.split('?')[0];
    const usb = this.registry.list().find((port) => port.info.path === basePath)?.info.usb;
    return usb === undefined ? {} : { usbVendorId: usb.vendorId, usbProductId: usb.productId };
  }

  async open(options: { baudRate: number }): Promise<void> {
    this.endpoint = this.registry.open(this.path, options.baudRate);
  }

  get readable(): ReadableStream<Uint8Array> | null {
    const endpoint = this.endpoint;
    if (endpoint === undefined) return null;
    this.readableStream ??= new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.stopData = endpoint.onBoardData((bytes) => controller.enqueue(Uint8Array.from(bytes)));
      },
      cancel: () => {
        this.stopData?.();
        this.readableStream = null;
      },
    });
    return this.readableStream;
  }

  get writable(): WritableStream<Uint8Array> | null {
    const endpoint = this.endpoint;
    if (endpoint === undefined) return null;
    this.writableStream ??= new WritableStream<Uint8Array>({
      write: (chunk) => endpoint.hostWrite(Uint8Array.from(chunk)),
      close: () => {
        this.writableStream = null;
      },
    });
    return this.writableStream;
  }

  async setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean }): Promise<void> {
    this.signals = { ...this.signals, ...Object.fromEntries(Object.entries(signals).filter(([, value]) => value !== undefined)) };
    this.endpoint?.hostSetLines({ dtr: this.signals.dataTerminalReady, rts: this.signals.requestToSend });
  }

  async setBaudRate(baudRate: number): Promise<void> {
    this.endpoint?.hostSetBaudRate(baudRate);
  }

  async close(): Promise<void> {
    this.stopData?.();
    this.endpoint?.close();
    this.endpoint = undefined;
    this.readableStream = null;
    this.writableStream = null;
  }
}
