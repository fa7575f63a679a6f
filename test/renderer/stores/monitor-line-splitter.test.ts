import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS } from '../../../src-renderer/stores/monitor-line-splitter';
import { chunk } from '../monitor-fake';

describe('line splitter', () => {
  it('splits at newlines, drops the CR, and stamps each line with its first byte\'s time', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(chunk('rst:0x1 (POWERON', 10))).toEqual([]);
    expect(splitter.push(chunk('_RESET)\r\nboot:0x13\r\nclk', 20))).toEqual([
      { text: 'rst:0x1 (POWERON_RESET)', atMs: 10, baudRate: 115200 },
      { text: 'boot:0x13', atMs: 20, baudRate: 115200 },
    ]);
    expect(splitter.flush()).toEqual([{ text: 'clk', atMs: 20, baudRate: 115200 }]);
  });

  it('decodes UTF-8 split across chunks', () => {
    const splitter = new LineSplitter();
    const bytes = new TextEncoder().encode('°C\n');
    expect(splitter.push({ atMs: 1, baudRate: 115200, data: bytes.subarray(0, 1) })).toEqual([]);
    expect(splitter.push({ atMs: 2, baudRate: 115200, data: bytes.subarray(1) })[0]?.text).toBe('°C');
  });

  it('ends a line when the baud changes', () => {
    const splitter = new LineSplitter();
    splitter.push(chunk('ets Jan  8 2013', 1, 74880));
    expect(splitter.push(chunk('app\n', 2, 115200)).map((line) => [line.text, line.baudRate])).toEqual([
      ['ets Jan  8 2013', 74880],
      ['app', 115200],
    ]);
  });

  it('cuts endless output without newlines', () => {
    const splitter = new LineSplitter();
    const lines = splitter.push(chunk('x'.repeat(MAX_LINE_CHARS * 2 + 5)));
    expect(lines.map((line) => line.text.length)).toEqual([MAX_LINE_CHARS, MAX_LINE_CHARS]);
    expect(splitter.flush()[0]?.text).toBe('xxxxx');
  });
});
