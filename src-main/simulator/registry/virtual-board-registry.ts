import { EspError } from '../../../src-shared/errors';
import { formatFlashSize } from '../../../src-shared/flash';
import { realChipFactory } from '../board/create-board';
import { DEFAULT_APP_SETTINGS, type AppSettings } from '../board/app-settings';
import type { ChipFactory } from '../board/chip-factory';
import { DEFAULT_FAULT_SETTINGS, type FaultSettings } from '../board/faults';
import { VirtualBoard } from '../board/virtual-board';
import type { WireMode } from '../board/wire-mode';
import { FlashMemory } from '../chip/flash-memory';
import { LOOPBACK_BOARD_NAME, LoopbackAdapter, loopbackDescriptor, loopbackPortInfo } from '../loopback/loopback-adapter';
import type { VirtualBoardRegistry, VirtualPortDescriptor, VirtualPortEndpoint } from '../virtual-port';
import { boardDescriptor, boardMac, boardPortInfo } from './board-identity';
import { BOARD_CATALOG, BOARD_NAMES, catalogEntry, type CatalogEntry } from './catalog';
import { FlashPersistence } from './flash-persistence';
import { portAccessRefusal } from './port-access-faults';
import { createFileFlashStore, defaultSimDirectory } from './flash-store';
import { isSimPath, parseSimPath, SIM_PATH_PREFIX, type SimPathOptions } from './sim-path';

/** Boards are treated as plugged in a while ago: their power-on boot output is not delivered. */
const POWER_ON_QUIET_MS = 300;

export interface VirtualBoardRegistryOptions {
  /** Directory for flash images; absent keeps flash in memory only. */
  readonly storageDir?: string;
  /** Chip core factory; the real ROM/stub core by default (tests pass a fake). */
  readonly createChip?: ChipFactory;
  /** App and empty-flash loop period, default 1000 ms. */
  readonly appTickMs?: number;
  /** Unplug fault: the board comes back after this long, default 3000 ms (negative: never). */
  readonly replugAfterMs?: number;
  readonly saveDebounceMs?: number;
  /** Wire timing when a path does not say (wire=...): 'fast' unless set. */
  readonly defaultWireMode?: WireMode;
}

/** The registry plus what the CLI, the GUI and tests need to drive boards by hand. */
export interface VirtualBoards extends VirtualBoardRegistry {
  /** The board behind a name or path ("esp32", "sim:esp32?..."), created and powered on first use. */
  board(nameOrPath: string): VirtualBoard;
  /** Saves changed flash images now. */
  flush(): void;
  /** Stops every board and saves their flash. */
  dispose(): void;
}

/**
 * Winbond W25Q-series RDID for a size: manufacturer 0xEF, memory type 0x40, capacity byte
 * 2^n bytes up to 32 MB (0x19), then 0x20 (64 MB) and 0x21 (128 MB) (fact sheet §8.1).
 */
function jedecIdFor(sizeBytes: number): number {
  const log2 = Math.round(Math.log2(sizeBytes));
  const capacity = log2 <= 25 ? log2 : log2 + 6;
  return (0xef | (0x40 << 8) | (capacity << 16)) >>> 0;
}

function faultSettingsFrom(options: SimPathOptions): FaultSettings {
  return {
    ...DEFAULT_FAULT_SETTINGS,
    faults: options.faults ?? [],
    ...(options.baudLimit === undefined ? {} : { bitErrorBaudLimit: options.baudLimit }),
    ...(options.brownoutAfterKiB === undefined ? {} : { brownoutAfterKiB: options.brownoutAfterKiB }),
    ...(options.unplugAfterKiB === undefined ? {} : { unplugAfterKiB: options.unplugAfterKiB }),
  };
}

function appSettingsFrom(options: SimPathOptions): AppSettings {
  return { mode: options.appMode ?? DEFAULT_APP_SETTINGS.mode, baudRate: options.appBaudRate ?? DEFAULT_APP_SETTINGS.baudRate };
}

class Registry implements VirtualBoards {
  private readonly boards = new Map<string, VirtualBoard>();
  private readonly persistence: FlashPersistence | undefined;
  /** sim:loopback, a chipless adapter with TX joined to RX: at most one open port. */
  private loopback: LoopbackAdapter | undefined;

  constructor(private readonly options: VirtualBoardRegistryOptions) {
    this.persistence =
      options.storageDir === undefined
        ? undefined
        : new FlashPersistence(createFileFlashStore(options.storageDir), options.saveDebounceMs);
  }

  list(): readonly VirtualPortDescriptor[] {
    return [...BOARD_CATALOG.filter((entry) => this.boards.get(entry.name)?.isPlugged ?? true).map(boardDescriptor), loopbackDescriptor()];
  }

  isVirtualPath(path: string): boolean {
    return isSimPath(path);
  }

