import { describe, expect, it } from 'vitest';
import { SessionLog } from '../../../src-main/monitor/session-log';

function bytes(from: number, count: number): Uint8Array {
  return Uint8Array.from({ length: count }, (_, index) => (from + index) & 0xff);
}

describe('SessionLog', () => {
  it('keeps every byte in order, across its internal blocks', () => {
    const log = new SessionLog(1024 * 1024);
    const expected: number[] = [];
    let next = 0;
    // Odd sizes that straddle the 64 KiB blocks.
    for (const size of [1, 7, 65_535, 3, 70_000, 12]) {
      const part = bytes(next, size);
      log.append(part);
      expected.push(...part);
      next += size;
    }
    const snapshot = log.snapshot();
    expect(snapshot.totalBytes).toBe(expected.length);
    expect(snapshot.droppedBytes).toBe(0);
    expect(Buffer.from(snapshot.data).equals(Buffer.from(expected))).toBe(true);
  });

  it('past the limit the oldest bytes go and are counted', () => {
    const log = new SessionLog(100);
    log.append(bytes(0, 60));
    log.append(bytes(60, 60));
    const snapshot = log.snapshot();
    expect(snapshot.totalBytes).toBe(120);
    expect(snapshot.droppedBytes).toBe(20);
    expect([...snapshot.data]).toEqual([...bytes(20, 100)]);
  });

  it('stays bounded over many blocks and keeps exactly the newest bytes', () => {
    const limit = 200_000;
    const log = new SessionLog(limit);
    let total = 0;
    for (let index = 0; index < 400; index++) {
      log.append(bytes(total, 4099));
      total += 4099;
    }
    const snapshot = log.snapshot();
    expect(log.sizeBytes).toBe(limit);
    expect(snapshot.data.length).toBe(limit);
    expect(snapshot.totalBytes).toBe(total);
    expect(snapshot.droppedBytes).toBe(total - limit);
    expect([...snapshot.data.subarray(0, 5)]).toEqual([...bytes(total - limit, 5)]);
    expect(snapshot.data.at(-1)).toBe((total - 1) & 0xff);
  });

  it('a snapshot is a copy: later appends do not change it', () => {
    const log = new SessionLog(10);
    log.append(bytes(0, 5));
    const snapshot = log.snapshot();
    log.append(bytes(5, 10));
    expect([...snapshot.data]).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new SessionLog(0)).toThrow(RangeError);
  });
});
