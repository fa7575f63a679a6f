import type { ChipCore, ChipCoreEvents, ChipMode, RebootReason } from '../../../../src-main/simulator/chip/chip-core';
import { FlashMemory } from '../../../../src-main/simulator/chip/flash-memory';
import type { ChipFactory } from '../../../../src-main/simulator/board/chip-factory';
import { DEFAULT_FAULT_SETTINGS, type FaultKind, type FaultSettings } from '../../../../src-main/simulator/board/faults';
import { VirtualBoard, type VirtualBoardOptions } from '../../../../src-main/simulator/board/virtual-board';
import { catalogEntry } from '../../../../src-main/simulator/registry/catalog';
import type { VirtualPortEndpoint } from '../../../../src-main/simulator/virtual-port';
import type { ResetSequence } from '../../../../src-shared/reset/sequence';

/**
 * Test kit for virtual boards: a fake chip core (echoes what it receives while in download
 * mode), board construction, host-side helpers that run reset sequences at real speed and
 * collect what the host receives, and hand-built flash images.
 */

export class FakeChipCore implements ChipCore {
  mode: ChipMode = 'halted';
  uartBaudRate = 115200;
  autobauding = false;
  readonly received: number[] = [];
  downloadEntries = 0;

  constructor(
    private readonly events: ChipCoreEvents,
    private readonly flash: FlashMemory,
    private readonly echo = true,
  ) {}

  adoptUartBaudRate(baudRate: number): void {
    this.uartBaudRate = baudRate;
  }

  enterDownloadMode(uartBaudRate: number): void {
    this.mode = 'rom';
    this.autobauding = true;
    this.uartBaudRate = uartBaudRate;
    this.downloadEntries += 1;
  }

  halt(): void {
    this.mode = 'halted';
    this.autobauding = false;
  }

  receive(bytes: Uint8Array): void {
    if (this.mode === 'halted') return;
    this.autobauding = false;
    this.received.push(...bytes);
    if (this.echo) this.events.transmit(Uint8Array.from(bytes));
  }

  /** What a stub does after answering CHANGE_BAUDRATE. */
  changeBaudRate(baudRate: number): void {
    this.uartBaudRate = baudRate;
    this.events.uartBaudRateChanged(baudRate);
  }

  requestReboot(reason: RebootReason): void {
    this.mode = 'halted';
    this.events.rebootRequested(reason);
  }

  /** Erase then program, reporting both as the real core does. */
  writeFlash(offset: number, data: Uint8Array): void {
    this.flash.eraseRange(offset, data.length);
    this.events.flashChanged(offset, data.length);
    this.flash.program(offset, data);
    this.events.flashChanged(offset, data.length);
  }
}

export interface FakeChips {
  readonly factory: ChipFactory;
  /** Most recently built chip. */
  latest(): FakeChipCore;
}

export function fakeChips(echo = true): FakeChips {
  const built: FakeChipCore[] = [];
  return {
    factory: (context) => {
      const chip = new FakeChipCore(context.events, context.flash, echo);
      built.push(chip);
      return chip;
    },
    latest: () => {
      const chip = built[built.length - 1];
      if (chip === undefined) throw new Error('no chip built yet');
      return chip;
    },
  };
}

export function faultSettings(faults: readonly FaultKind[], extra: Partial<FaultSettings> = {}): FaultSettings {
  return { ...DEFAULT_FAULT_SETTINGS, ...extra, faults };
}

export interface TestBoard {
  readonly board: VirtualBoard;
  readonly chip: FakeChipCore;
  readonly flash: FlashMemory;
}

export function makeBoard(name: string, options: Partial<Omit<VirtualBoardOptions, 'spec' | 'flash' | 'createChip'>> & { flash?: FlashMemory } = {}): TestBoard {
  const spec = catalogEntry(name);
  if (spec === undefined) throw new Error(`no catalogue board ${name}`);
  const chips = fakeChips();
  const flash = options.flash ?? new FlashMemory(spec.defaultFlashSizeBytes, 0x1640ef);
  const board = new VirtualBoard({ mac: '24:0a:c4:00:00:01', appTickMs: 40, replugAfterMs: -1, ...options, spec, flash, createChip: chips.factory });
  return { board, chip: chips.latest(), flash };
}

export const sleep = (delayMs: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, delayMs));

/** Runs a reset sequence through the endpoint at real speed, as a host would. */
export async function runSequence(endpoint: VirtualPortEndpoint, sequence: ResetSequence): Promise<void> {
  for (const step of sequence.steps) {
    if (step.kind === 'wait') await sleep(step.delayMs);
    else endpoint.hostSetLines({ dtr: step.dtr, rts: step.rts });
  }
}

/** Everything the host receives on an endpoint. */
export class HostCapture {
  private bytes: number[] = [];

  constructor(endpoint: VirtualPortEndpoint) {
    endpoint.onBoardData((chunk) => this.bytes.push(...chunk));
  }

  get raw(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  get text(): string {
    return String.fromCharCode(...this.bytes);
  }

  clear(): void {
    this.bytes = [];
  }

  /** Waits until the received text matches, or fails after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 1000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; got ${JSON.stringify(this.text)}`);
      await sleep(5);
    }
    return this.text;
  }
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/**
 * A minimal ESP32-family image, written by hand from fact sheet §7.1/§7.4: 8-byte header,
 * 16-byte extended header, then (load address, length, data) segments.
 */
export function esp32Image(options: { modeCode?: number; entry?: number; segments?: readonly [number, readonly number[]][] } = {}): Uint8Array {
  const segments = options.segments ?? [[0x3fff0030, [1, 2, 3, 4]]];
  const bytes = [0xe9, segments.length, options.modeCode ?? 2, 0x20, ...u32(options.entry ?? 0x40080400)];
  bytes.push(0xee, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  for (const [address, data] of segments) bytes.push(...u32(address), ...u32(data.length), ...data);
  return Uint8Array.from(bytes);
}

/** An ESP-IDF app whose esp_app_desc_t (magic 0xABCD5432) names the project at +0x30. */
export function esp32AppImage(projectName: string): Uint8Array {
  const descriptor = new Array<number>(256).fill(0);
  descriptor.splice(0, 4, 0x32, 0x54, 0xcd, 0xab);
  for (let index = 0; index < projectName.length; index++) descriptor[0x30 + index] = projectName.charCodeAt(index);
  return esp32Image({ segments: [[0x3f400020, descriptor]] });
}

/** ESP8266 v1 image (fact sheet §7.2): 8-byte header, then segments. */
export function esp8266Image(modeCode = 2): Uint8Array {
  return Uint8Array.from([0xe9, 1, modeCode, 0x40, ...u32(0x40100000), ...u32(0x40100000), ...u32(4), 0x10, 0x20, 0x30, 0x40]);
}

/** A RegExp where "ESC" stands for the escape character of ANSI colour codes. */
export function escRegExp(source: string, flags = ''): RegExp {
  return new RegExp(source.replaceAll('ESC', '\\x1b'), flags);
}
