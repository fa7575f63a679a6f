import { describe, expect, it } from 'vitest';
import { connectLoop, type ConnectLoopOptions } from '../../../../src-main/flasher/connect/connect-loop';
import { buildStrategyList } from '../../../../src-main/flasher/connect/strategy-list';
import { FrameReader } from '../../../../src-main/flasher/connection/frame-reader';
import { CommandClient } from '../../../../src-main/flasher/protocol/command-client';
import type { EspError } from '../../../../src-shared/errors';
import { classicReset, noReset } from '../../../../src-shared/reset/strategies';
import type { ResetSequence } from '../../../../src-shared/reset/sequence';
import { ManualClock, rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { ScriptedTransport, type Emission, type ScriptedTransportOptions } from '../../../helpers/scripted-transport';
import { ascii, enReleased, syncReplies } from '../connection/wire-replies';

/** esptool's connect loop (fact sheet §3.4) against a scripted board on a manual clock. */

const SYNC = 0x08;
const LINUX = buildStrategyList({
  before: 'default-reset',
  port: { path: '/dev/ttyUSB0', kind: 'native', description: 't', lineControl: true },
  platform: 'linux',
});

const ESP32_FLASH_BANNER = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\nconfigsip: 0, SPIWP:0xee\r\n';
const ESP32_DOWNLOAD_BANNER =
  'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x6 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_FEO_V2))\r\nwaiting for download\r\n';
const ESP8266_DOWNLOAD_BANNER = '\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n';
const GARBAGE = Uint8Array.from([0x8f, 0xfe, 0x00, 0x12, 0xe0, 0x80, 0x92, 0xfc, 0x10, 0x9c, 0x8e, 0x7f]);

interface Board {
  /** Printed when EN is released, as heard at the port's current baud rate. */
  readonly banner?: (baudRate: number) => Emission;
  /** Answer to the n-th SYNC (0-based). */
  readonly sync?: (count: number) => Emission;
}

function setup(board: Board, transportOptions: ScriptedTransportOptions = {}) {
  const clock = new ManualClock(0);
  const transport = new ScriptedTransport({ clock, ...transportOptions });
  const reader = new FrameReader(transport);
  const client = new CommandClient(transport, reader);
  if (board.banner) {
    const banner = board.banner;
    transport.onLines((lines, previous, port) => {
      if (enReleased(lines, previous)) port.emit(banner(port.baudRate));
    });
  }
  if (board.sync) {
    const sync = board.sync;
    transport.onCommand(SYNC, (_command, context) => sync(context.count));
  }
  const run = (options: Partial<ConnectLoopOptions> = {}) =>
    connectLoop({ transport, reader, client, clock, strategies: LINUX, attempts: 7, ...options });
  return { clock, transport, reader, client, run };
}

async function connectError(work: () => Promise<unknown>): Promise<EspError> {
  return (await rejectionWithFakeTimers(work)) as EspError;
}

describe('connectLoop: success', () => {
  it('resets with the first strategy, captures the banner, syncs on the first attempt', async () => {
    const { transport, clock, run } = setup({ banner: () => ascii(ESP32_DOWNLOAD_BANNER), sync: () => syncReplies() });
    const result = await runWithFakeTimers(() => run());
    expect(result.attemptsUsed).toBe(1);
    expect(result.stubAlreadyRunning).toBe(false);
    expect(result.strategy.id).toBe('unix-tight');
    expect(Buffer.from(result.bootLog).toString()).toContain('waiting for download');
    // Input flushed before the reset, SYNC only after it.
    const timeline = transport.timeline;
    expect(timeline.indexOf('flush')).toBeLessThan(timeline.indexOf('lines'));
    expect(timeline.lastIndexOf('lines')).toBeLessThan(timeline.indexOf('write:0x08'));
    expect(transport.commandsWith(SYNC)).toHaveLength(1);
    // UnixTight 50: 100 ms with EN held, 50 ms with GPIO0 held after EN rose.
    expect(clock.sleeps.map((sleep) => sleep.delayMs)).toEqual([100, 50]);
  });

  it('a SYNC reply with value 0 means the stub is already running', async () => {
    const { run } = setup({ sync: () => syncReplies({ value: 0, statusBytes: 2 }) });
    expect((await runWithFakeTimers(() => run())).stubAlreadyRunning).toBe(true);
  });

  it('the first SYNC after reset may go unanswered: the second try, 50 ms later, syncs', async () => {
    const { transport, clock, run } = setup({ sync: (count) => (count === 0 ? undefined : syncReplies()) });
    const result = await runWithFakeTimers(() => run());
    expect(result.attemptsUsed).toBe(1);
    expect(transport.commandsWith(SYNC)).toHaveLength(2);
    expect(clock.sleeps.map((sleep) => sleep.delayMs)).toEqual([100, 50, 50]);
  });

  it('cycles through the strategies: attempt 3 uses Classic 50', async () => {
    const seen: string[] = [];
    const { transport, run } = setup({ sync: (count) => (count >= 10 ? syncReplies() : undefined) });
    const result = await runWithFakeTimers(() => run({ onAttempt: (attempt, strategy) => seen.push(`${attempt}:${strategy.label}`) }));
    expect(result.attemptsUsed).toBe(3);
    expect(result.strategy.id).toBe('classic');
    expect(seen).toEqual([`1:${LINUX[0]!.label}`, `2:${LINUX[1]!.label}`, `3:${LINUX[2]!.label}`]);
    expect(transport.commandsWith(SYNC)).toHaveLength(11);
    expect(result.outcomes.map((outcome) => outcome.kind)).toEqual(['silent', 'silent']);
  });

  it('attempts <= 0 keeps trying past 7 attempts', async () => {
    const { run } = setup({ sync: (count) => (count >= 40 ? syncReplies() : undefined) });
    const result = await runWithFakeTimers(() => run({ attempts: 0 }));
    expect(result.attemptsUsed).toBe(9);
  });

  it('skipSync (no-reset-no-sync) sends nothing', async () => {
    const { transport, run } = setup({ sync: () => syncReplies() });
    const result = await runWithFakeTimers(() => run({ strategies: [noReset()], skipSync: true }));
    expect(result.attemptsUsed).toBe(1);
    expect(transport.events.filter((event) => event.kind === 'write' || event.kind === 'lines')).toEqual([]);
  });

  it('a port without line control skips the reset, notes it, and still syncs', async () => {
    const { transport, run } = setup(
      { sync: () => syncReplies() },
      { info: { path: 'socket://127.0.0.1:4000', kind: 'tcp', lineControl: false } },
    );
    const result = await runWithFakeTimers(() => run({ strategies: [classicReset(50)] }));
    expect(transport.lineChanges).toEqual([]);
    expect(result.notes.some((note) => note.includes('Chip was NOT reset'))).toBe(true);
  });
});

describe('connectLoop: failures say what the board did', () => {
  it('boot:0x13 after every reset: connect.wrong-boot-mode with the banner and every attempt', async () => {
    const { transport, run } = setup({ banner: () => ascii(ESP32_FLASH_BANNER) });
    const error = await connectError(() => run({ attempts: 3 }));
    expect(error.code).toBe('connect.wrong-boot-mode');
    expect(error.evidence.bootBanner).toBe('rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)');
    expect(error.evidence.attempts).toEqual([
      `${LINUX[0]!.label}: booted from flash (boot:0x13)`,
      `${LINUX[1]!.label}: booted from flash (boot:0x13)`,
      `${LINUX[2]!.label}: booted from flash (boot:0x13)`,
    ]);
    expect(transport.commandsWith(SYNC)).toHaveLength(15);
  });

  it('"waiting for download" but no SYNC reply: connect.no-sync-reply', async () => {
    const { run } = setup({ banner: () => ascii(ESP32_DOWNLOAD_BANNER) });
    const error = await connectError(() => run({ attempts: 2 }));
    expect(error.code).toBe('connect.no-sync-reply');
    expect(String(error.evidence.bootLog)).toContain('waiting for download');
  });

  it('only application output: connect.not-reset', async () => {
    const { run } = setup({ sync: () => ascii('sensor: 21.5 C\r\n') });
    const error = await connectError(() => run({ attempts: 2 }));
    expect(error.code).toBe('connect.not-reset');
    expect(String(error.evidence.bootLog)).toContain('sensor: 21.5 C');
  });

  it('nothing at all: connect.no-data, one line per attempt', async () => {
    const { run } = setup({});
    const error = await connectError(() => run({ attempts: 2 }));
    expect(error.code).toBe('connect.no-data');
    expect(error.evidence.attempts).toEqual([`${LINUX[0]!.label}: no data`, `${LINUX[1]!.label}: no data`]);
  });

  it('the attempt count is honoured', async () => {
    const attempts: number[] = [];
    const { transport, run } = setup({});
    await connectError(() => run({ attempts: 4, onAttempt: (attempt) => attempts.push(attempt) }));
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(transport.commandsWith(SYNC)).toHaveLength(20);
  });

  it('unreadable bytes: later attempts listen at 74880 during reset and sync at 115200', async () => {
    const board: Board = {
      banner: (baudRate) => (baudRate === 74880 ? ascii(ESP8266_DOWNLOAD_BANNER) : GARBAGE),
      sync: (count) => (count >= 5 ? syncReplies({ statusBytes: 2 }) : undefined),
    };
    const { transport, run } = setup(board);
    const result = await runWithFakeTimers(() => run());
    expect(result.attemptsUsed).toBe(2);
    expect(result.outcomes[0]?.kind).toBe('garbage');
    expect(Buffer.from(result.bootLog).toString()).toContain('boot mode:(1,7)');
    expect(transport.baudChanges).toEqual([74880, 115200]);
    // 74880 is set before attempt 2's reset, 115200 after it and before its SYNC.
    const timeline = transport.timeline;
    const to74880 = transport.events.findIndex((event) => event.kind === 'baud' && event.baudRate === 74880);
    const back = transport.events.findIndex((event) => event.kind === 'baud' && event.baudRate === 115200);
    const lastLines = timeline.lastIndexOf('lines');
    const lastSync = timeline.lastIndexOf('write:0x08');
    expect(timeline.slice(to74880 + 1, lastLines).every((kind) => kind === 'lines')).toBe(true);
    expect(back).toBeGreaterThan(lastLines);
    expect(back).toBeLessThan(lastSync);
    expect(transport.baudRate).toBe(115200);
  });

  it('bannerBaudRate given: every attempt captures at that rate', async () => {
    const board: Board = {
      banner: (baudRate) => (baudRate === 74880 ? ascii(ESP8266_DOWNLOAD_BANNER) : GARBAGE),
      sync: () => syncReplies({ statusBytes: 2 }),
    };
    const { transport, run } = setup(board);
    const result = await runWithFakeTimers(() => run({ bannerBaudRate: 74880 }));
    expect(result.attemptsUsed).toBe(1);
    expect(transport.baudChanges).toEqual([74880, 115200]);
    expect(Buffer.from(result.bootLog).toString()).toContain('boot mode:(1,7)');
  });

  it('cancelling between attempts is operation.cancelled', async () => {
    const controller = new AbortController();
    const { transport, run } = setup({});
    const error = await connectError(() =>
      run({ signal: controller.signal, onAttempt: (attempt) => (attempt === 2 ? controller.abort() : undefined) }),
    );
    expect(error.code).toBe('operation.cancelled');
    expect(transport.commandsWith(SYNC).length).toBeLessThanOrEqual(5);
  });

  it('cancelling during a reset is operation.cancelled and stops the reset', async () => {
    const controller = new AbortController();
    const { transport, run } = setup({});
    transport.onLines((lines) => (lines.rts && !lines.dtr ? controller.abort() : undefined));
    const strategies: ResetSequence[] = [classicReset(50)];
    const error = await connectError(() => run({ signal: controller.signal, strategies }));
    expect(error.code).toBe('operation.cancelled');
    expect(transport.commandsWith(SYNC)).toHaveLength(0);
  });
});
