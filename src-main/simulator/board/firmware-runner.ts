import { CHIPS, DEFAULT_APP_OFFSET, type ChipId } from '../../../src-shared/chips';
import type { ChipCore, RebootReason } from '../chip/chip-core';
import type { FlashMemory } from '../chip/flash-memory';
import type { SimScheduler } from '../sim-scheduler';
import { runAppFirmware } from './app-firmware';
import { appConsoleStyle } from './app-output';
import type { AppSettings } from './app-settings';
import { ROM_STARTUP_MS } from './board-spec';
import { crashOutput } from './crash-output';
import { findProjectName, probeBootImage } from './flash-image-probe';
import { bootloaderLines, isQuadMode, quadModeFailureLines, romLoadLines } from './flash-boot-output';
import { brownoutNotice, emptyFlashMessage, romBanner } from './rom-banners';
import type { ResetCause } from './rom-identity';
import { TaskTimers } from './task-timers';

/**
 * What the chip does after each reset (fact sheet §6): the ROM prints its banner, then either
 * waits for the host in download mode or boots from flash. From flash it loads a valid image
 * and runs the app, or prints the chip's empty-flash messages in a slow loop, or (dio-only-flash
 * fault with a QIO/QOUT header) boot-loops. With the app-crash fault the app crashes a few
 * ticks after it starts, prints the family's crash report and restarts (a software reset): a
 * boot loop.
 */
export type FirmwareState = 'off' | 'reset' | 'rom' | 'download' | 'app' | 'boot-loop' | 'no-image';

export interface FirmwareRunnerOptions {
  readonly chipId: ChipId;
  readonly chip: ChipCore;
  readonly flash: FlashMemory;
  /** Real-time clock for the ROM start-up delay, app ticks and reset loops. */
  readonly clock: SimScheduler;
  /** Chip UART TX of text at the given baud rate. */
  readonly print: (text: string, baudRate: number) => void;
  readonly tickMs: () => number;
  readonly dioOnlyFlash: () => boolean;
  /** app-crash fault: the app crashes a few ticks in. */
  readonly appCrash: () => boolean;
  /** Which app runs and the console rate of the app and the ESP-IDF bootloader. */
  readonly appSettings: () => AppSettings;
  /** Boot strap level right now, for internal resets that sample it again. */
  readonly strapLowNow: () => boolean;
  /** The ROM loader is ready (after chip.enterDownloadMode). */
  readonly onDownloadMode: () => void;
}

/** From the ROM's last load line to the ESP8266 sketch's first output. */
const ESP8266_SDK_START_MS = 60;

/** Download-mode UART rate the ROM loader starts at before autobauding. */
const ROM_LOADER_BAUD_RATE = 115200;

/** app-crash: the crash comes after this many ticks, so a few lines print first. */
const CRASH_AFTER_TICKS = 3.5;

export class FirmwareRunner {
  private current: FirmwareState = 'off';
  private readonly timers: TaskTimers;
  /** Strap sampled at the last external reset (ESP8266 keeps it on software resets). */
  private latchedDownload = false;
  /** The boot in progress ('rom' state) goes to download mode. */
  private bootingToDownload = false;

  constructor(private readonly options: FirmwareRunnerOptions) {
    this.timers = new TaskTimers(options.clock);
  }

  get state(): FirmwareState {
    return this.current;
  }

  /** In download mode, or the ROM is starting and will end up there. */
  get inOrEnteringDownload(): boolean {
    return this.current === 'download' || (this.current === 'rom' && this.bootingToDownload);
  }

  /** EN went low (or power is gone): everything stops. */
  halt(state: 'reset' | 'off' = 'reset'): void {
    this.timers.cancelAll();
    this.options.chip.halt();
    this.current = state;
  }

  /** EN rose (or an internal reset happened) at `atMs`. */
  boot(cause: ResetCause, download: boolean, atMs = this.options.clock.now()): void {
    this.halt();
    this.current = 'rom';
    this.bootingToDownload = download;
    if (cause !== 'software') this.latchedDownload = download;
    const delayMs = atMs + ROM_STARTUP_MS - this.options.clock.now();
    this.timers.after(delayMs, () => this.romStart(cause, download));
  }

  /** The chip (stub or ROM) asked to leave download mode. */
  softwareReset(reason: RebootReason): void {
    if (reason === 'run-user-code') {
      // The legacy ESP8266 stub jumps straight into the app in flash: no reset, no banner.
      this.halt();
      this.runFlashApp();
      return;
    }
    if (reason === 'watchdog') {
      this.boot('watchdog', this.options.strapLowNow());
      return;
    }
    this.boot('software', this.softwareResetDownload());
  }

