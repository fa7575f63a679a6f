import { describe, expect, it } from 'vitest';
import { guessSenderBaud, sampleConsoleText } from '../../../../src-shared/decode/baud-guess';
import { MonitorAnalyzer } from '../../../../src-shared/decode/monitor-analyzer';
import type { MonitorNote } from '../../../../src-shared/decode/monitor-note';
import { reclockUartBytes } from '../../../../src-shared/decode/uart-reclock';
import { NOTE_INTERVAL_MS, WrongBaudDetector } from '../../../../src-shared/decode/wrong-baud';

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

// The team's own samples: an ESP8266 ROM boot (banner and loader lines) and sketch output.
const ESP8266_BOOT = ascii(
  '\r\n ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n\r\nload 0x4010f000, len 3424, room 16 \r\n' +
    'tail 0\r\nchksum 0x2e\r\nload 0x3fff20b8, len 40, room 8 \r\ntail 0\r\nchksum 0x2b\r\ncsum 0x2b\r\n',
);
const SKETCH_OUTPUT = ascii(
  'Booting greenhouse node v3.2\r\nWiFi: joining "potting-shed" ... ok, ip 192.168.4.23\r\n' +
    'soil moisture: 512 (dry), valve A open for 45 s\r\nair 23.4 C, 61 % RH, next reading in 30 s\r\n' +
    'MQTT: published 4 readings to greenhouse/bench-2\r\nfree heap 38412 bytes\r\n',
);

describe('guessSenderBaud', () => {
  it('an ESP8266 banner at 74880 read at 115200 is guessed as 74880', () => {
    const garbage = reclockUartBytes(ESP8266_BOOT, 74880, 115200);
    const guess = guessSenderBaud(garbage, 115200);
    expect(guess?.baudRate).toBe(74880);
    expect(guess?.confident).toBe(true);
  });

  it.each([9600, 230400, 57600, 74880, 921600])('115200 program output read at %i is guessed as 115200', (receiverBaud) => {
    const text = new Uint8Array([...SKETCH_OUTPUT, ...SKETCH_OUTPUT]);
    const garbage = reclockUartBytes(text, 115200, receiverBaud);
    const guess = guessSenderBaud(garbage, receiverBaud);
    expect(guess?.baudRate).toBe(115200);
    expect(guess?.confident).toBe(true);
  });

  it('a handful of bytes is not enough to name a rate with confidence', () => {
    const garbage = reclockUartBytes(SKETCH_OUTPUT.subarray(0, 200), 115200, 9600);
    expect(garbage.length).toBeLessThan(32);
    expect(guessSenderBaud(garbage, 9600)?.confident).toBe(false);
  });

  it('a receiver ten times faster than the sender sees nearly only zero bytes: rates are not named', () => {
    const garbage = reclockUartBytes(SKETCH_OUTPUT, 74880, 921600);
    const guess = guessSenderBaud(garbage, 921600);
    expect(guess?.confident).toBe(false);
    expect(guess?.fits).toBe(true);
    expect([guess!.baudRate, ...guess!.alternatives]).toContain(74880);
  });

  it('never proposes the rate the port already runs at', () => {
    const guess = guessSenderBaud(reclockUartBytes(SKETCH_OUTPUT, 9600, 115200), 115200);
    expect(guess?.ranking.map((entry) => entry.baudRate)).not.toContain(115200);
    expect(guess?.baudRate).toBe(9600);
  });

  it('is stable across many different texts (sender 115200 / 74880, several receivers)', () => {
    const cases: [number, number][] = [
      [115200, 9600],
      [115200, 230400],
      [74880, 115200],
      [115200, 460800],
    ];
    for (const [sender, receiver] of cases) {
      for (let seed = 200; seed < 210; seed++) {
        const text = sampleConsoleText(seed, 800);
        expect(guessSenderBaud(reclockUartBytes(text, sender, receiver), receiver)?.baudRate, `${sender}@${receiver} seed ${seed}`).toBe(sender);
      }
    }
  });
});

