import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probePortHost } from '../../../src-main/diagnostics/host-probe';
import type { PortInfo } from '../../../src-shared/serial';

/**
 * The host probe against a fake /proc, /etc and /dev tree: the holder found through fd links,
 * the device's group and the user's membership, brltty and ModemManager running or installed.
 */
let root: string;
let proc: string;
let etc: string;
let dev: string;
let fsRoot: string;
let deviceGid: number;

function addProcess(pid: number, comm: string, fdTargets: readonly string[] = []): void {
  const dir = join(proc, String(pid));
  mkdirSync(join(dir, 'fd'), { recursive: true });
  writeFileSync(join(dir, 'comm'), `${comm}\n`);
  fdTargets.forEach((target, index) => symlinkSync(target, join(dir, 'fd', String(index))));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'host-probe-'));
  proc = join(root, 'proc');
  etc = join(root, 'etc');
  dev = join(root, 'dev');
  fsRoot = join(root, 'fs');
  for (const dir of [proc, etc, dev, fsRoot]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(dev, 'ttyUSB0'), '');
  // The fake device is owned by the test user's group; /etc/group names that gid "dialout".
  deviceGid = statSync(join(dev, 'ttyUSB0')).gid;
  const other = deviceGid === 7 ? 8 : 7;
  writeFileSync(join(etc, 'group'), `lp:x:${other}:\n# comment\ndialout:x:${deviceGid}:alice,bob\nplugdev:x:46:alice\n`);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const linux = (extra: Parameters<typeof probePortHost>[1] = {}) => ({ platform: 'linux', procRoot: proc, etcRoot: etc, devRoot: dev, fsRoot, ...extra });

describe('Linux', () => {
  it('a missing device: exists false, no holder and no group', async () => {
    const result = await probePortHost('/dev/ttyUSB7', linux({ groupIds: [] }));
    expect(result.exists).toBe(false);
    expect(result.holder).toBeUndefined();
    expect(result.portGroup).toBeUndefined();
  });

  it('names the process holding the port, found through its fd links', async () => {
    addProcess(100, 'bash', ['/dev/pts/0']);
    addProcess(4242, 'screen', ['/dev/null', '/dev/ttyUSB0']);
    const result = await probePortHost('/dev/ttyUSB0', linux({ groupIds: [deviceGid] }));
    expect(result.exists).toBe(true);
    expect(result.holder).toEqual({ pid: 4242, command: 'screen' });
  });

  it('no holder when no fd points at the device', async () => {
    addProcess(100, 'bash', ['/dev/ttyUSB1']);
    expect((await probePortHost('/dev/ttyUSB0', linux({ groupIds: [] }))).holder).toBeUndefined();
  });

  it('the device group by name; a user not in it, though listed in /etc/group, needs a new login', async () => {
    const result = await probePortHost('/dev/ttyUSB0', linux({ groupIds: [1000, 46], userName: 'alice' }));
    expect(result.portGroup).toEqual({ group: 'dialout', userIsMember: false, listedInGroupFile: true });
  });

  it('a member of the group', async () => {
    const result = await probePortHost('/dev/ttyUSB0', linux({ groupIds: [deviceGid], userName: 'carol' }));
    expect(result.portGroup).toEqual({ group: 'dialout', userIsMember: true, listedInGroupFile: false });
  });

  it('brltty running and ModemManager only installed, each said so', async () => {
    addProcess(300, 'brltty');
    mkdirSync(join(fsRoot, 'usr', 'sbin'), { recursive: true });
    writeFileSync(join(fsRoot, 'usr', 'sbin', 'ModemManager'), '');
    const result = await probePortHost('/dev/ttyUSB0', linux({ groupIds: [] }));
    expect(result.conflictingServices).toEqual(['brltty (running)', 'ModemManager (installed, not running)']);
  });

  it('no conflicting services on a clean host, and they are checked even when the port is gone', async () => {
    expect((await probePortHost('/dev/ttyUSB0', linux({ groupIds: [] }))).conflictingServices).toEqual([]);
    addProcess(301, 'ModemManager');
    const gone = await probePortHost('/dev/ttyACM3', linux({ groupIds: [] }));
    expect(gone).toMatchObject({ exists: false, conflictingServices: ['ModemManager (running)'] });
  });
});

const simPort: PortInfo = { path: 'sim:esp32', kind: 'virtual', description: 'Virtual ESP32', lineControl: true };

describe('virtual and network ports', () => {
  it('sim: exists when the board is listed, whatever the options in the path', async () => {
    expect(await probePortHost('sim:esp32?faults=no-power', { platform: 'linux', ports: [simPort] })).toEqual({ exists: true, conflictingServices: [] });
    expect((await probePortHost('sim:nosuchboard', { platform: 'linux', ports: [simPort] })).exists).toBe(false);
  });

  it('socket:// is never probed on the host', async () => {
    addProcess(300, 'brltty');
    expect(await probePortHost('socket://127.0.0.1:4000', linux({ ports: [] }))).toEqual({ exists: false, conflictingServices: [] });
  });
});

describe('macOS and Windows', () => {
  it('macOS: the holder from lsof output', async () => {
    const result = await probePortHost('/dev/cu.usbserial-1410', {
      platform: 'darwin',
      devRoot: dev,
      runLsof: async () => 'p777\ncscreen\n',
    });
    // The device does not exist in the fake /dev: lsof is not even asked.
    expect(result).toEqual({ exists: false, conflictingServices: [] });
    writeFileSync(join(dev, 'cu.usbserial-1410'), '');
    const present = await probePortHost('/dev/cu.usbserial-1410', { platform: 'darwin', devRoot: dev, runLsof: async () => 'p777\ncscreen\n' });
    expect(present).toEqual({ exists: true, holder: { pid: 777, command: 'screen' }, conflictingServices: [] });
  });

  it('macOS: no lsof or nobody holding it leaves the holder out', async () => {
    writeFileSync(join(dev, 'cu.usbserial-1'), '');
    const result = await probePortHost('/dev/cu.usbserial-1', { platform: 'darwin', devRoot: dev, runLsof: async () => undefined });
    expect(result).toEqual({ exists: true, conflictingServices: [] });
  });

  it('Windows: existence from the port list, names in any case', async () => {
    const com3: PortInfo = { path: 'COM3', kind: 'native', description: 'USB Serial', lineControl: true };
    expect((await probePortHost('com3', { platform: 'win32', ports: [com3] })).exists).toBe(true);
    expect((await probePortHost('COM9', { platform: 'win32', ports: [com3] })).exists).toBe(false);
  });
});