  /**
   * The app settings changed (a port opened with other app= or appBaud= options): a running
   * app starts over as the new firmware, without a reset, as if it had been flashed and
   * started before anyone listened. Anything else picks the settings up at its next boot.
   */
  appSettingsChanged(): void {
    if (this.current !== 'app') return;
    this.timers.cancelAll();
    this.runFlashApp();
  }

  /**
   * [INFERRED] for the ESP32 family the strap is sampled again; ESP8266 keeps the latched
   * value, so its first software reset after flashing lands in the loader again (§5.6).
   */
  private softwareResetDownload(): boolean {
    return this.options.chipId === 'esp8266' ? this.latchedDownload : this.options.strapLowNow();
  }

  private get appBaudRate(): number {
    return this.options.appSettings().baudRate;
  }

  /** Supply dipped: the running code's detector prints (at `baudRate`) and the chip resets. */
  brownout(baudRate: number): void {
    const notice = brownoutNotice(this.options.chipId);
    if (notice.length > 0 && this.current !== 'off' && this.current !== 'reset') this.options.print(notice, baudRate);
    this.boot('brownout', this.options.strapLowNow());
  }

  private get romBaudRate(): number {
    return CHIPS[this.options.chipId].romBannerBaudRate;
  }

  private romStart(cause: ResetCause, download: boolean): void {
    const { chipId } = this.options;
    this.options.print(romBanner(chipId, cause, download), this.romBaudRate);
    if (download) {
      this.current = 'download';
      this.options.chip.enterDownloadMode(ROM_LOADER_BAUD_RATE);
      this.options.onDownloadMode();
      return;
    }
    this.flashBoot();
  }

  private flashBoot(): void {
    const { chipId, flash } = this.options;
    const probe = probeBootImage(flash, chipId);
    if (!probe.valid) {
      this.current = 'no-image';
      this.noImageLoop(probe.firstWord);
      return;
    }
    this.options.print(romLoadLines(chipId, probe), this.romBaudRate);
    if (this.options.dioOnlyFlash() && isQuadMode(probe.flashModeCode)) {
      this.current = 'boot-loop';
      const failure = quadModeFailureLines(chipId, probe);
      if (failure.length > 0) this.options.print(failure, this.appBaudRate);
      const cause: ResetCause = chipId === 'esp8266' ? 'watchdog' : 'software';
      this.timers.after(this.options.tickMs(), () => this.boot(cause, this.options.strapLowNow()));
      return;
    }
    const bootloader = bootloaderLines(chipId, probe, DEFAULT_APP_OFFSET);
    if (bootloader.length > 0) this.options.print(bootloader, this.appBaudRate);
    if (chipId !== 'esp8266') {
      this.runFlashApp();
      return;
    }
    // The ESP8266 SDK initialises for a while before setup() prints anything, so the 74880-baud
    // ROM text and the sketch's first line are apart on the wire. [INFERRED] a few tens of ms.
    this.current = 'app';
    this.timers.after(ESP8266_SDK_START_MS, () => this.runFlashApp());
  }

  private runFlashApp(): void {
    const { chipId, flash } = this.options;
    this.current = 'app';
    const projectName = chipId === 'esp8266' ? 'app' : (findProjectName(flash) ?? 'app');
    runAppFirmware({
      timers: this.timers,
      now: () => this.options.clock.now(),
      tickMs: this.options.tickMs,
      println: (text) => this.options.print(text, this.appBaudRate),
      chipName: CHIPS[chipId].name,
      projectName,
      style: appConsoleStyle(chipId),
      mode: this.options.appSettings().mode,
      baudRate: () => this.appBaudRate,
    });
    if (this.options.appCrash()) this.timers.after(this.options.tickMs() * CRASH_AFTER_TICKS, () => this.crash());
  }

  /** The app dies: its crash report, then the software reset the panic handler asks for. */
  private crash(): void {
    this.timers.cancelAll();
    this.options.print(crashOutput(this.options.chipId), this.appBaudRate);
    this.boot('software', this.softwareResetDownload());
  }

  /**
   * ESP32: "flash read err" then an RTC watchdog reset, over and over. S2 and later: "invalid
   * header" over and over. ESP8266: silence after the banner.
   */
  private noImageLoop(firstWord: number): void {
    const { chipId } = this.options;
    const message = emptyFlashMessage(chipId, CHIPS[chipId].bootloaderOffset, firstWord);
    if (message.length === 0) return;
    this.options.print(message, this.romBaudRate);
    this.timers.after(this.options.tickMs(), () => {
      if (chipId === 'esp32') this.boot('watchdog', this.options.strapLowNow());
      else this.noImageLoop(firstWord);
    });
  }
}
