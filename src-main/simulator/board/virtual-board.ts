import { EspError } from '../../../src-shared/errors';
import { LINES_RELEASED, sameLines, type LineState } from '../../../src-shared/reset/lines';
import type { PortInfo } from '../../../src-shared/serial';
import type { ChipCore, RebootReason } from '../chip/chip-core';
import { DEFAULT_APP_SETTINGS, sameAppSettings, type AppSettings } from './app-settings';
import type { FlashMemory } from '../chip/flash-memory';
import { createSimScheduler } from '../sim-scheduler';
import { BoardPort, type PortHost } from './board-port';
import { BoardPower } from './board-power';
import { DEFAULT_APP_TICK_MS, DEFAULT_REPLUG_AFTER_MS, USB_LINE_LATENCY_MS, type BoardSpec } from './board-spec';
import type { ChipFactory } from './chip-factory';
import { DEFAULT_FAULT_SETTINGS, hasFault, resetParamsFor, sameResetParams, USB_REENUMERATE_ABSENT_MS, type FaultSettings } from './faults';
import { FirmwareRunner, type FirmwareState } from './firmware-runner';
import { FlashFaultTriggers } from './flash-write-meter';
import { ResetController } from './reset-controller';
import type { ResetCause } from './rom-identity';
import { createSeededRandom, hashText } from './seeded-random';
import { BoardUart } from './board-uart';
import { WireModeTiming, type WireMode } from './wire-mode';

export interface VirtualBoardOptions {
  readonly spec: BoardSpec;
  readonly flash: FlashMemory;
  readonly mac: string;
  readonly createChip: ChipFactory;
  readonly faults?: FaultSettings;
  /** Which app the flash holds (ticks or chatty) and its console rate; default ticks at 115200. */
  readonly app?: AppSettings;
  readonly wireMode?: WireMode;
  /** BOOT held from power-on: the board starts in download mode. */
  readonly bootButtonHeld?: boolean;
  /** Seed for bit errors; defaults to a hash of the board name. */
  readonly seed?: number;
  /** App ticks and the ROM's empty-flash loop; default 1000 ms. */
  readonly appTickMs?: number;
  /** Unplug fault: back after this long (negative: only by replug()); default 3000 ms. */
  readonly replugAfterMs?: number;
  /** Flash contents changed (persistence). */
  readonly onFlashChanged?: () => void;
  /** A port closed or the board was unplugged (persistence). */
  readonly onPortReleased?: () => void;
  /**
   * Drop what the board prints for this long after it is created, unless the host resets it
   * first: a board found on the desk has booted long before anyone opened its port, so its
   * power-on banner is not in anyone's receive buffer. Default 0 (everything is delivered).
   */
  readonly quietPowerOnMs?: number;
}

/**
 * A board on the desk: chip + flash + auto-reset circuit + USB bridge + faults + wires. Host
 * line changes go to the reset model; the firmware runner decides what the chip prints after
 * each reset; the two UART wires carry bytes with baud, fault and timing effects.
 */
export class VirtualBoard implements PortHost {
  readonly spec: BoardSpec;
  readonly flash: FlashMemory;
  readonly mac: string;
  private readonly chip: ChipCore;
  private readonly clock = createSimScheduler(true);
  private readonly timing: WireModeTiming;
  private readonly reset: ResetController;
  private readonly runner: FirmwareRunner;
  private readonly uart: BoardUart;
  private readonly flashFaults: FlashFaultTriggers;
  private faults: FaultSettings;
  private app: AppSettings;
  private readonly power: BoardPower;
  private port: BoardPort | undefined;
  private pendingCause: ResetCause | undefined;
  private quietUntilMs = 0;