  open(path: string, baudRate: number): VirtualPortEndpoint {
    const { boardName, options } = parseSimPath(path, [...BOARD_NAMES, LOOPBACK_BOARD_NAME]);
    if (boardName === LOOPBACK_BOARD_NAME) return this.openLoopback(path, options, baudRate);
    const entry = catalogEntry(boardName)!;
    const board = this.boardFor(entry, options);
    if (!board.isPlugged) {
      throw new EspError('port.not-found', {
        message: `${SIM_PATH_PREFIX}${boardName} is unplugged.`,
        hint: 'The virtual board was unplugged (unplug fault); it comes back after a few seconds.',
        evidence: { path },
      });
    }
    const refusal = portAccessRefusal(options.faults ?? [], path.trim());
    if (refusal !== undefined) throw refusal;
    if (board.isPortOpen) {
      throw new EspError('port.busy', { message: `${SIM_PATH_PREFIX}${boardName} is already open.`, evidence: { path } });
    }
    board.setFaults(faultSettingsFrom(options));
    board.setAppSettings(appSettingsFrom(options));
    board.setWireMode(options.wire ?? this.options.defaultWireMode ?? 'fast');
    if (options.bootDownload === true) board.waitInDownloadMode();
    else board.setBootButton(false);
    return board.openPort(boardPortInfo(entry, path.trim()), baudRate);
  }

  board(nameOrPath: string): VirtualBoard {
    const path = isSimPath(nameOrPath) ? nameOrPath : `${SIM_PATH_PREFIX}${nameOrPath}`;
    const { boardName, options } = parseSimPath(path, BOARD_NAMES);
    return this.boardFor(catalogEntry(boardName)!, options);
  }

  flush(): void {
    this.persistence?.flushAll();
  }

  dispose(): void {
    for (const board of this.boards.values()) board.dispose();
    this.flush();
    this.boards.clear();
  }

  private openLoopback(path: string, options: SimPathOptions, baudRate: number): LoopbackAdapter {
    if (this.loopback !== undefined) {
      throw new EspError('port.busy', { message: `${SIM_PATH_PREFIX}${LOOPBACK_BOARD_NAME} is already open.`, evidence: { path } });
    }
    const adapter = new LoopbackAdapter(
      loopbackPortInfo(path.trim()),
      baudRate,
      {
        faults: faultSettingsFrom(options),
        baudLimitGiven: options.baudLimit !== undefined,
        wireMode: options.wire ?? this.options.defaultWireMode ?? 'fast',
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      },
      () => {
        if (this.loopback === adapter) this.loopback = undefined;
      },
    );
    this.loopback = adapter;
    return adapter;
  }

  private boardFor(entry: CatalogEntry, options: SimPathOptions): VirtualBoard {
    const existing = this.boards.get(entry.name);
    if (existing !== undefined) {
      const sizeBytes = options.flashSizeBytes;
      if (sizeBytes !== undefined && sizeBytes !== existing.flash.sizeBytes) {
        throw new EspError('input.invalid', {
          message: `${SIM_PATH_PREFIX}${entry.name} already has ${formatFlashSize(existing.flash.sizeBytes)} of flash; it cannot change to ${formatFlashSize(sizeBytes)}.`,
          hint: 'Leave out flash= or give the size the board was first created with.',
          evidence: { board: entry.name, sizeBytes: existing.flash.sizeBytes, requestedBytes: sizeBytes },
        });
      }
      return existing;
    }
    const board = this.createBoard(entry, options);
    this.boards.set(entry.name, board);
    return board;
  }

  private createBoard(entry: CatalogEntry, options: SimPathOptions): VirtualBoard {
    const sizeBytes = options.flashSizeBytes ?? entry.defaultFlashSizeBytes;
    const flash = new FlashMemory(sizeBytes, jedecIdFor(sizeBytes), this.persistence?.load(entry.name));
    const persistence = this.persistence;
    return new VirtualBoard({
      spec: entry,
      flash,
      mac: boardMac(entry),
      createChip: this.options.createChip ?? realChipFactory,
      faults: faultSettingsFrom(options),
      app: appSettingsFrom(options),
      quietPowerOnMs: POWER_ON_QUIET_MS,
      wireMode: options.wire ?? 'fast',
      bootButtonHeld: options.bootDownload === true,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(this.options.appTickMs === undefined ? {} : { appTickMs: this.options.appTickMs }),
      ...(this.options.replugAfterMs === undefined ? {} : { replugAfterMs: this.options.replugAfterMs }),
      onFlashChanged: persistence === undefined ? undefined : () => persistence.markDirty(entry.name, () => flash.snapshot()),
      onPortReleased: persistence === undefined ? undefined : () => persistence.flush(entry.name),
    });
  }
}

export function createVirtualBoardRegistry(options: VirtualBoardRegistryOptions = {}): VirtualBoards {
  return new Registry(options);
}

let processRegistry: VirtualBoards | undefined;

/**
 * The process-wide boards (CLI, desktop app): flash persists in $ESP_COMPANION_SIM_DIR or
 * ~/.config/esp-companion/virtual-boards, so separate CLI runs see the same flash.
 */
/** Environment variable choosing the default wire timing of the process-wide boards. */
export const SIM_WIRE_ENV = 'ESP_COMPANION_SIM_WIRE';

/**
 * The process-wide boards the CLI and the app use. They behave like hardware by default
 * (baud-accurate bytes, real flash times); ESP_COMPANION_SIM_WIRE=fast makes them instant.
 */
export function defaultVirtualBoards(): VirtualBoards {
  const storageDir = defaultSimDirectory();
  const defaultWireMode: WireMode = process.env[SIM_WIRE_ENV] === 'fast' ? 'fast' : 'real';
  processRegistry ??= createVirtualBoardRegistry({ ...(storageDir === undefined ? {} : { storageDir }), defaultWireMode });
  return processRegistry;
}
