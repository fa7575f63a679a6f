import type { ChipCore, ChipCoreOptions, ChipMode, RebootReason } from './chip-core';
import type { LoaderControl } from './chip-runtime';
import { LoaderSession } from './loader-session';

/** UART rate before the first reset into download mode. */
const INITIAL_BAUD_RATE = 115200;

/**
 * A virtual chip in download mode: the ROM serial bootloader and, after a stub upload, the
 * flasher stub, answering what arrives at its UART the way real silicon does.
 */
export function createChipCore(options: ChipCoreOptions): ChipCore {
  return new VirtualChipCore(options);
}

class VirtualChipCore implements ChipCore {
  mode: ChipMode = 'halted';
  uartBaudRate = INITIAL_BAUD_RATE;
  autobauding = false;
  private session: LoaderSession | undefined;
  private readonly control: LoaderControl;

  constructor(private readonly options: ChipCoreOptions) {
    this.control = {
      syncAnswered: () => {
        this.autobauding = false;
      },
      startStub: () => {
        this.mode = 'stub';
        this.autobauding = false;
        this.session?.startStub();
      },
      setUartBaudRate: (baudRate) => {
        this.setBaudRate(baudRate);
        this.options.events.uartBaudRateChanged(baudRate);
      },
      leaveLoader: (reason: RebootReason) => {
        this.stopSession();
        this.options.events.rebootRequested(reason);
      },
    };
  }

  adoptUartBaudRate(baudRate: number): void {
    this.setBaudRate(baudRate);
  }

  enterDownloadMode(uartBaudRate: number): void {
    this.stopSession();
    this.mode = 'rom';
    this.autobauding = true;
    this.setBaudRate(uartBaudRate);
    this.session = new LoaderSession(this.options, this.control, () => this.uartBaudRate);
  }

  halt(): void {
    this.stopSession();
  }

  receive(bytes: Uint8Array): void {
    this.session?.receive(bytes);
  }

  private setBaudRate(baudRate: number): void {
    this.uartBaudRate = baudRate;
    this.options.registers.setUartBaudRate(baudRate);
  }

  private stopSession(): void {
    this.session?.stop();
    this.session = undefined;
    this.mode = 'halted';
    this.autobauding = false;
  }
}