describe('MonitorAnalyzer.bytes: wrong-baud notes', () => {
  it('a garbled ESP8266 banner followed by readable output gives one note with likelyBaudRate 74880', () => {
    const analyzer = new MonitorAnalyzer({ family: 'esp8266' });
    const garbage = reclockUartBytes(ESP8266_BOOT, 74880, 115200);
    const notes = analyzer.bytes(new Uint8Array([...garbage, ...SKETCH_OUTPUT]), 115200, 1000);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.kind).toBe('wrong-baud');
    expect(note.likelyBaudRate).toBe(74880);
    expect(note.explanation).toMatch(/74880 baud \(the ESP8266 ROM banner rate\)/);
    expect(note.details).toContainEqual({ label: 'Likely baud rate', value: '74880' });
    expect(note.evidence[0]).toMatch(/unreadable bytes at 115200 baud/);
    expect(note.atMs).toBe(1000);
  });

  it('garbage split over many small chunks is still recognised (and reported once)', () => {
    const analyzer = new MonitorAnalyzer();
    const garbage = reclockUartBytes(ESP8266_BOOT, 74880, 115200);
    const notes: MonitorNote[] = [];
    for (let offset = 0; offset < garbage.length; offset += 7) notes.push(...analyzer.bytes(garbage.subarray(offset, offset + 7), 115200, offset));
    notes.push(...analyzer.bytes(SKETCH_OUTPUT, 115200, 500));
    expect(notes.map((note) => note.likelyBaudRate)).toEqual([74880]);
  });

  it('program output at 115200 read at 9600 suggests 115200', () => {
    const analyzer = new MonitorAnalyzer();
    // At 9600 only about one byte in twelve arrives: a few seconds of output.
    const text = new Uint8Array([...SKETCH_OUTPUT, ...SKETCH_OUTPUT]);
    const notes = analyzer.bytes(reclockUartBytes(text, 115200, 9600), 9600, 0);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.likelyBaudRate).toBe(115200);
    expect(notes[0]!.hint).toMatch(/115200/);
  });

  it('readable text, short glitches, SLIP frames and 0xFF glitch runs give no note', () => {
    const analyzer = new MonitorAnalyzer();
    expect(analyzer.bytes(SKETCH_OUTPUT, 115200, 0)).toEqual([]);
    expect(analyzer.bytes(Uint8Array.of(0xf8, 0x80, 0x00, 0xfe, 0x1c), 115200, 10)).toEqual([]);
    expect(analyzer.bytes(ascii('ok\r\n'.repeat(8)), 115200, 20)).toEqual([]);
    const slip: number[] = [];
    for (let frame = 0; frame < 6; frame++) slip.push(0xc0, 0x01, 0x08, 0x04, 0x00, 0x07, 0x07, 0x12, 0x20, 0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0xc0);
    expect(analyzer.bytes(Uint8Array.from(slip), 115200, 30)).toEqual([]);
    expect(analyzer.bytes(new Uint8Array(200).fill(0xff), 115200, 40)).toEqual([]);
    expect(analyzer.bytes(SKETCH_OUTPUT, 115200, 50)).toEqual([]);
  });

  it('notes are rate-limited: a second garbled burst within a few seconds is not reported again', () => {
    const detector = new WrongBaudDetector('esp8266');
    const garbage = reclockUartBytes(ESP8266_BOOT, 74880, 115200);
    const burst = new Uint8Array([...garbage, ...SKETCH_OUTPUT]);
    expect(detector.push(burst, 115200, 0)).toHaveLength(1);
    expect(detector.push(burst, 115200, NOTE_INTERVAL_MS - 1000)).toHaveLength(0);
    expect(detector.push(burst, 115200, NOTE_INTERVAL_MS + 1000)).toHaveLength(1);
  });

  it('when several slower rates fit equally, the note names them instead of picking one', () => {
    const analyzer = new MonitorAnalyzer();
    const notes = analyzer.bytes(reclockUartBytes(SKETCH_OUTPUT, 74880, 921600), 921600, 0);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.likelyBaudRate).toBeUndefined();
    expect(notes[0]!.explanation).toMatch(/Text sent at .*74880.* baud would look like this/);
  });

  it('random bytes (not text at any rate) get a note without a likely rate', () => {
    const analyzer = new MonitorAnalyzer();
    // Pseudo-random bytes are not text at any rate.
    let state = 12345;
    const noise = Uint8Array.from({ length: 600 }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 16) & 0xff;
    });
    const notes = analyzer.bytes(noise, 115200, 0);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('wrong-baud');
    expect(notes[0]!.likelyBaudRate).toBeUndefined();
    expect(notes[0]!.title).toMatch(/probably the wrong baud rate/);
  });
});
