import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventChannel, EventMap } from '../../../src-shared/ipc/channels';
import type { PortInfo } from '../../../src-shared/serial';
import { createPortService } from '../../../src-main/services/port-service';

/** Plug/unplug detection: a fake port list, fake timers, and a publish that records events. */
function port(path: string, description = 'Silicon Labs CP210x (10C4:EA60)'): PortInfo {
  return { path, kind: 'native', description, lineControl: true };
}

function setup(pollMs = 1000) {
  let ports: PortInfo[] = [port('/dev/ttyUSB0')];
  const published: { channel: EventChannel; payload: unknown }[] = [];
  const listPorts = vi.fn(async () => ports.map((item) => ({ ...item })));
  const service = createPortService({
    listPorts,
    publish: <C extends EventChannel>(channel: C, payload: EventMap[C]) => void published.push({ channel, payload }),
    pollMs,
  });
  return { service, listPorts, published, setPorts: (next: PortInfo[]) => void (ports = next) };
}

describe('port service', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('publishes nothing while the list stays the same', async () => {
    const { service, listPorts, published } = setup();
    await vi.advanceTimersByTimeAsync(5000);
    expect(listPorts.mock.calls.length).toBeGreaterThanOrEqual(5);
    expect(published).toEqual([]);
    service.dispose();
  });

  it('publishes the new list once when a port is plugged in, and once when it goes', async () => {
    const { service, published, setPorts } = setup();
    await vi.advanceTimersByTimeAsync(1000);
    setPorts([port('/dev/ttyUSB0'), port('/dev/ttyACM0', 'Espressif USB-Serial/JTAG (303A:1001)')]);
    await vi.advanceTimersByTimeAsync(3000);
    setPorts([port('/dev/ttyACM0', 'Espressif USB-Serial/JTAG (303A:1001)')]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(published.map((event) => event.channel)).toEqual(['ports:ports-changed', 'ports:ports-changed']);
    expect((published[0]!.payload as PortInfo[]).map((item) => item.path)).toEqual(['/dev/ttyUSB0', '/dev/ttyACM0']);
    expect((published[1]!.payload as PortInfo[]).map((item) => item.path)).toEqual(['/dev/ttyACM0']);
    service.dispose();
  });

  it('a changed description counts as a change; a different order does not', async () => {
    const { service, published, setPorts } = setup();
    setPorts([port('/dev/ttyUSB0'), port('/dev/ttyUSB1')]);
    await vi.advanceTimersByTimeAsync(1000);
    const before = published.length;
    setPorts([port('/dev/ttyUSB1'), port('/dev/ttyUSB0')]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(published.length).toBe(before);
    setPorts([port('/dev/ttyUSB1'), port('/dev/ttyUSB0', 'WCH CH340 (1A86:7523)')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(published.length).toBe(before + 1);
    service.dispose();
  });

  it('polls at the configured period and stops on dispose', async () => {
    const { service, listPorts } = setup(250);
    await vi.advanceTimersByTimeAsync(1000);
    const calls = listPorts.mock.calls.length;
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(calls).toBeLessThanOrEqual(5);
    service.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(listPorts.mock.calls.length).toBe(calls);
  });

  it('a failing listing is retried on the next poll', async () => {
    const { service, listPorts, published, setPorts } = setup();
    await vi.advanceTimersByTimeAsync(0);
    listPorts.mockRejectedValueOnce(new Error('driver hiccup'));
    setPorts([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(published).toHaveLength(1);
    expect(published[0]!.payload).toEqual([]);
    service.dispose();
  });

  it('ports:list-ports answers with the current list', async () => {
    const { service } = setup();
    expect((await service.handlers['ports:list-ports']({})).map((item) => item.path)).toEqual(['/dev/ttyUSB0']);
    service.dispose();
  });
});
