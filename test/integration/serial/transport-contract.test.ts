import { afterEach, describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import type { LineState } from '../../../src-shared/reset/lines';
import type { Transport } from '../../../src-main/serial/transport';
import { rfc2217Kind, tcpKind, virtualSerialKind } from './transport-harnesses';
import type { TransportHarness } from './transport-harnesses';

/** The same promises checked against every Transport kind. */

const RELEASED: LineState = { dtr: false, rts: false };
const ALL_LINE_STATES: LineState[] = [
  { dtr: true, rts: false },
  { dtr: false, rts: true },
  { dtr: true, rts: true },
  { dtr: false, rts: false },
];

/** 64 KiB whose bytes do not repeat every 256, so a dropped or swapped chunk shows. */
function testPattern(sizeBytes: number): Uint8Array {
  const bytes = new Uint8Array(sizeBytes);
  for (let index = 0; index < sizeBytes; index += 1) bytes[index] = (index * 7 + (index >> 8) * 13) & 0xff;
  return bytes;
}

function collect(transport: Transport, sizeBytes: number, timeoutMs = 5000): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const received = new Uint8Array(sizeBytes);
    let filled = 0;
    const timer = setTimeout(() => reject(new Error(`received ${filled} of ${sizeBytes} bytes`)), timeoutMs);
    const unsubscribe = transport.onData((chunk) => {
      received.set(chunk.subarray(0, sizeBytes - filled), filled);
      filled += Math.min(chunk.length, sizeBytes - filled);
      if (filled === sizeBytes) {
        clearTimeout(timer);
        unsubscribe();
        resolve(received);
      }
    });
  });
}

function nextClose(transport: Transport, timeoutMs = 3000): Promise<EspError> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('onClose did not fire')), timeoutMs);
    transport.onClose((error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

describe.each([virtualSerialKind, tcpKind, rfc2217Kind])('Transport contract: $name', (kind) => {
  let harness: TransportHarness;
  let transport: Transport | undefined;

  async function open(options: { lines?: LineState } = {}): Promise<Transport> {
    harness = await kind.create();
    transport = await harness.open(options);
    return transport;
  }

  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    await harness.teardown();
  });

  it('opens with both lines released, set in one call with both lines', async () => {
    const port = await open();
    expect(port.isOpen).toBe(true);
    expect(port.lines).toEqual(RELEASED);
    expect(port.baudRate).toBe(115200);
    const log = harness.lineLog();
    if (log === undefined) {
      expect(port.info.lineControl).toBe(false);
    } else {
      expect(port.info.lineControl).toBe(true);
      expect(log).toEqual([RELEASED]);
    }
  });

  it('applies requested open lines in exactly one call', async () => {
    const port = await open({ lines: { dtr: false, rts: true } });
    expect(port.lines).toEqual({ dtr: false, rts: true });
    const log = harness.lineLog();
    if (log !== undefined) expect(log).toEqual([{ dtr: false, rts: true }]);
  });

  it('setLines always passes both lines, one change per call', async () => {
    const port = await open();
    for (const [index, lines] of ALL_LINE_STATES.entries()) {
      await port.setLines(lines);
      expect(port.lines).toEqual(lines);
      const log = harness.lineLog();
      if (log !== undefined) {
        expect(log).toHaveLength(index + 2);
        expect(log[index + 1]).toEqual(lines);
      }
    }
  });

  it('round-trips 64 KiB in order', async () => {
    const port = await open();
    const pattern = testPattern(64 * 1024);
    const received = collect(port, pattern.length);
    const writes: Promise<void>[] = [];
    for (let offset = 0; offset < pattern.length; offset += 4096) {
      writes.push(port.write(pattern.subarray(offset, offset + 4096)));
    }
    await Promise.all(writes);
    expect(Buffer.from(await received).equals(Buffer.from(pattern))).toBe(true);
  });

  it('changes the baud rate and rejects invalid rates', async () => {
    const port = await open();
    await port.setBaudRate(460800);
    expect(port.baudRate).toBe(460800);
    const log = harness.baudLog();
    if (log !== undefined) expect(log).toEqual([460800]);
    await expect(port.setBaudRate(0)).rejects.toMatchObject({ code: 'input.invalid' });
    expect(port.baudRate).toBe(460800);
  });

  it('flushInput drops bytes received but not yet delivered', async () => {
    const port = await open();
    await harness.peerSend(Uint8Array.of(1, 2, 3));
    await port.flushInput();
    const seen: number[] = [];
    port.onData((chunk) => seen.push(...chunk));
    await harness.peerSend(Uint8Array.of(9));
    expect(seen).toEqual([9]);
  });

  it('close releases the lines, then closes', async () => {
    const port = await open();
    await port.setLines({ dtr: true, rts: true });
    let closeFired = false;
    port.onClose(() => {
      closeFired = true;
    });
    await port.close();
    expect(port.isOpen).toBe(false);
    expect(port.lines).toEqual(RELEASED);
    await harness.farEndClosed();
    const order = harness.lineAndCloseOrder();
    if (order !== undefined) {
      expect(order.slice(-2)).toEqual(['lines', 'close']);
      expect(harness.lineLog()!.at(-1)).toEqual(RELEASED);
    }
    expect(closeFired).toBe(false);
  });

  it('double close is safe', async () => {
    const port = await open();
    await Promise.all([port.close(), port.close()]);
    await port.close();
    expect(port.isOpen).toBe(false);
    await expect(port.write(Uint8Array.of(1))).rejects.toBeInstanceOf(EspError);
  });

  it('unplug or remote close fires onClose with port.disconnected', async () => {
    const port = await open();
    const closed = nextClose(port);
    harness.unplug();
    const error = await closed;
    expect(error).toBeInstanceOf(EspError);
    expect(error.code).toBe('port.disconnected');
    expect(error.evidence['path']).toBe(port.info.path);
    expect(port.isOpen).toBe(false);
    await expect(port.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'port.disconnected' });
    await port.close();
  });
});
