import { afterAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src-shared/flash-job';
import { withFlashSession } from '../../../src-main/flasher/session/flash-session';
import type { CommandTraceEvent } from '../../../src-main/flasher/protocol/command-client';
import { createTransportOpener } from '../../../src-main/serial/open-transport';
import { createVirtualBoardRegistry } from '../../../src-main/simulator';
import { createCliHarness } from '../../helpers/cli-harness';
import { partArguments, syntheticParts } from '../../helpers/synthetic-parts';

/**
 * Diff re-flash against virtual boards: what is already on the chip is not written again, what
 * changed is written sector by sector, and every file is verified as a whole afterwards.
 */
const FLASH_BEGIN = 0x02;
const FLASH_DEFL_BEGIN = 0x10;

interface Begin {
  readonly op: number;
  readonly sizeBytes: number;
  readonly offset: number;
}

function word(data: Uint8Array, index: number): number {
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(index * 4, true);
}

const boards = createVirtualBoardRegistry();
afterAll(() => boards.dispose());

async function flash(port: string, files: readonly { name: string; offset: number; data: Uint8Array }[], diff: boolean, extra: { noStub?: boolean } = {}) {
  const begins: Begin[] = [];
  const events: SessionEvent[] = [];
  const onTrace = (event: CommandTraceEvent): void => {
    if (event.kind === 'command' && (event.op === FLASH_BEGIN || event.op === FLASH_DEFL_BEGIN) && word(event.data, 0) > 0) {
      begins.push({ op: event.op, sizeBytes: word(event.data, 0), offset: word(event.data, 3) });
    }
  };
  const results = await withFlashSession(
    { port, openTransport: createTransportOpener({ virtualBoards: boards }), onTrace, onEvent: (event) => events.push(event), ...extra },
    'no-reset',
    (session) => (diff ? session.writeFlashDiff(files) : session.writeFlash(files)),
  );
  return { results, begins, events };
}

describe('diff re-flash on a virtual ESP32 (stub)', () => {
  const parts = syntheticParts('esp32', { appSizeBytes: 256 * 1024, seed: 11 });
  const board = boards.board('esp32');
  const app = parts.find((part) => part.offset === 0x10000)!;

  it('a full write first, then an unchanged re-flash writes nothing and verifies every file', async () => {
    const full = await flash('sim:esp32', parts, false);
    expect(full.begins.length).toBe(parts.length);

    const again = await flash('sim:esp32', parts, true);
    expect(again.begins).toEqual([]);
    expect(again.results.map((result) => result.skippedBytes)).toEqual(parts.map((part) => part.data.length));
    expect(again.results.every((result) => result.verified && result.wireBytes === 0)).toBe(true);
    const progress = again.events.flatMap((event) => (event.kind === 'progress' ? [event.progress] : []));
    expect(progress.at(-1)?.overallDoneBytes).toBe(parts.reduce((sum, part) => sum + part.data.length, 0));
  });

  it('300 bytes changed in the middle of the app: only the 4 KiB sector holding them is written', async () => {
    const changed = app.data.slice();
    const middle = 0x20100; // inside the app's sector 0x20000..0x20fff
    for (let index = middle; index < middle + 300; index++) changed[index] = changed[index]! ^ 0xa5;
    const files = parts.map((part) => (part === app ? { ...part, data: changed } : part));
    const run = await flash('sim:esp32', files, true);
    expect(run.begins).toEqual([{ op: FLASH_DEFL_BEGIN, sizeBytes: 0x1000, offset: app.offset + 0x20000 }]);
    const appResult = run.results.find((result) => result.offset === app.offset)!;
    expect(appResult.skippedBytes).toBe(app.data.length - 0x1000);
    expect(appResult.verified).toBe(true);
    expect(Buffer.from(board.flash.read(app.offset, changed.length)).equals(Buffer.from(changed))).toBe(true);
  });

  it('a sector damaged on the chip itself is found and rewritten', async () => {
    const damagedAt = 0x8000 + 0x10; // inside the partition table sector
    const table = parts.find((part) => part.offset === 0x8000)!;
    board.flash.eraseRange(0x8000, 0x1000);
    const run = await flash('sim:esp32', [table], true);
    expect(run.begins).toEqual([{ op: FLASH_DEFL_BEGIN, sizeBytes: table.data.length, offset: 0x8000 }]);
    expect(board.flash.read(damagedAt, 16)).toEqual(table.data.subarray(0x10, 0x20));
  });
});

describe('diff re-flash on the ESP32 ROM loader (no stub)', () => {
  it('the ROM computes the MD5s too: a changed sector is written with plain FLASH_BEGIN/DATA', async () => {
    const parts = syntheticParts('esp32s2', { appSizeBytes: 64 * 1024, seed: 12 });
    const app = parts.find((part) => part.offset === 0x10000)!;
    await flash('sim:esp32s2', [app], false, { noStub: true });
    const changed = app.data.slice();
    changed[0x3456] = changed[0x3456]! ^ 0xff;
    const run = await flash('sim:esp32s2', [{ ...app, data: changed }], true, { noStub: true });
    expect(run.begins).toEqual([{ op: FLASH_BEGIN, sizeBytes: 0x1000, offset: 0x13000 }]);
    expect(run.results[0]).toMatchObject({ verified: true, skippedBytes: app.data.length - 0x1000 });
    expect(boards.board('esp32s2').flash.read(0x13456, 1)[0]).toBe(changed[0x3456]);
  });
});

describe('diff re-flash without an MD5 command', () => {
  it('the ESP8266 ROM loader writes everything, with a note saying why', async () => {
    const parts = syntheticParts('esp8266', { appSizeBytes: 16 * 1024 });
    const run = await flash('sim:esp8266', parts, true, { noStub: true });
    expect(run.events.some((event) => event.kind === 'note' && /Writing every byte.*ESP8266 ROM loader cannot compute an MD5/.test(event.message))).toBe(true);
    expect(run.begins.map((begin) => begin.offset)).toEqual(parts.map((part) => part.offset));
    expect(run.results.every((result) => result.skippedBytes === undefined)).toBe(true);
  });
});

describe('write-flash --diff in the CLI', () => {
  const harness = createCliHarness();
  afterAll(() => harness.dispose());

  it('prints how much was already on the chip', async () => {
    const parts = syntheticParts('esp32c3', { appSizeBytes: 128 * 1024 });
    const args = partArguments(parts, harness.files, '/fw');
    const first = await harness.run(['--port', 'sim:esp32c3', '--after', 'no-reset', 'write-flash', '--diff', ...args]);
    expect(first.code).toBe(0);
    const total = parts.reduce((sum, part) => sum + part.data.length, 0);
    // Erased flash holds none of the firmware except whole 0xFF sectors, which the synthetic parts do not have.
    expect(first.err).toContain(`Skipped 0 of ${total} bytes already on the chip.`);
    const second = await harness.run(['--port', 'sim:esp32c3', '--after', 'no-reset', 'write-flash', '--diff', ...args]);
    expect(second.code).toBe(0);
    expect(second.err).toContain(`Skipped ${total} of ${total} bytes already on the chip.`);
    expect(second.err.match(/Hash of data verified\./g)).toHaveLength(parts.length);
  });
});
