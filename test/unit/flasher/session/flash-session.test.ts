import { beforeAll, describe, expect, it } from 'vitest';
import { readWord } from '../../../../src-main/flasher/protocol/packets';
import { FlashSession, withFlashSession } from '../../../../src-main/flasher/session/flash-session';
import type { SessionOptions } from '../../../../src-main/flasher/session/session-options';
import { loadStubImage } from '../../../../src-main/flasher/stub/stub-image';
import type { EspError } from '../../../../src-shared/errors';
import type { SessionEvent } from '../../../../src-shared/flash-job';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { noiseBytes } from '../operations/link-kit';
import { scriptedBoard, type BoardOptions } from './scripted-board';

/** A whole session against a scripted chip (fact sheet §2.17). */

const MB = 1024 * 1024;

beforeAll(async () => {
  // Load the stubs before fake timers are installed (file reads are real I/O).
  for (const name of ['esp32.json', 'esp32s3.json', 'esp8266.json']) await loadStubImage(name);
});

function start(board: BoardOptions, options: Partial<SessionOptions> = {}) {
  const kit = scriptedBoard(board);
  const events: SessionEvent[] = [];
  const sessionOptions: SessionOptions = {
    port: '/dev/ttyUSB0',
    openTransport: kit.openTransport,
    clock: kit.clock,
    platform: 'linux',
    connectAttempts: 2,
    onEvent: (event) => events.push(event),
    ...options,
  };
  const phases = () => events.flatMap((event) => (event.kind === 'phase' ? [event.phase] : []));
  const notes = () => events.flatMap((event) => (event.kind === 'note' ? [event.message] : []));
  return { ...kit, events, phases, notes, sessionOptions };
}

const words = (data: Uint8Array) => Array.from({ length: data.length / 4 }, (_, index) => readWord(data, index * 4));

describe('FlashSession.open', () => {
  it('ESP32: connect, detect, stub, 460800 baud, attach, flash id, set params', async () => {
    const kit = start({ chip: 'esp32' });
    const session = await runWithFakeTimers(() => FlashSession.open(kit.sessionOptions));
    expect(kit.phases()).toEqual(['opening', 'connecting', 'detecting', 'uploading-stub', 'changing-baud', 'attaching-flash']);
    expect(session.chipInfo).toMatchObject({
      chip: 'esp32',
      mac: kit.mac,
      flashId: 0x1640ef,
      flashManufacturer: 'Winbond',
      flashSizeBytes: 4 * MB,
      stubRunning: true,
      secureDownloadMode: false,
    });
    expect(session.link.stub).toBe(true);
    expect(kit.transport.baudRate).toBe(460800);
    expect(words(kit.transport.commandsWith(0x0f)[0]!.data)).toEqual([460800, 115200]);
    const ops = kit.transport.opcodes;
    expect(ops.indexOf(0x06)).toBeLessThan(ops.indexOf(0x0f));
    expect(ops.indexOf(0x0d)).toBeLessThan(ops.lastIndexOf(0x09));
    expect(ops.at(-1)).toBe(0x0b);
    expect(words(kit.transport.commandsWith(0x0b)[0]!.data)[1]).toBe(4 * MB);
    expect(kit.events.find((event) => event.kind === 'chip')).toBeDefined();
    await session.close();
  });

  it('a board that never answers: the error carries the port, and the port ends closed with lines released', async () => {
    const kit = start({ chip: 'esp32', silent: true });
    const error = (await rejectionWithFakeTimers(() => FlashSession.open(kit.sessionOptions))) as EspError;
    expect(error.code).toBe('connect.no-data');
    expect(error.evidence.port).toBe('/dev/ttyUSB0');
    expect(kit.transport.isOpen).toBe(false);
    expect(kit.transport.lines).toEqual({ dtr: false, rts: false });
  });

  it('the wrong chip selected: connect.wrong-chip, port closed', async () => {
    const kit = start({ chip: 'esp32' }, { chip: 'esp32s3' });
    const error = (await rejectionWithFakeTimers(() => FlashSession.open(kit.sessionOptions))) as EspError;
    expect(error.code).toBe('connect.wrong-chip');
    expect(kit.transport.isOpen).toBe(false);
  });

  it('--no-stub on ESP32: no upload; the ROM stays at 115200 and says so', async () => {
    const kit = start({ chip: 'esp32' }, { noStub: true });
    const session = await runWithFakeTimers(() => FlashSession.open(kit.sessionOptions));
    expect(kit.transport.opcodes).not.toContain(0x05);
    expect(kit.transport.baudRate).toBe(115200);
    expect(kit.notes().some((note) => note.includes('stays at 115200'))).toBe(true);
    expect(session.link.stub).toBe(false);
    expect(kit.transport.commandsWith(0x0d)[0]!.data.length).toBe(8);
    await session.close();
  });

  it('--no-stub on ESP32-S3: the ROM changes the baud rate itself (old rate sent as 0)', async () => {
    const kit = start({ chip: 'esp32s3' }, { noStub: true });
    const session = await runWithFakeTimers(() => FlashSession.open(kit.sessionOptions));
    expect(words(kit.transport.commandsWith(0x0f)[0]!.data)).toEqual([460800, 0]);
    expect(kit.transport.baudRate).toBe(460800);
    await session.close();
  });

  it('ESP8266 selected: the banner is captured at 74880 during the reset', async () => {
    const kit = start({ chip: 'esp8266' }, { chip: 'esp8266' });
    const session = await runWithFakeTimers(() => FlashSession.open(kit.sessionOptions));
    expect(kit.transport.baudChanges.slice(0, 2)).toEqual([74880, 115200]);
    expect(session.chipInfo.chip).toBe('esp8266');
    await session.close();
  });

  it('a stub already running (SYNC value 0): no upload, a note', async () => {
    const kit = start({ chip: 'esp32s3', stubRunning: true });
    const session = await runWithFakeTimers(() => FlashSession.open(kit.sessionOptions));
    expect(kit.transport.opcodes).not.toContain(0x05);
    expect(kit.notes()).toContain('The flasher stub is already running.');
    expect(session.link.stub).toBe(true);
    await session.close();
  });

  it('a flash id that does not tell the size: 4 MB assumed, with a note; --flash-size overrides', async () => {
    const kit = start({ chip: 'esp32', jedecId: 0xffffff });
    const session = await runWithFakeTimers(() => FlashSession.open(kit.sessionOptions));
    expect(session.flashSizeBytes).toBe(4 * MB);
    expect(kit.notes().some((note) => note.includes('4 MB'))).toBe(true);
    await session.close();
    const given = start({ chip: 'esp32' }, { flashSizeBytes: 16 * MB });
    const second = await runWithFakeTimers(() => FlashSession.open(given.sessionOptions));
    expect(second.flashSizeBytes).toBe(16 * MB);
    await second.close();
  });

  it('ESP32-S3 in Secure Download Mode (READ_REG refused): opens in ROM mode without reading registers', async () => {
    const kit = start({ chip: 'esp32s3', secureDownload: true });
    const session = await runWithFakeTimers(() => FlashSession.open(kit.sessionOptions));
    expect(session.chipInfo.secureDownloadMode).toBe(true);
    expect(session.link.stub).toBe(false);
    expect(kit.transport.opcodes).not.toContain(0x05);
    await session.close();
  });
});

