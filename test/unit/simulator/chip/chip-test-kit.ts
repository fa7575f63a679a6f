import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets';
import type { ChipId } from '../../../../src-shared/chips';
import { encodeCommand, packWords, xorChecksum } from '../../../../src-main/flasher/protocol/packets';
import { SlipDecoder } from '../../../../src-main/flasher/slip/slip-decoder';
import { slipEncode } from '../../../../src-main/flasher/slip/slip-encode';
import type { ChipCore, FlashTiming, RebootReason } from '../../../../src-main/simulator/chip/chip-core';
import { createChipCore } from '../../../../src-main/simulator/chip/create-chip-core';
import { FlashMemory } from '../../../../src-main/simulator/chip/flash-memory';
import { FAST_FLASH_TIMING } from '../../../../src-main/simulator/chip/flash-timing';
import type { RegisterSpace } from '../../../../src-main/simulator/chip/register-space';
import { createSimScheduler, type SimScheduler } from '../../../../src-main/simulator/sim-scheduler';

export const MB = 1024 * 1024;

/** A register space backed by a Map; unknown addresses read 0. */
export class FakeRegisterSpace implements RegisterSpace {
  readonly values = new Map<number, number>();
  readonly baudRates: number[] = [];

  constructor(initial: Record<number, number> = {}) {
    for (const [address, value] of Object.entries(initial)) this.values.set(Number(address), value);
  }

  read(address: number): number {
    return this.values.get(address) ?? 0;
  }

  write(address: number, value: number, mask = 0xffffffff): void {
    const merged = ((this.read(address) & ~mask) | (value & mask)) >>> 0;
    this.values.set(address, merged);
  }

  setUartBaudRate(baudRate: number): void {
    this.baudRates.push(baudRate);
  }
}

/** A scheduler whose clock only moves when the test says so. */
export class ManualScheduler implements SimScheduler {
  readonly realTime = true;
  private currentMs = 0;
  private tasks: { dueMs: number; order: number; task: () => void }[] = [];
  private order = 0;

  now(): number {
    return this.currentMs;
  }

  schedule(delayMs: number, task: () => void): () => void {
    const entry = { dueMs: this.currentMs + Math.max(0, delayMs), order: this.order++, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((candidate) => candidate !== entry);
    };
  }

  get pendingTasks(): number {
    return this.tasks.length;
  }

  /** Runs every task due within `deltaMs`, in time order, letting promises settle between them. */
  async advance(deltaMs: number): Promise<void> {
    const targetMs = this.currentMs + deltaMs;
    await settle();
    for (;;) {
      const due = this.tasks.filter((entry) => entry.dueMs <= targetMs).sort((a, b) => a.dueMs - b.dueMs || a.order - b.order)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((entry) => entry !== due);
      this.currentMs = due.dueMs;
      due.task();
      await settle();
    }
    this.currentMs = targetMs;
  }
}

/** Lets pending promise chains and setImmediate tasks run. */
export async function settle(rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round++) await new Promise((resolve) => setImmediate(resolve));
}

export type ChipEvent =
  | { readonly type: 'transmit'; readonly bytes: Uint8Array }
  | { readonly type: 'baud'; readonly baudRate: number }
  | { readonly type: 'reboot'; readonly reason: RebootReason }
  | { readonly type: 'flash-changed'; readonly offset: number; readonly length: number };

export interface TestChipOptions {
  readonly flashSizeBytes?: number;
  readonly flashContents?: Uint8Array;
  readonly registers?: Record<number, number>;
  readonly scheduler?: SimScheduler;
  readonly timing?: FlashTiming;
  readonly secureDownloadMode?: boolean;
  readonly baudRate?: number;
}

/** A chip core in download mode plus a host side that sends commands and decodes answers. */
export class TestChip {
  readonly core: ChipCore;
  readonly flash: FlashMemory;
  readonly registers: FakeRegisterSpace;
  readonly events: ChipEvent[] = [];
  /** Every SLIP frame the chip sent, decoded. */
  readonly frames: Uint8Array[] = [];
  /** Bytes outside SLIP frames (must stay empty in download mode). */
  readonly noise: number[] = [];
  private readonly decoder = new SlipDecoder({
    onFrame: (frame) => this.frames.push(frame),
    onNoise: (bytes) => this.noise.push(...bytes),
  });

  constructor(readonly chipId: ChipId, options: TestChipOptions = {}) {
    this.flash = new FlashMemory(options.flashSizeBytes ?? 4 * MB, 0x1640ef, options.flashContents);
    this.registers = new FakeRegisterSpace(options.registers);
    this.core = createChipCore({
      definition: CHIP_DEFINITIONS[chipId],
      flash: this.flash,
      registers: this.registers,
      scheduler: options.scheduler ?? createSimScheduler(false),
      flashTiming: options.timing ?? FAST_FLASH_TIMING,
      secureDownloadMode: options.secureDownloadMode,
      events: {
        transmit: (bytes) => {
          this.events.push({ type: 'transmit', bytes: bytes.slice() });
          this.decoder.push(bytes);
        },
        uartBaudRateChanged: (baudRate) => this.events.push({ type: 'baud', baudRate }),
        rebootRequested: (reason) => this.events.push({ type: 'reboot', reason }),
        flashChanged: (offset, length) => this.events.push({ type: 'flash-changed', offset, length }),
      },
    });
    this.core.enterDownloadMode(options.baudRate ?? 115200);
  }

  /** Raw bytes into the chip's UART RX. */
  receive(bytes: Uint8Array | readonly number[]): void {
    this.core.receive(Uint8Array.from(bytes));
  }

  send(op: number, data: Uint8Array = new Uint8Array(0), checksum = 0): void {
    this.receive(slipEncode(encodeCommand(op, data, checksum)));
  }

  /** A *_DATA command: header `len, seq, 0, 0` + data, with the right (or a given) checksum. */
  sendData(op: number, data: Uint8Array, sequence: number, checksum = xorChecksum(data)): void {
    const payload = new Uint8Array(16 + data.length);
    payload.set(packWords(data.length, sequence, 0, 0));
    payload.set(data, 16);
    this.send(op, payload, checksum);
  }

  /** Sends the frame and waits (fast mode) until `count` more frames came back. */
  async exchange(op: number, data?: Uint8Array, count = 1): Promise<Uint8Array[]> {
    const before = this.frames.length;
    this.send(op, data);
    await this.waitForFrames(before + count);
    return this.frames.slice(before);
  }

  async waitForFrames(total: number, maxRounds = 200): Promise<void> {
    for (let round = 0; round < maxRounds && this.frames.length < total; round++) await settle(1);
  }

  /** Runs the chip until nothing more happens (fast mode). */
  async idle(): Promise<void> {
    await settle(40);
  }

  takeFrames(): Uint8Array[] {
    return this.frames.splice(0, this.frames.length);
  }
}

export function hex(bytes: Uint8Array | readonly number[]): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** Parses "01 0a 04 00" style text into bytes. */
export function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/), (pair) => parseInt(pair, 16));
}

/** Uploads a tiny "stub" through MEM_BEGIN/DATA/END(0, entry) and waits for OHAI. */
export async function uploadStub(chip: TestChip): Promise<void> {
  const code = Uint8Array.from({ length: 64 }, (_, index) => index);
  chip.send(0x05, packWords(code.length, 1, 0x1800, 0x40080000));
  chip.sendData(0x07, code, 0);
  chip.send(0x06, packWords(0, 0x40080004));
  await chip.waitForFrames(chip.frames.length + 4);
  await chip.idle();
}