  constructor(private readonly options: VirtualBoardOptions) {
    this.spec = options.spec;
    this.flash = options.flash;
    this.mac = options.mac;
    this.faults = options.faults ?? DEFAULT_FAULT_SETTINGS;
    this.app = options.app ?? DEFAULT_APP_SETTINGS;
    this.timing = new WireModeTiming(options.wireMode ?? 'fast');
    this.uart = new BoardUart({
      scheduler: this.timing.scheduler,
      random: createSeededRandom(options.seed ?? hashText(this.spec.name)),
      nativeUsb: this.spec.circuit === 'usb-serial-jtag',
      faults: () => this.faults,
      port: () => this.port,
      chip: () => this.chip,
      chipListening: () => this.power.isPowered && this.runner.state === 'download',
    });
    this.flashFaults = new FlashFaultTriggers(() => this.faults);
    this.chip = options.createChip({
      spec: this.spec,
      flash: this.flash,
      mac: this.mac,
      scheduler: this.timing.scheduler,
      flashTiming: this.timing.flashTiming,
      events: {
        transmit: (bytes) => this.sendToHost(bytes, this.uart.chipBaudRate),
        uartBaudRateChanged: (baudRate) => void (this.uart.chipBaudRate = baudRate),
        rebootRequested: (reason) => this.deferred(() => this.chipRequestedReboot(reason)),
        flashChanged: (offset, length) => this.flashChanged(offset, length),
      },
    });
    this.runner = new FirmwareRunner({
      chipId: this.spec.chip,
      chip: this.chip,
      flash: this.flash,
      clock: this.clock,
      print: (text, baudRate) => this.sendToHost(asciiBytes(text), baudRate),
      tickMs: () => options.appTickMs ?? DEFAULT_APP_TICK_MS,
      dioOnlyFlash: () => hasFault(this.faults, 'dio-only-flash'),
      appCrash: () => hasFault(this.faults, 'app-crash'),
      appSettings: () => this.app,
      strapLowNow: () => this.reset.bootStrapLow(),
      onDownloadMode: () => void (this.uart.chipBaudRate = this.chip.uartBaudRate),
    });
    this.reset = new ResetController(resetParamsFor(this.spec, this.faults), this.clock, USB_LINE_LATENCY_MS, {
      onHostPulledEnLow: () => void (this.quietUntilMs = 0),
      onResetAsserted: () => {
        this.pendingCause ??= this.spec.circuit === 'usb-serial-jtag' ? 'usb-jtag' : 'en-pin';
        this.runner.halt();
        // usb-reenumerate: a chip reset (not power-on) takes the native USB device off the bus.
        if (this.pendingCause !== 'power-on' && this.spec.circuit === 'usb-serial-jtag' && hasFault(this.faults, 'usb-reenumerate')) {
          this.deferred(() => this.power.reenumerate(USB_REENUMERATE_ABSENT_MS));
        }
      },
      onBoot: (atMs, download) => {
        const cause = this.pendingCause ?? 'en-pin';
        this.pendingCause = undefined;
        this.runner.boot(cause, download, atMs);
      },
    });
    this.power = new BoardPower(this.clock, options.replugAfterMs ?? DEFAULT_REPLUG_AFTER_MS, () => hasFault(this.faults, 'no-power'), {
      powerOn: () => {
        this.pendingCause = 'power-on';
        this.reset.powerOn();
      },
      powerOff: () => {
        this.reset.powerOff();
        this.runner.halt('off');
        this.uart.clear();
      },
      unplugged: () => {
        const port = this.port;
        this.port = undefined;
        port?.unplugged();
        this.options.onPortReleased?.();
      },
    });
    if (options.bootButtonHeld) this.reset.setBootButton(true);
    this.power.apply();
    if (options.quietPowerOnMs) this.quietUntilMs = this.clock.now() + options.quietPowerOnMs;
  }

  get isPlugged(): boolean {
    return this.power.isPlugged;
  }

  get isPowered(): boolean {
    return this.power.isPowered;
  }

  get isPortOpen(): boolean {
    return this.port !== undefined;
  }

  get firmwareState(): FirmwareState {
    return this.runner.state;
  }

  get faultSettings(): FaultSettings {
    return this.faults;
  }

  get appSettings(): AppSettings {
    return this.app;
  }

  get wireMode(): WireMode {
    return this.timing.wireMode;
  }

  get hostLines(): LineState {
    return this.reset.hostLines;
  }

  /** The chip's UART rate as the board sees it (download mode). */
  get chipUartBaudRate(): number {
    return this.uart.chipBaudRate;
  }

