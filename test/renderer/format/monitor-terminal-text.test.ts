import { describe, expect, it } from 'vitest';
import { hexRow, hexRows } from '../../../src-renderer/format/monitor-hex';
import { TerminalTextFormatter } from '../../../src-renderer/format/monitor-terminal-text';
import { formatFileStamp, formatLineTime } from '../../../src-renderer/format/monitor-time';
import { chunk } from '../monitor-fake';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
// Built from local fields so the expectations hold in every time zone.
const AT = new Date(2026, 0, 21, 12, 34, 56, 789).getTime();
const PLAIN = { timestamps: false, hex: false };
const ESC = String.fromCharCode(0x1b);
/** The text without SGR colour sequences (split instead of a regex: no control characters in literals). */
const stripSgr = (value: string) => value.split(ESC).map((part, index) => (index === 0 ? part : part.replace(/^\[[0-9;]*m/, ''))).join('');

describe('terminal text', () => {
  it('passes the board\'s bytes through untouched, ANSI colours and UTF-8 included', () => {
    const formatter = new TerminalTextFormatter();
    const input = '\x1b[0;32mI (31) boot: ESP-IDF v5.1 — ok\x1b[0m\r\n';
    const out = formatter.chunks([chunk(input, AT)], 115200, PLAIN);
    expect(text(out.bytes)).toBe(input);
    expect(out.newLines).toBe(1);
    expect(out.payloadBytes).toBe(new TextEncoder().encode(input).length);
  });

  it('prefixes every line start with the time its chunk arrived, also across chunks', () => {
    const formatter = new TerminalTextFormatter();
    const options = { timestamps: true, hex: false };
    const first = text(formatter.chunks([chunk('one\ntw', AT)], 115200, options).bytes);
    const second = text(formatter.chunks([chunk('o\nthree\n', AT + 1000)], 115200, options).bytes);
    const strip = stripSgr;
    expect(strip(first)).toBe('12:34:56.789 one\n12:34:56.789 tw');
    expect(strip(second)).toBe('o\n12:34:57.789 three\n');
  });

  it('marks the part read at the ROM baud and the switch back to the app baud', () => {
    const formatter = new TerminalTextFormatter();
    formatter.startSession('sim:esp8266', 115200, AT);
    const out = text(formatter.chunks([chunk('ets Jan  8 2013,rst cause:2', AT, 74880), chunk('\nhello\n', AT, 115200)], 115200, PLAIN).bytes);
    const markers = out.split('\r\n').filter((line) => line.includes('—'));
    expect(markers.map((line) => stripSgr(line))).toEqual(['— 74880 baud (ROM) —', '— 115200 baud (app) —']);
    expect(out.indexOf('74880 baud')).toBeLessThan(out.indexOf('ets Jan'));
    expect(out.indexOf('ets Jan')).toBeLessThan(out.indexOf('115200 baud'));
  });

  it('puts a marker on a line of its own when the board left a line unfinished', () => {
    const formatter = new TerminalTextFormatter();
    formatter.chunks([chunk('partial', AT)], 115200, PLAIN);
    const out = text(formatter.marker('closed sim:esp32', 'info').bytes);
    expect(out.startsWith('\r\n')).toBe(true);
    expect(out).toContain('— closed sim:esp32 —');
  });

  it('shows hex rows with offsets that continue across chunks', () => {
    const formatter = new TerminalTextFormatter();
    formatter.startSession('sim:esp32', 115200, AT);
    const options = { timestamps: false, hex: true };
    const first = text(formatter.chunks([chunk('ABCDEFGHIJKLMNOPQR', AT)], 115200, options).bytes);
    const second = text(formatter.chunks([chunk('\x00\x1bz', AT)], 115200, options).bytes);
    expect(first.split('\r\n').filter(Boolean)).toEqual([
      '00000000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|',
      '00000010  51 52                                             |QR|',
    ]);
    expect(second).toBe(`${hexRow(0x12, new Uint8Array([0, 0x1b, 0x7a]))}\r\n`);
    expect(second).toContain('|..z|');
  });
});

describe('hex and time helpers', () => {
  it('pads a short row so the ASCII column lines up', () => {
    const full = hexRows(0, new Uint8Array(16).fill(0x41))[0]!;
    const short = hexRow(16, new Uint8Array([0x41]));
    expect(short.indexOf('|')).toBe(full.indexOf('|'));
  });

  it('formats wall-clock times for lines and file names', () => {
    expect(formatLineTime(AT)).toBe('12:34:56.789');
    expect(formatFileStamp(AT)).toBe('20260121-123456');
  });
});
