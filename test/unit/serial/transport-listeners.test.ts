import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { CloseListeners, DataListeners } from '../../../src-main/serial/transport-listeners';

describe('DataListeners', () => {
  it('queues bytes until the first listener, then delivers them in order', () => {
    const data = new DataListeners();
    data.push(Uint8Array.of(1));
    data.push(Uint8Array.of(2, 3));
    const seen: number[] = [];
    data.subscribe((chunk) => seen.push(...chunk));
    data.push(Uint8Array.of(4));
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('clear drops the queue; unsubscribe stops delivery', () => {
    const data = new DataListeners();
    data.push(Uint8Array.of(1));
    data.clear();
    const seen: number[] = [];
    const unsubscribe = data.subscribe((chunk) => seen.push(...chunk));
    data.push(Uint8Array.of(2));
    unsubscribe();
    data.push(Uint8Array.of(3));
    expect(seen).toEqual([2]);
  });

  it('keeps only the newest bytes beyond the limit', () => {
    const data = new DataListeners(4);
    data.push(Uint8Array.of(1, 2));
    data.push(Uint8Array.of(3, 4));
    data.push(Uint8Array.of(5, 6));
    const seen: number[] = [];
    data.subscribe((chunk) => seen.push(...chunk));
    expect(seen).toEqual([3, 4, 5, 6]);
  });
});

describe('CloseListeners', () => {
  it('fires once', () => {
    const close = new CloseListeners();
    const codes: string[] = [];
    close.subscribe((error) => codes.push(error.code));
    close.fire(new EspError('port.disconnected'));
    close.fire(new EspError('port.io-failed'));
    expect(codes).toEqual(['port.disconnected']);
    expect(close.fired).toBe(true);
  });
});
