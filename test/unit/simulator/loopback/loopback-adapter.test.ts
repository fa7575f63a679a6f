import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../../../src-main/simulator';
import type { VirtualPortEndpoint } from '../../../../src-main/simulator/virtual-port';

let boards: VirtualBoards | undefined;
afterEach(() => boards?.dispose());

function registry(): VirtualBoards {
  boards = createVirtualBoardRegistry();
  return boards;
}

/** Sends `bytes` and collects what comes back until nothing more arrives. */
async function echo(port: VirtualPortEndpoint, bytes: Uint8Array): Promise<Uint8Array> {
  const received: number[] = [];
  const stop = port.onBoardData((chunk) => received.push(...chunk));
  port.hostWrite(bytes);
  for (let idle = 0; idle < 5; idle++) {
    const before = received.length;
    await new Promise((resolve) => setImmediate(resolve));
    if (received.length !== before) idle = 0;
  }
  stop();
  return Uint8Array.from(received);
}

const counting = Uint8Array.from({ length: 20_000 }, (_, index) => index & 0xff);

describe('sim:loopback', () => {
  it('is listed as a CP2102 adapter without a chip', () => {
    const loopback = registry().list().find((port) => port.info.path === 'sim:loopback');
    expect(loopback?.info.usb).toEqual({ vendorId: 0x10c4, productId: 0xea60 });
    expect(loopback?.info.chip).toBeUndefined();
  });

  it('sends every byte back unchanged, at any rate', async () => {
    const port = registry().open('sim:loopback', 115200);
    expect(await echo(port, counting)).toEqual(counting);
    port.hostSetBaudRate(2_000_000);
    port.hostSetLines({ dtr: true, rts: true });
    expect(await echo(port, counting)).toEqual(counting);
    port.close();
  });

  it('one open port at a time; free again after close', () => {
    const boardsUnderTest = registry();
    const port = boardsUnderTest.open('sim:loopback', 115200);
    expect(() => boardsUnderTest.open('sim:loopback?wire=fast', 115200)).toThrow(expect.objectContaining({ code: 'port.busy' }));
    port.close();
    boardsUnderTest.open('sim:loopback', 115200).close();
  });

  it('baudLimit: bit errors above the limit only', async () => {
    const port = registry().open('sim:loopback?baudLimit=460800', 460800);
    expect(await echo(port, counting)).toEqual(counting);
    port.hostSetBaudRate(921600);
    const back = await echo(port, counting);
    expect(back.length).toBe(counting.length);
    expect(back).not.toEqual(counting);
    port.close();
  });

  it('tx-broken: nothing comes back', async () => {
    const port = registry().open('sim:loopback?faults=tx-broken', 115200);
    expect((await echo(port, counting)).length).toBe(0);
    port.close();
  });
});
