import { describe, expect, it } from 'vitest';
import type { CliStreams } from '../../../src-main/cli/cli-output';
import { createEventPrinter } from '../../../src-main/cli/progress-printer';
import type { ChipInfo, ProgressReport, SessionEvent } from '../../../src-shared/flash-job';

/** Session events printed like esptool, on a terminal and on a pipe. */

function capture(interactive: boolean) {
  let err = '';
  let out = '';
  const streams: CliStreams = { out: (text) => (out += text), err: (text) => (err += text), interactive };
  const print = createEventPrinter(streams);
  return { print, text: () => err, out: () => out };
}

function progress(doneBytes: number, totalBytes = 1000, extra: Partial<ProgressReport> = {}): SessionEvent {
  return {
    kind: 'progress',
    progress: { operation: 'write', fileName: 'app.bin', doneBytes, totalBytes, overallDoneBytes: doneBytes, overallTotalBytes: totalBytes, bytesPerSecond: 0, ...extra },
  };
}

const CHIP: ChipInfo = {
  chip: 'esp32',
  name: 'ESP32',
  description: 'ESP32-D0WD-V3',
  revision: 301,
  features: ['Wi-Fi', 'BT', 'Dual Core'],
  crystalMhz: 40,
  mac: '24:0a:c4:12:34:56',
  flashId: 0x1640ef,
  flashManufacturer: 'Winbond',
  flashSizeBytes: 4 * 1024 * 1024,
  secureDownloadMode: false,
  stubRunning: true,
};

describe('createEventPrinter', () => {
  it('"Connecting" with a dot per attempt, then the chip facts on a new line', () => {
    const { print, text } = capture(false);
    print({ kind: 'phase', phase: 'connecting', message: 'Connecting' });
    print({ kind: 'connect-attempt', attempt: 1, strategy: 'a' });
    print({ kind: 'connect-attempt', attempt: 2, strategy: 'b' });
    print({ kind: 'chip', info: CHIP });
    expect(text()).toBe(
      [
        'Connecting..',
        'Chip is ESP32-D0WD-V3 (revision v3.1)',
        'Features: Wi-Fi, BT, Dual Core',
        'Crystal is 40MHz',
        'MAC: 24:0a:c4:12:34:56',
        'Flash: 4MB Winbond (JEDEC id 0x1640ef)',
        'Stub flasher running.',
        '',
      ].join('\n'),
    );
  });

  it('other phases print their message; notes are prefixed', () => {
    const { print, text } = capture(false);
    print({ kind: 'phase', phase: 'uploading-stub', message: 'Uploading flasher stub' });
    print({ kind: 'note', message: 'The ESP32 ROM loader stays at 115200 baud.' });
    expect(text()).toBe('Uploading flasher stub...\nNote: The ESP32 ROM loader stays at 115200 baud.\n');
  });

  it('a terminal redraws one progress line in place, then ends it before the file result', () => {
    const { print, text } = capture(true);
    print(progress(500, 1000, { bytesPerSecond: 1000, etaMs: 2000 }));
    print(progress(1000, 1000, { bytesPerSecond: 1000, etaMs: 0 }));
    print({ kind: 'file-done', result: { fileName: 'app.bin', offset: 0x10000, sizeBytes: 1000, wireBytes: 500, seconds: 2, md5: 'x', verified: true } });
    const bar = (filled: number) => `[${'='.repeat(filled)}${' '.repeat(30 - filled)}]`;
    expect(text()).toBe(
      `\rWriting app.bin ${bar(15)} 50.0% 500/1000 bytes, 8 kbit/s, 2 s left\u001b[K` +
        `\rWriting app.bin ${bar(30)} 100.0% 1000/1000 bytes, 8 kbit/s\u001b[K` +
        '\nWrote 1000 bytes (500 compressed) at 0x00010000 in 2.0 seconds (4.0 kbit/s).\nHash of data verified.\n',
    );
  });

  it('a pipe gets one line when the progress enters a new 10 % step', () => {
    const { print, text } = capture(false);
    for (const done of [0, 50, 99, 100, 150, 200, 950, 1000]) print(progress(done));
    const lines = text().trim().split('\n');
    expect(lines.map((line) => /(\d+\.\d)%/.exec(line)?.[1])).toEqual(['0.0', '10.0', '20.0', '95.0', '100.0']);
  });

  it('the next file on a pipe starts again at 0 %', () => {
    const { print, text } = capture(false);
    print(progress(1000));
    print({ kind: 'file-done', result: { fileName: 'a', offset: 0, sizeBytes: 1000, wireBytes: 1000, seconds: 1, md5: 'x', verified: true } });
    print(progress(0));
    expect(text().match(/Writing/g)).toHaveLength(2);
  });

  it('long times are shown in minutes; reads say "Reading"', () => {
    const { print, text } = capture(false);
    print({ kind: 'progress', progress: { operation: 'read', doneBytes: 10, totalBytes: 1000, overallDoneBytes: 10, overallTotalBytes: 1000, bytesPerSecond: 125, etaMs: 125_000 } });
    expect(text()).toContain('Reading [');
    expect(text()).toContain('1 kbit/s, 2 min 5 s left');
  });
});
