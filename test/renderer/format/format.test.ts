import { describe, expect, it } from 'vitest';
import { formatHex, parseOffset } from '../../../src-renderer/format/offset';
import { formatBytes, formatClockTime, formatDuration, formatSpeed, percent } from '../../../src-renderer/format/units';
import { fileFacts } from '../../../src-renderer/format/file-facts';
import type { Esp32Image } from '../../../src-shared/firmware/image-types';

describe('offsets', () => {
  it('formats and parses hex offsets, with or without 0x', () => {
    expect(formatHex(0x10000)).toBe('0x10000');
    expect(parseOffset('0x10000')).toEqual({ ok: true, offset: 65536 });
    expect(parseOffset(' 8000 ')).toEqual({ ok: true, offset: 32768 });
    expect(parseOffset('0X0')).toEqual({ ok: true, offset: 0 });
  });

  it('refuses empty, non-hex, misaligned and huge offsets with words', () => {
    expect(parseOffset('')).toMatchObject({ ok: false, error: expect.stringMatching(/Enter an offset/) });
    expect(parseOffset('0x1g000')).toMatchObject({ ok: false, error: expect.stringMatching(/Not a hex number/) });
    expect(parseOffset('0x1800')).toEqual({ ok: false, error: 'Must be a multiple of 0x1000 (4 KiB); nearest: 0x1000.' });
    expect(parseOffset('0x10000000')).toMatchObject({ ok: false, error: expect.stringMatching(/256 MB/) });
  });
});

describe('units', () => {
  it('formats sizes, speeds and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.00 MB');
    // 92160 B/s = 737280 bit/s = 737.3 kbit/s (921600 baud 8N1 ceiling).
    expect(formatSpeed(92160)).toBe('737.3 kbit/s');
    expect(formatDuration(400)).toBe('less than 1 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });

  it('rounds percentages down and only says 100 at the end', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(1, 3)).toBe(33);
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
  });

  it('shows clock times as HH:MM:SS', () => {
    expect(formatClockTime(new Date(2024, 0, 1, 12, 3, 41).getTime())).toBe('12:03:41');
  });
});

describe('fileFacts', () => {
  it('lists chip, flash settings, segments, app and SHA validity of an app image', () => {
    const image = {
      format: 'esp32',
      chip: 'esp32',
      header: { flashModeCode: 2, flashMode: 'dio', flashSizeCode: 2, flashSize: '4MB', flashFrequencyCode: 0, flashFrequency: '40m', magic: 0xe9, segmentCount: 5, entryAddress: 0x40080000 },
      segments: [{}, {}, {}, {}, {}],
      checksum: { fileOffset: 0, stored: 1, computed: 1, valid: true },
      sha256: { fileOffset: 0, stored: 'a', computed: 'b', valid: false },
      appDescriptor: { projectName: 'blink', version: '1.2.3', idfVersion: 'v5.2' },
    } as unknown as Esp32Image;
    const facts = fileFacts({ kind: 'app', offset: 0x10000, sizeBytes: 1000, chip: 'esp32', image, summary: 'x' });
    expect(facts).toEqual([
      { label: 'Chip', value: 'ESP32' },
      { label: 'Flash', value: 'DIO · 4MB · 40m' },
      { label: 'Segments', value: '5' },
      { label: 'App', value: 'blink 1.2.3' },
      { label: 'IDF', value: 'v5.2' },
      { label: 'SHA-256', value: 'does not match', tone: 'bad' },
    ]);
  });
});
