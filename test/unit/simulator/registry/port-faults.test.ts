import { afterEach, describe, expect, it } from 'vitest';
import { usbJtagSerialReset, unixTightReset } from '../../../../src-shared/reset/strategies';
import { USB_REENUMERATE_ABSENT_MS } from '../../../../src-main/simulator/board/faults';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../../../src-main/simulator/registry/virtual-board-registry';
import { classifyOpenError, mapOpenError } from '../../../../src-main/serial/serial-errors';
import { fakeChips, runSequence, sleep } from '../board/board-test-kit';

/**
 * The faults about the port rather than the chip: opening refused as the OS refuses it
 * (no-permission, port-held), and a native USB board that leaves the bus on each chip reset.
 */
const registries: VirtualBoards[] = [];
afterEach(() => {
  for (const registry of registries.splice(0)) registry.dispose();
});

function registry(): VirtualBoards {
  const boards = createVirtualBoardRegistry({ createChip: fakeChips().factory, appTickMs: 30, replugAfterMs: -1 });
  registries.push(boards);
  return boards;
}

function openError(boards: VirtualBoards, path: string): unknown {
  try {
    boards.open(path, 115200).close();
  } catch (error) {
    return error;
  }
  return undefined;
}

const listed = (boards: VirtualBoards, path: string): boolean => boards.list().some((descriptor) => descriptor.info.path === path);

describe('opening refused', () => {
  it('no-permission fails like EACCES and maps to port.permission-denied with the OS words', () => {
    const boards = registry();
    const error = openError(boards, 'sim:esp32?faults=no-permission');
    expect(error).toBeInstanceOf(Error);
    expect(classifyOpenError(error)).toBe('port.permission-denied');
    const mapped = mapOpenError(error, 'sim:esp32?faults=no-permission', 'linux');
    expect(mapped.evidence).toEqual({ path: 'sim:esp32?faults=no-permission', osMessage: 'Error: Permission denied, cannot open sim:esp32?faults=no-permission' });
    expect(mapped.hint).toContain('dialout');
    // The board itself is fine: listed, not open, and opens without the fault.
    expect(listed(boards, 'sim:esp32')).toBe(true);
    expect(boards.board('esp32').isPortOpen).toBe(false);
    expect(openError(boards, 'sim:esp32')).toBeUndefined();
  });

  it('port-held fails like EBUSY and maps to port.busy', () => {
    const boards = registry();
    const error = openError(boards, 'sim:esp32?faults=port-held');
    expect(classifyOpenError(error)).toBe('port.busy');
    expect(mapOpenError(error, 'sim:esp32').evidence['osMessage']).toMatch(/Cannot lock port/);
  });
});

describe('usb-reenumerate', () => {
  it('a chip reset drops the open port; the board is listed again about a second later, still powered', async () => {
    const boards = registry();
    const endpoint = boards.open('sim:esp32c3?faults=usb-reenumerate', 115200);
    let unplugged = 0;
    endpoint.onUnplug(() => unplugged++);
    await runSequence(endpoint, usbJtagSerialReset());
    await sleep(20);
    expect(unplugged).toBe(1);
    expect(listed(boards, 'sim:esp32c3')).toBe(false);
    expect(boards.board('esp32c3').isPowered).toBe(true);
    expect(openError(boards, 'sim:esp32c3')).toMatchObject({ code: 'port.not-found' });
    await sleep(USB_REENUMERATE_ABSENT_MS + 100);
    expect(listed(boards, 'sim:esp32c3')).toBe(true);
    expect(openError(boards, 'sim:esp32c3')).toBeUndefined();
  });

  it('opening alone does not drop the port, and a board with a USB-serial adapter ignores the fault', async () => {
    const boards = registry();
    const native = boards.open('sim:esp32c3?faults=usb-reenumerate', 115200);
    let nativeUnplugged = 0;
    native.onUnplug(() => nativeUnplugged++);
    await sleep(50);
    expect(nativeUnplugged).toBe(0);
    native.close();

    const bridged = boards.open('sim:esp32?faults=usb-reenumerate', 115200);
    let bridgedUnplugged = 0;
    bridged.onUnplug(() => bridgedUnplugged++);
    await runSequence(bridged, unixTightReset(50));
    await sleep(20);
    expect(bridgedUnplugged).toBe(0);
    expect(listed(boards, 'sim:esp32')).toBe(true);
    bridged.close();
  });
});
