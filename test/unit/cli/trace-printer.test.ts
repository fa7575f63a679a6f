import { describe, expect, it } from 'vitest';
import type { CliStreams } from '../../../src-main/cli/cli-output';
import { createCommandTracePrinter, createTracePrinter } from '../../../src-main/cli/trace-printer';

/** --trace output. */

function capture() {
  let err = '';
  const streams: CliStreams = { out: () => undefined, err: (text) => (err += text), interactive: false };
  return { streams, text: () => err };
}

describe('createTracePrinter', () => {
  it('prints every event kind with a seconds timestamp', () => {
    const { streams, text } = capture();
    const print = createTracePrinter(streams);
    print({ kind: 'open', atMs: 0, path: '/dev/ttyUSB0', baudRate: 115200 });
    print({ kind: 'lines', atMs: 100.4, dtr: true, rts: false });
    print({ kind: 'tx', atMs: 150, bytes: Uint8Array.from([0xc0, 0x00, 0x08, 0xc0]) });
    print({ kind: 'rx', atMs: 151, bytes: Uint8Array.from([0x41]) });
    print({ kind: 'baud', atMs: 1234.5, baudRate: 460800 });
    print({ kind: 'mark', atMs: 2000, label: 'stub upload' });
    print({ kind: 'close', atMs: 2500 });
    expect(text()).toBe(
      [
        'TRACE +0.000 open /dev/ttyUSB0 at 115200 baud',
        'TRACE +0.100 lines DTR=1 RTS=0',
        'TRACE +0.150 write 4 bytes: c0 00 08 c0',
        'TRACE +0.151 read 1 bytes: 41',
        'TRACE +1.234 baud 460800',
        'TRACE +2.000 stub upload',
        'TRACE +2.500 close',
        '',
      ].join('\n'),
    );
  });

  it('dumps at most 64 bytes and says how many there were', () => {
    const { streams, text } = capture();
    createTracePrinter(streams)({ kind: 'rx', atMs: 0, bytes: new Uint8Array(100).fill(0xab) });
    expect(text()).toBe(`TRACE +0.000 read 100 bytes: ${new Array(64).fill('ab').join(' ')} ... (100 bytes)\n`);
  });
});

describe('createCommandTracePrinter', () => {
  it('names commands and replies', () => {
    const { streams, text } = capture();
    const print = createCommandTracePrinter(streams);
    print({ kind: 'command', op: 0x0a, dataBytes: 4, data: new Uint8Array(4) });
    print({ kind: 'response', op: 0x0a, value: 0x00f01d83, data: new Uint8Array(4) });
    print({ kind: 'skipped', frame: Uint8Array.from([0x4f, 0x48]) });
    expect(text()).toBe(
      ['TRACE command READ_REG (4 data bytes)', 'TRACE reply READ_REG value=0xf01d83 data=00 00 00 00', 'TRACE skipped frame 4f 48', ''].join('\n'),
    );
  });
});
