import { describe, expect, it } from 'vitest';
import { appConsoleStyle, appStartLines, appTickLines } from '../../../../src-main/simulator/board/app-output';
import { ChattyLog } from '../../../../src-main/simulator/board/chatty-output';
import { idfLogLine } from '../../../../src-main/simulator/board/idf-log-line';
import { bootloaderLines } from '../../../../src-main/simulator/board/flash-boot-output';
import type { BootImageProbe } from '../../../../src-main/simulator/board/flash-image-probe';
import { escRegExp } from './board-test-kit';

const ESC = '\x1b';

describe('ESP-IDF log lines', () => {
  it('colour I green, W yellow, E red and reset at the end of the line', () => {
    expect(idfLogLine('I', 312, 'app', 'ready')).toBe(`${ESC}[0;32mI (312) app: ready${ESC}[0m\r\n`);
    expect(idfLogLine('W', 5280.4, 'sensor', 'slow')).toBe(`${ESC}[0;33mW (5280) sensor: slow${ESC}[0m\r\n`);
    expect(idfLogLine('E', 13000, 'i2c', 'nack')).toBe(`${ESC}[0;31mE (13000) i2c: nack${ESC}[0m\r\n`);
  });

  it('leave D and V uncoloured', () => {
    expect(idfLogLine('D', 1, 'wifi', 'scan')).toBe('D (1) wifi: scan\r\n');
    expect(idfLogLine('V', 2, 'wifi', 'raw')).toBe('V (2) wifi: raw\r\n');
  });

  it('colour the second-stage bootloader as real ESP-IDF builds do', () => {
    const probe = { flashModeCode: 2 } as BootImageProbe;
    const lines = bootloaderLines('esp32', probe, 0x10000).split('\r\n').filter((line) => line.length > 0);
    expect(lines[0]).toBe(`${ESC}[0;32mI (29) boot: ESP-IDF v5.3 2nd stage bootloader${ESC}[0m`);
    expect(lines.every((line) => line.startsWith(`${ESC}[0;32mI (`))).toBe(true);
    expect(bootloaderLines('esp8266', probe, 0)).toBe('');
  });
});

describe('app tick output', () => {
  it('ESP32 family: ESP-IDF style; ESP8266: Arduino style', () => {
    expect(appConsoleStyle('esp32c3')).toBe('esp-idf');
    expect(appConsoleStyle('esp32')).toBe('esp-idf');
    expect(appConsoleStyle('esp8266')).toBe('arduino');
  });

  it('ESP-IDF: a green tick line, a yellow warning every 5th tick, a red error every 13th', () => {
    const byTick = Array.from({ length: 65 }, (_, index) => appTickLines('esp-idf', 1000 * (index + 1), 'ESP32', index + 1));
    expect(byTick[0]).toBe(`${ESC}[0;32mI (1000) app: hello from virtual ESP32, tick 1${ESC}[0m\r\n`);
    const warned = byTick.flatMap((text, index) => (text.includes(`${ESC}[0;33mW (`) ? [index + 1] : []));
    const failed = byTick.flatMap((text, index) => (text.includes(`${ESC}[0;31mE (`) ? [index + 1] : []));
    expect(warned).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65]);
    expect(failed).toEqual([13, 26, 39, 52, 65]);
    expect(byTick[64]?.split('\r\n').filter((line) => line.length > 0)).toHaveLength(3);
  });

  it('Arduino: plain lines, no escape codes, warnings and errors in words', () => {
    const text = Array.from({ length: 26 }, (_, index) => appTickLines('arduino', 280 + index * 1000, 'ESP8266', index + 1)).join('');
    expect(text).not.toContain(ESC);
    expect(text.startsWith('tick 1: hello from virtual ESP8266, uptime 280 ms\r\n')).toBe(true);
    expect(text.match(/^WARNING: /gm)).toHaveLength(5);
    expect(text.match(/^ERROR: /gm)).toHaveLength(2);
  });

  it('start lines name the project and the chip', () => {
    expect(appStartLines('esp-idf', 280, 'blink', 'ESP32-C3')).toBe(
      `${ESC}[0;32mI (280) main_task: Calling app_main()${ESC}[0m\r\n${ESC}[0;32mI (280) app: blink running on virtual ESP32-C3${ESC}[0m\r\n`,
    );
    expect(appStartLines('arduino', 280, 'app', 'ESP8266')).toBe('\r\napp running on virtual ESP8266\r\n');
  });
});

describe('chatty output', () => {
  function sequenceNumbers(text: string): number[] {
    return [...text.matchAll(/#(\d+)/g)].map((match) => Number(match[1]));
  }

  it('numbers every line, contiguously, across calls', () => {
    const log = new ChattyLog('esp-idf');
    const text = log.take(100, 5000) + log.take(120, 1) + log.take(130, 20_000);
    const numbers = sequenceNumbers(text);
    const lines = text.split('\r\n').filter((line) => line.length > 0);
    expect(numbers).toHaveLength(lines.length);
    expect(numbers).toEqual(numbers.map((_, index) => index));
    expect(log.nextSequence).toBe(numbers.length);
  });

  it('returns whole lines of at least the bytes asked for, and at least one line', () => {
    const log = new ChattyLog('esp-idf');
    const text = log.take(0, 1000);
    expect(text.length).toBeGreaterThanOrEqual(1000);
    expect(text.length).toBeLessThan(1100);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(log.take(0, 0).split('\r\n')).toHaveLength(2);
  });

  it('mixes coloured I, W and E lines in the ESP-IDF format', () => {
    const lines = new ChattyLog('esp-idf').take(12345, 20_000).split('\r\n').filter((line) => line.length > 0);
    expect(lines[0]).toBe(`${ESC}[0;32mI (12345) bench: #000000 temperature=20.0 humidity=35${ESC}[0m`);
    const levels = new Set(lines.map((line) => escRegExp(String.raw`^ESC\[0;3(\d)m([IWE]) \(12345\) bench: #\d{6} `).exec(line)?.slice(1).join('')));
    expect(levels).toEqual(new Set(['2I', '3W', '1E']));
  });

  it('prints plain Arduino lines on ESP8266', () => {
    const text = new ChattyLog('arduino').take(0, 5000);
    expect(text).not.toContain(ESC);
    expect(text.startsWith('#000000 temperature=20.0 humidity=35\r\n')).toBe(true);
    expect(text).toMatch(/^WARNING: #000006 sensor slow/m);
    expect(text).toMatch(/^ERROR: #000030 checksum mismatch/m);
  });
});