  openPort(info: PortInfo, baudRate: number): BoardPort {
    if (!this.power.isPlugged) throw new EspError('port.not-found', { message: `${info.path} is unplugged.`, evidence: { path: info.path } });
    if (this.port !== undefined) throw new EspError('port.busy', { message: `${info.path} is already open.`, evidence: { path: info.path } });
    this.port = new BoardPort(info, this, baudRate);
    return this.port;
  }

  setFaults(settings: FaultSettings): void {
    const before = resetParamsFor(this.spec, this.faults);
    const crashBefore = hasFault(this.faults, 'app-crash');
    this.faults = settings;
    // The board now runs firmware that does (or does not) crash: a running app starts over as it.
    if (hasFault(settings, 'app-crash') !== crashBefore) this.runner.appSettingsChanged();
    this.flashFaults.restart();
    const after = resetParamsFor(this.spec, this.faults);
    if (!sameResetParams(before, after)) this.reset.reconfigure(after);
    this.power.apply();
  }

  /** Another app or console rate: a running app starts over as the new one (no reset). */
  setAppSettings(settings: AppSettings): void {
    if (sameAppSettings(settings, this.app)) return;
    this.app = settings;
    this.runner.appSettingsChanged();
  }

  setWireMode(mode: WireMode): void {
    this.timing.wireMode = mode;
  }

  /** Hold or release the BOOT (GPIO0) button. */
  setBootButton(held: boolean): void {
    this.reset.setBootButton(held);
  }

  /**
   * Hold BOOT and, unless the chip is already in (or on its way into) download mode, press EN:
   * the board then waits in download mode (for hosts that cannot reset it, e.g. socket://).
   */
  waitInDownloadMode(): void {
    this.quietUntilMs = 0;
    this.reset.setBootButton(true);
    if (!this.power.isPowered || this.reset.holdingReset || this.runner.inOrEnteringDownload) return;
    this.pressEn();
  }

  /** Press EN (RESET) for `pressMs`. */
  pressEn(pressMs = 100): void {
    if (!this.power.isPowered) return;
    this.quietUntilMs = 0;
    this.pendingCause = 'en-pin';
    this.reset.pressEn(pressMs);
  }

  /** Unplug and plug in again: a power-on reset. */
  powerCycle(): void {
    this.power.cycle();
  }

  unplug(): void {
    this.power.unplug();
  }

  replug(): void {
    this.power.replug();
  }

  /** Stops every timer; the board is unusable afterwards. */
  dispose(): void {
    this.power.unplug();
    this.power.dispose();
  }

  hostWrite(port: BoardPort, bytes: Uint8Array): void {
    if (port === this.port && this.power.isPowered) this.uart.sendToChip(port, bytes);
  }

  hostSetLines(port: BoardPort, lines: LineState): void {
    if (port === this.port) this.reset.setHostLines(lines);
  }

  portClosed(port: BoardPort): void {
    if (port !== this.port) return;
    // Closing drops DTR and RTS (HUPCL); with both released nothing happens on any circuit.
    if (!sameLines(this.reset.hostLines, LINES_RELEASED)) this.reset.setHostLines(LINES_RELEASED);
    this.port = undefined;
    this.options.onPortReleased?.();
  }

  private sendToHost(bytes: Uint8Array, senderBaud: number): void {
    if (this.quietUntilMs > 0 && this.clock.now() < this.quietUntilMs) return;
    if (this.power.isPowered) this.uart.sendToHost(bytes, senderBaud);
  }

  private chipRequestedReboot(reason: RebootReason): void {
    if (this.power.isPowered && this.runner.state === 'download') this.runner.softwareReset(reason);
  }

  private flashChanged(offset: number, length: number): void {
    this.options.onFlashChanged?.();
    for (const action of this.flashFaults.record(this.flash, offset, length)) {
      this.deferred(() => (action === 'brownout' ? this.runner.brownout(this.uart.chipBaudRate) : this.unplug()));
    }
  }

  /** Runs after the chip core's current call returns (never re-enter it from its own event). */
  private deferred(task: () => void): void {
    this.clock.schedule(0, () => {
      if (!this.power.isDisposed) task();
    });
  }
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