describe('withFlashSession', () => {
  it('writes (compressed through the stub), verifies, hard-resets, closes', async () => {
    const kit = start({ chip: 'esp32' });
    const data = noiseBytes(20_000);
    const results = await runWithFakeTimers(() =>
      withFlashSession(kit.sessionOptions, 'hard-reset', (session) => session.writeFlash([{ name: 'app.bin', offset: 0x10000, data }])),
    );
    expect(results[0]).toMatchObject({ fileName: 'app.bin', offset: 0x10000, sizeBytes: 20_000, verified: true });
    expect(Buffer.from(kit.flash.read(0x10000, data.length)).equals(Buffer.from(data))).toBe(true);
    expect(kit.transport.opcodes).toContain(0x10);
    expect(kit.transport.lineChanges.slice(-2)).toEqual([
      { dtr: false, rts: true },
      { dtr: false, rts: false },
    ]);
    expect(kit.transport.isOpen).toBe(false);
    expect(kit.phases().slice(-4)).toEqual(['writing', 'verifying', 'resetting', 'done']);
    const progress = kit.events.flatMap((event) => (event.kind === 'progress' ? [event.progress.doneBytes] : []));
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(20_000);
    expect(kit.events.some((event) => event.kind === 'file-done')).toBe(true);
  });

  it('ESP8266 with --no-stub: plain 0x400-byte writes; the ROM has no MD5, so verification is skipped as esptool does', async () => {
    const kit = start({ chip: 'esp8266' }, { chip: 'esp8266', noStub: true });
    const data = noiseBytes(0x900);
    const results = await runWithFakeTimers(() =>
      withFlashSession(kit.sessionOptions, 'no-reset', (session) => session.writeFlash([{ name: 'app.bin', offset: 0x0, data }])),
    );
    expect(kit.transport.opcodes).not.toContain(0x10);
    expect(Buffer.from(kit.flash.read(0, data.length)).equals(Buffer.from(data))).toBe(true);
    expect(results[0]?.verified).toBe(false);
  });

  it('work that fails: the error propagates, no reset, port closed', async () => {
    const kit = start({ chip: 'esp32' });
    const error = await rejectionWithFakeTimers(() =>
      withFlashSession(kit.sessionOptions, 'hard-reset', async () => {
        throw new Error('boom');
      }),
    );
    expect((error as Error).message).toBe('boom');
    expect(kit.transport.isOpen).toBe(false);
    expect(kit.phases()).not.toContain('resetting');
  });

  it('cancelling mid-write: operation.cancelled, port closed', async () => {
    const controller = new AbortController();
    const kit = start({ chip: 'esp32' }, { signal: controller.signal });
    const options: SessionOptions = {
      ...kit.sessionOptions,
      onEvent: (event) => {
        kit.events.push(event);
        if (event.kind === 'progress' && event.progress.doneBytes > 0) controller.abort();
      },
    };
    const error = (await rejectionWithFakeTimers(() =>
      withFlashSession(options, 'hard-reset', (session) => session.writeFlash([{ name: 'big.bin', offset: 0, data: noiseBytes(100_000) }])),
    )) as EspError;
    expect(error.code).toBe('operation.cancelled');
    expect(kit.transport.isOpen).toBe(false);
  });

  it('verifyFlash reports matches and mismatches without throwing', async () => {
    const kit = start({ chip: 'esp32' });
    const results = await runWithFakeTimers(() =>
      withFlashSession(kit.sessionOptions, 'no-reset', (session) =>
        session.verifyFlash([
          { name: 'blank', offset: 0, data: new Uint8Array(64).fill(0xff) },
          { name: 'app', offset: 0x1000, data: new Uint8Array(64).fill(0x00) },
        ]),
      ),
    );
    expect(results.map((result) => result.matches)).toEqual([true, false]);
    expect(kit.phases().at(-1)).toBe('done');
  });
});
