import type { ChipCore } from '../chip/chip-core';
import type { SimScheduler } from '../sim-scheduler';
import type { BoardPort } from './board-port';
import { hasFault, type FaultSettings } from './faults';
import type { SeededRandom } from './seeded-random';
import { UartWire, type WireConditions } from './uart-wire';

export interface BoardUartOptions {
  readonly scheduler: SimScheduler;
  readonly random: SeededRandom;
  /** The chip's own USB-Serial/JTAG: USB CDC instead of a UART between bridge and chip. */
  readonly nativeUsb: boolean;
  readonly faults: () => FaultSettings;
  readonly port: () => BoardPort | undefined;
  readonly chip: () => ChipCore;
  /** The ROM loader (or stub) is listening: host bytes reach chip.receive. */
  readonly chipListening: () => boolean;
}

/** Default UART rate of the ROM loader. */
const LOADER_BAUD_RATE = 115200;

/**
 * Both directions of the serial link and the chip's current UART rate. Host bytes are sent at
 * the host's baud and decoded at the chip's; chip bytes the other way round. While the ROM
 * autobauds, the chip adopts the host's rate instead.
 */
export class BoardUart {
  private readonly toHost: UartWire;
  private readonly toChip: UartWire;
  private chipBaud = LOADER_BAUD_RATE;

  constructor(private readonly options: BoardUartOptions) {
    const wire = { scheduler: options.scheduler, random: options.random, nativeUsb: options.nativeUsb };
    this.toHost = new UartWire({
      ...wire,
      conditions: () => this.conditions('tx-broken'),
      deliver: (bytes) => options.port()?.deliver(bytes),
    });
    this.toChip = new UartWire({
      ...wire,
      conditions: () => this.conditions('rx-broken'),
      deliver: (bytes) => {
        if (options.chipListening()) options.chip().receive(bytes);
      },
    });
  }

  get chipBaudRate(): number {
    return this.chipBaud;
  }

  set chipBaudRate(baudRate: number) {
    this.chipBaud = baudRate;
  }

  /** Chip TX at `senderBaud` (ROM banner rate, app rate, or the loader's current rate). */
  sendToHost(bytes: Uint8Array, senderBaud: number): void {
    const port = this.options.port();
    const receiverBaud = port === undefined || port.followsChipBaudRate ? senderBaud : port.hostBaudRate;
    this.toHost.send(bytes, senderBaud, receiverBaud);
  }

  /** Host TX from an open port. */
  sendToChip(port: BoardPort, bytes: Uint8Array): void {
    const hostBaud = port.followsChipBaudRate ? this.chipBaud : port.hostBaudRate;
    const chip = this.options.chip();
    if (this.options.chipListening() && chip.autobauding && hostBaud !== this.chipBaud) {
      // The ROM measures the host's 0x55 run and follows whatever rate the host sends at.
      chip.adoptUartBaudRate(hostBaud);
      this.chipBaud = hostBaud;
    }
    this.toChip.send(bytes, hostBaud, this.chipBaud);
  }

  /** Power lost: whatever was on the wires is gone. */
  clear(): void {
    this.toHost.clear();
    this.toChip.clear();
  }

  private conditions(brokenFault: 'rx-broken' | 'tx-broken'): WireConditions {
    const faults = this.options.faults();
    return {
      broken: hasFault(faults, brokenFault),
      ...(hasFault(faults, 'bit-errors') ? { bitErrorAboveBaud: faults.bitErrorBaudLimit } : {}),
      bytesPerBitError: faults.bytesPerBitError,
    };
  }
}
