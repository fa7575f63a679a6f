import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useBatchStore } from '../../../src-renderer/stores/batch-store';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { STATION_REPLUG_GRACE_MS, useStationStore } from '../../../src-renderer/stores/station-store';
import type { PortInfo } from '../../../src-shared/serial';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT, SIM_ESP32S3_PORT, binFile } from '../fixtures';
import { freshStores, settle } from '../store-setup';

const CH340_PORT: PortInfo = {
  path: '/dev/ttyUSB1',
  kind: 'native',
  usb: { vendorId: 0x1a86, productId: 0x7523 },
  bridge: { id: 'ch340', name: 'WCH CH340', nativeUsb: false },
  description: 'WCH CH340 (1A86:7523)',
  lineControl: true,
};
const SECOND_CP210X: PortInfo = { ...CP210X_PORT, path: '/dev/ttyUSB2' };

async function withFirmware(): Promise<void> {
  useBoardStore().selectBoard('esp32-devkitc');
  await useFirmwareStore().addFiles([binFile('app.bin', 0x8000)]);
}

async function plugged(list: readonly PortInfo[]): Promise<void> {
  usePortsStore().update(list);
  await settle(10);
}

describe('useStationStore', () => {
  let fake: FakeApi;
  beforeEach(() => {
    fake = freshStores().fake;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses to arm without firmware, in words', async () => {
    const station = useStationStore();
    expect(await station.arm()).toBe(false);
    expect(station.armed).toBe(false);
    expect(station.refusal).toBeTruthy();
  });

  it('flashes only ports that appear after arming, never the ones already there', async () => {
    await withFirmware();
    await plugged([CP210X_PORT]);
    const station = useStationStore();
    expect(await station.arm()).toBe(true);
    await settle(10);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(0);
    await plugged([CP210X_PORT, CH340_PORT]);
    expect(fake.callsTo('jobs:start-flash').map((request) => request.port)).toEqual(['/dev/ttyUSB1']);
    // The same list again (a refresh) is not a new board.
    await plugged([CP210X_PORT, CH340_PORT]);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(1);
    expect(station.tally).toEqual({ started: 1, running: 1, succeeded: 0, failed: 0 });
  });

  it('can include the boards already plugged in when asked', async () => {
    await withFirmware();
    await plugged([CP210X_PORT, CH340_PORT]);
    const station = useStationStore();
    station.includePresent = true;
    await station.arm();
    await settle(10);
    expect(fake.callsTo('jobs:start-flash').map((request) => request.port).sort()).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1']);
  });

  it('applies the VID:PID filter, and a path pattern', async () => {
    await withFirmware();
    await plugged([]);
    const station = useStationStore();
    station.filter = '10c4:ea60';
    await station.arm();
    await plugged([CH340_PORT, SECOND_CP210X]);
    expect(fake.callsTo('jobs:start-flash').map((request) => request.port)).toEqual(['/dev/ttyUSB2']);
    station.disarm();
    station.filter = '/dev/ttyUSB1*';
    await plugged([]);
    await station.arm();
    await plugged([CH340_PORT, SECOND_CP210X]);
    expect(fake.callsTo('jobs:start-flash').map((request) => request.port)).toEqual(['/dev/ttyUSB2', '/dev/ttyUSB1']);
  });

  it('flashes a board plugged into the same port again after the last one was unplugged', async () => {
    await withFirmware();
    await plugged([]);
    const station = useStationStore();
    await station.arm();
    await plugged([CH340_PORT]);
    const batch = useBatchStore();
    fake.emit('jobs:job-finished', { jobId: batch.rows[0]!.state.jobId!, ok: false, error: { code: 'connect.not-reset', message: 'x', hint: '', evidence: {} } });
    await plugged([]);
    await plugged([CH340_PORT]);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(2);
    expect(station.tally).toMatchObject({ started: 2, failed: 1, running: 1 });
  });

  it('does not re-flash a native-USB board that re-enumerates after its own reset', async () => {
    await withFirmware();
    await plugged([]);
    const station = useStationStore();
    await station.arm();
    await plugged([SIM_ESP32S3_PORT]);
    const batch = useBatchStore();
    fake.emit('jobs:job-finished', { jobId: batch.rows[0]!.state.jobId!, ok: false, error: { code: 'connect.not-reset', message: 'x', hint: '', evidence: {} } });
    await plugged([]);
    await plugged([SIM_ESP32S3_PORT]);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(1);
    // Later, a port coming back is a new board.
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + STATION_REPLUG_GRACE_MS + 1);
    await plugged([]);
    await plugged([SIM_ESP32S3_PORT]);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(2);
    vi.restoreAllMocks();
  });

  it('disarms when many-boards mode is turned off', async () => {
    await withFirmware();
    await plugged([]);
    const batch = useBatchStore();
    batch.enabled = true;
    const station = useStationStore();
    await station.arm();
    batch.enabled = false;
    await plugged([CH340_PORT]);
    expect(station.armed).toBe(false);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(0);
  });

  it('stops starting jobs when disarmed', async () => {
    await withFirmware();
    await plugged([]);
    const station = useStationStore();
    await station.arm();
    station.disarm();
    await plugged([CH340_PORT]);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(0);
  });
});
