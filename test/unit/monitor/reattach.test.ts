import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import type { PortInfo } from '../../../src-shared/serial';
import { reattachPort } from '../../../src-main/monitor/reattach';
import type { Transport } from '../../../src-main/serial/transport';
import { ManualClock } from '../../helpers/manual-clock';

const listed = (path: string): PortInfo[] => [{ path, kind: 'native', description: path, lineControl: true }];
const TRANSPORT = { isOpen: true } as Transport;

describe('reattachPort', () => {
  it('backs off 250, 500, then 1000 ms, opens only once the port is listed again', async () => {
    const clock = new ManualClock(0);
    const listings = [[], [], [], listed('/dev/ttyACM0')];
    const opens: number[] = [];
    const transport = await reattachPort({
      listPorts: async () => listings.shift() ?? listed('/dev/ttyACM0'),
      isSamePort: (path) => path === '/dev/ttyACM0',
      open: async () => {
        opens.push(clock.now());
        return TRANSPORT;
      },
      clock,
      signal: new AbortController().signal,
    });
    expect(transport).toBe(TRANSPORT);
    expect(clock.sleeps.map((sleep) => sleep.delayMs)).toEqual([250, 500, 1000, 1000]);
    expect(opens).toEqual([2750]);
  });

  it('keeps trying when the open fails (port listed but still busy), and when listing fails', async () => {
    const clock = new ManualClock(0);
    let tries = 0;
    const reasons: string[] = [];
    await reattachPort({
      listPorts: () => Promise.reject(new Error('no listing')),
      isSamePort: () => true,
      open: async () => {
        tries += 1;
        if (tries < 3) throw new EspError('port.busy');
        return TRANSPORT;
      },
      clock,
      signal: new AbortController().signal,
      onRetry: (_attempt, reason) => reasons.push(reason),
    });
    expect(tries).toBe(3);
    expect(reasons).toHaveLength(2);
  });

  it('stops when the signal aborts', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const pending = reattachPort({ listPorts: async () => [], isSamePort: () => false, open: async () => TRANSPORT, clock, signal: controller.signal });
    controller.abort(new EspError('operation.cancelled'));
    await expect(pending).rejects.toMatchObject({ code: 'operation.cancelled' });
  });
});
