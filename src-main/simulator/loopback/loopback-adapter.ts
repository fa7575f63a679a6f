import { bridgeById, type PortInfo, type UsbIds } from '../../../src-shared/serial';
import type { LineState } from '../../../src-shared/reset/lines';
import { hasFault, type FaultSettings } from '../board/faults';
import { createSeededRandom, hashText } from '../board/seeded-random';
import { UartWire } from '../board/uart-wire';
import { WireModeTiming, type WireMode } from '../board/wire-mode';
import type { VirtualPortDescriptor, VirtualPortEndpoint } from '../virtual-port';

/**
 * sim:loopback: a bare CP2102 USB-serial adapter with a jumper from TX to RX and no chip, the
 * set-up for the troubleshooter's loopback test. What the host sends comes straight back at the
 * same baud, through the same wire model as the boards: bit errors above `baudLimit` when the
 * bit-errors fault is on (or a baudLimit is given), nothing at all with tx-broken or rx-broken
 * (the jumper is missing). DTR and RTS go nowhere.
 */
export const LOOPBACK_BOARD_NAME = 'loopback';

const CP2102: UsbIds = { vendorId: 0x10c4, productId: 0xea60 };

export function loopbackPortInfo(path: string): PortInfo {
  return {
    path,
    kind: 'virtual',
    usb: CP2102,
    bridge: bridgeById('cp210x'),
    manufacturer: 'Silicon Labs',
    serialNumber: 'SIM-LOOPBACK',
    description: 'Virtual USB-serial adapter (CP2102, TX joined to RX)',
    lineControl: true,
  };
}

export function loopbackDescriptor(): VirtualPortDescriptor {
  return { info: loopbackPortInfo(`sim:${LOOPBACK_BOARD_NAME}`), summary: 'Virtual CP2102 adapter with TX wired to RX (for the loopback test)' };
}

export interface LoopbackOptions {
  readonly faults: FaultSettings;
  /** A baudLimit in the path alone switches bit errors on above it. */
  readonly baudLimitGiven: boolean;
  readonly wireMode: WireMode;
  readonly seed?: number;
}

export class LoopbackAdapter implements VirtualPortEndpoint {
  private readonly listeners = new Set<(bytes: Uint8Array) => void>();
  private readonly wire: UartWire;
  private baudRate: number;
  private open = true;
  /** An open port keeps Node running, as a real descriptor would (see BoardPort). */
  private keepAlive: NodeJS.Timeout | undefined = setInterval(() => undefined, 0x7fffffff);

  constructor(
    readonly info: PortInfo,
    baudRate: number,
    options: LoopbackOptions,
    private readonly onClosed: () => void,
  ) {
    this.baudRate = baudRate;
    const faults = options.faults;
    const bitErrors = options.baudLimitGiven || hasFault(faults, 'bit-errors');
    this.wire = new UartWire({
      scheduler: new WireModeTiming(options.wireMode).scheduler,
      random: createSeededRandom(options.seed ?? hashText(`sim:${LOOPBACK_BOARD_NAME}`)),
      nativeUsb: false,
      conditions: () => ({
        broken: hasFault(faults, 'tx-broken') || hasFault(faults, 'rx-broken') || hasFault(faults, 'no-power'),
        ...(bitErrors ? { bitErrorAboveBaud: faults.bitErrorBaudLimit } : {}),
        bytesPerBitError: faults.bytesPerBitError,
      }),
      deliver: (bytes) => {
        if (!this.open) return;
        for (const listener of [...this.listeners]) listener(bytes);
      },
    });
  }

  hostWrite(bytes: Uint8Array): void {
    // One UART sends and receives, so both ends always run at the same rate.
    if (this.open) this.wire.send(bytes, this.baudRate, this.baudRate);
  }

  hostSetLines(_lines: LineState): void {
    // Nothing is wired to DTR or RTS.
  }

  hostSetBaudRate(baudRate: number): void {
    if (this.open) this.baudRate = baudRate;
  }

  onBoardData(listener: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onUnplug(_listener: () => void): () => void {
    return () => undefined;
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.wire.clear();
    this.listeners.clear();
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    this.onClosed();
  }
}
