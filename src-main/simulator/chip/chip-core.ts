import type { ChipDefinition } from '../../flasher/targets/chip-definition';
import type { SimScheduler } from '../sim-scheduler';
import type { FlashMemory } from './flash-memory';
import type { RegisterSpace } from './register-space';

/**
 * The chip in download mode: the ROM serial bootloader and, after a stub upload, the flasher
 * stub. It sees bytes that arrived at its UART RX (the board applies wire timing and baud
 * mismatch first) and transmits bytes that the board carries back to the host.
 */
export type ChipMode = 'rom' | 'stub' | 'halted';

export type RebootReason = 'flash-end' | 'run-user-code' | 'watchdog' | 'mem-end-entry';

export interface ChipCoreEvents {
  /** Bytes the chip puts on its UART TX, at its current UART baud. */
  transmit(bytes: Uint8Array): void;
  /** The chip's UART now runs at this rate (after answering CHANGE_BAUDRATE at the old rate). */
  uartBaudRateChanged(baudRate: number): void;
  /** The chip leaves download mode and should boot from flash (board decides what happens). */
  rebootRequested(reason: RebootReason): void;
  /** Flash bytes were programmed or erased (for fault triggers and persistence). */
  flashChanged(offset: number, length: number): void;
}

export interface FlashTiming {
  readonly sectorEraseMs: number;
  readonly blockEraseMs: number;
  readonly pageProgramMs: number;
  readonly chipEraseMsPerMegabyte: number;
  /** MD5 / read throughput of the chip reading its own flash. */
  readonly readMegabytesPerSecond: number;
}

export interface ChipCoreOptions {
  readonly definition: ChipDefinition;
  readonly flash: FlashMemory;
  readonly registers: RegisterSpace;
  readonly scheduler: SimScheduler;
  readonly events: ChipCoreEvents;
  /** Flash erase/program/read times; all zero in fast mode. */
  readonly flashTiming: FlashTiming;
  /** Secure Download Mode is enabled (GET_SECURITY_INFO flag bit 2; most commands refused). */
  readonly secureDownloadMode?: boolean;
}

export interface ChipCore {
  readonly mode: ChipMode;
  readonly uartBaudRate: number;
  /**
   * ROM before its first valid SYNC: the UART measures the host's 0x55 run and follows whatever
   * baud the host sends at. The board checks this and calls adoptUartBaudRate.
   */
  readonly autobauding: boolean;
  adoptUartBaudRate(baudRate: number): void;
  /** After a reset with the boot strap low: ROM loader waiting for SYNC, autobauding. */
  enterDownloadMode(uartBaudRate: number): void;
  /** Reset asserted or power lost: drop everything in flight. */
  halt(): void;
  /** Bytes arriving at the UART RX. */
  receive(bytes: Uint8Array): void;
}
