/**
 * Virtual boards: simulated ESP chips with auto-reset circuits, USB bridges, wire timing and
 * injectable faults, reachable as sim:<board> ports and over raw TCP.
 */
export type { VirtualBoardRegistry, VirtualPortDescriptor, VirtualPortEndpoint } from './virtual-port';
export type { SimScheduler } from './sim-scheduler';
export {
  createVirtualBoardRegistry,
  defaultVirtualBoards,
  type VirtualBoardRegistryOptions,
  type VirtualBoards,
} from './registry/virtual-board-registry';
export { BOARD_CATALOG, BOARD_NAMES, catalogEntry, type CatalogEntry } from './registry/catalog';
export { isSimPath, parseSimPath, SIM_PATH_KEYS, SIM_PATH_PREFIX, type SimPath, type SimPathOptions } from './registry/sim-path';
export { defaultSimDirectory, SIM_DIR_ENV } from './registry/flash-store';
export { VirtualBoard, type VirtualBoardOptions } from './board/virtual-board';
export type { BoardSpec } from './board/board-spec';
export type { ChipContext, ChipFactory } from './board/chip-factory';
export type { FirmwareState } from './board/firmware-runner';
export {
  DEFAULT_FAULT_SETTINGS,
  FAULT_DESCRIPTIONS,
  FAULT_KINDS,
  parseFaultList,
  type FaultKind,
  type FaultSettings,
} from './board/faults';
export { WIRE_MODES, type WireMode } from './board/wire-mode';
export { isBaudFollowingEndpoint, type BaudFollowingEndpoint } from './board/board-port';
export { serveVirtualBoard, type VirtualBoardServer, type ServeVirtualBoardOptions } from './tcp/serve-virtual-board';
