import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { PortInfo } from '../../src-shared/serial';

/**
 * What the host can tell about a serial port without opening it: does the device exist, who
 * holds it open, which group may open it and whether the user is in that group, and which
 * services known to grab USB serial ports are present. Read-only and best effort: anything that
 * cannot be read (another user's /proc entries, a missing lsof) is left out, never an error.
 */
export interface HostProbeResult {
  readonly exists: boolean;
  /** Linux: found in /proc/<pid>/fd; macOS: from lsof. */
  readonly holder?: { readonly pid?: number; readonly command?: string };
  /** Linux: the device's group and whether this process has it. */
  readonly portGroup?: {
    readonly group: string;
    readonly userIsMember: boolean;
    /**
     * The user is listed in the group in /etc/group; with `userIsMember` false that means the
     * membership was added after this login session started (log out and in again).
     */
    readonly listedInGroupFile?: boolean;
  };
  /** "brltty (running)", "ModemManager (installed, not running)". Linux only. */
  readonly conflictingServices: string[];
}

export interface HostProbeOptions {
  /** process.platform style; default the running platform. */
  readonly platform?: string;
  /** Default /proc. Tests pass a fake tree. */
  readonly procRoot?: string;
  /** Default /etc. */
  readonly etcRoot?: string;
  /** Device paths under /dev are looked up under this root instead (tests). */
  readonly devRoot?: string;
  /** Root for the installed-binary checks (/usr/bin/brltty ...); default "/". */
  readonly fsRoot?: string;
  /** The port list, for ports the OS does not know (sim:, socket://) and for Windows. */
  readonly ports?: readonly PortInfo[];
  /** Supplementary group ids of this process; default process.getgroups(). */
  readonly groupIds?: readonly number[];
  /** User name for the /etc/group check; default the current user. */
  readonly userName?: string;
  /** macOS holder lookup; default runs `lsof -Fpc <path>`. Resolves with lsof's output or undefined. */
  readonly runLsof?: (path: string) => Promise<string | undefined>;
}

type Holder = NonNullable<HostProbeResult['holder']>;
type PortGroup = NonNullable<HostProbeResult['portGroup']>;

/** Services that open or claim USB serial ports on Linux, with where their binaries live. */
const CONFLICTING_SERVICES: readonly { readonly name: string; readonly comm: string; readonly binaries: readonly string[] }[] = [
  // brltty claims CH340/CP210x-style ids as braille displays; the port vanishes right after plug-in.
  { name: 'brltty', comm: 'brltty', binaries: ['usr/bin/brltty', 'bin/brltty', 'usr/sbin/brltty', 'sbin/brltty'] },
  // ModemManager probes new ttyACM/ttyUSB ports with AT commands for a few seconds after plug-in.
  { name: 'ModemManager', comm: 'ModemManager', binaries: ['usr/sbin/ModemManager', 'usr/bin/ModemManager', 'sbin/ModemManager'] },
];

const LSOF_TIMEOUT_MS = 2000;
/** Bounds the /proc scan on hosts with very many processes. */
const MAX_PROCESSES_SCANNED = 4000;

export async function probePortHost(path: string, options: HostProbeOptions = {}): Promise<HostProbeResult> {
  const platform = options.platform ?? process.platform;
  const trimmed = path.trim();
  if (/^sim:/i.test(trimmed) || /^socket:\/\//i.test(trimmed)) return { exists: listed(trimmed, options.ports), conflictingServices: [] };
  if (platform === 'win32') return { exists: options.ports === undefined ? true : listed(trimmed, options.ports), conflictingServices: [] };
  const devicePath = deviceFile(trimmed, options.devRoot);
  const device = await stat(devicePath).catch(() => undefined);
  if (platform === 'linux') return probeLinux(trimmed, devicePath, device, options);
  if (platform === 'darwin') {
    const holder = device === undefined ? undefined : await macHolder(trimmed, options.runLsof ?? runLsof);
    return { exists: device !== undefined, ...(holder === undefined ? {} : { holder }), conflictingServices: [] };
  }
  return { exists: device !== undefined, conflictingServices: [] };
}

/** sim:esp32?faults=... is listed as sim:esp32; Windows names in any case. */
function listed(path: string, ports: readonly PortInfo[] | undefined): boolean {
  const base = (value: string): string => (value.split('?')[0] ?? value).trim().toLowerCase();
  return (ports ?? []).some((port) => base(port.path) === base(path));
}

function deviceFile(path: string, devRoot: string | undefined): string {
  if (devRoot === undefined || !path.startsWith('/dev/')) return path;
  return join(devRoot, path.slice('/dev/'.length));
}

async function probeLinux(
  path: string,
  devicePath: string,
  device: Awaited<ReturnType<typeof stat>> | undefined,
  options: HostProbeOptions,
): Promise<HostProbeResult> {
  const procRoot = options.procRoot ?? '/proc';
  const [holder, portGroup, conflictingServices] = await Promise.all([
    device === undefined ? undefined : linuxHolder(procRoot, [path, devicePath]),
    device === undefined ? undefined : linuxPortGroup(Number(device.gid), options),
    linuxConflictingServices(procRoot, options.fsRoot ?? '/'),
  ]);
  return {
    exists: device !== undefined,
    ...(holder === undefined ? {} : { holder }),
    ...(portGroup === undefined ? {} : { portGroup }),
    conflictingServices,
  };
}

async function processIds(procRoot: string): Promise<number[]> {
  const names = await readdir(procRoot).catch((): string[] => []);
  return names
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .slice(0, MAX_PROCESSES_SCANNED);
}

async function commandOf(procRoot: string, pid: number): Promise<string | undefined> {
  const text = await readFile(join(procRoot, String(pid), 'comm'), 'utf8').catch(() => undefined);
  const command = text?.trim();
  return command === undefined || command === '' ? undefined : command;
}

/** The first other process with an fd pointing at the device (our own process is skipped). */
async function linuxHolder(procRoot: string, targets: readonly string[]): Promise<Holder | undefined> {
  for (const pid of await processIds(procRoot)) {
    if (pid === process.pid && procRoot === '/proc') continue;
    const fdDir = join(procRoot, String(pid), 'fd');
    const fds = await readdir(fdDir).catch((): string[] => []);
    for (const fd of fds) {
      const target = await readlink(join(fdDir, fd)).catch(() => undefined);
      if (target !== undefined && targets.includes(target)) {
        const command = await commandOf(procRoot, pid);
        return { pid, ...(command === undefined ? {} : { command }) };
      }
    }
  }
  return undefined;
}

interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

function parseGroupFile(text: string): GroupEntry[] {
  return text.split('\n').flatMap((line) => {
    const [name, , gidText, memberText = ''] = line.trim().split(':');
    if (name === undefined || name === '' || name.startsWith('#') || gidText === undefined || !/^\d+$/.test(gidText)) return [];
    return [{ name, gid: Number(gidText), members: memberText.split(',').map((member) => member.trim()).filter((member) => member !== '') }];
  });
}

function currentUserName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

async function linuxPortGroup(gid: number, options: HostProbeOptions): Promise<PortGroup | undefined> {
  const text = await readFile(join(options.etcRoot ?? '/etc', 'group'), 'utf8').catch(() => undefined);
  const entry = text === undefined ? undefined : parseGroupFile(text).find((group) => group.gid === gid);
  const groupIds = options.groupIds ?? (typeof process.getgroups === 'function' ? process.getgroups() : []);
  const userName = options.userName ?? currentUserName();
  const primaryGid = typeof process.getgid === 'function' && options.groupIds === undefined ? process.getgid() : undefined;
  const userIsMember = groupIds.includes(gid) || primaryGid === gid;
  const listedInGroupFile = entry !== undefined && userName !== undefined ? entry.members.includes(userName) : undefined;
  return {
    group: entry?.name ?? String(gid),
    userIsMember,
    ...(listedInGroupFile === undefined ? {} : { listedInGroupFile }),
  };
}

async function linuxConflictingServices(procRoot: string, fsRoot: string): Promise<string[]> {
  const running = new Set<string>();
  for (const pid of await processIds(procRoot)) {
    const command = await commandOf(procRoot, pid);
    if (command !== undefined) running.add(command);
  }
  const found: string[] = [];
  for (const service of CONFLICTING_SERVICES) {
    if (running.has(service.comm)) {
      found.push(`${service.name} (running)`);
      continue;
    }
    const installed = await Promise.all(service.binaries.map((binary) => stat(join(fsRoot, binary)).then(() => true, () => false)));
    if (installed.includes(true)) found.push(`${service.name} (installed, not running)`);
  }
  return found;
}

function runLsof(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    // -F pc: one "p<pid>" and one "c<command>" line per process; exit 1 just means "nobody".
    execFile('lsof', ['-F', 'pc', path], { timeout: LSOF_TIMEOUT_MS }, (error, stdout) => {
      resolve(error !== null && stdout.trim() === '' ? undefined : stdout);
    });
  });
}

async function macHolder(path: string, lsof: (path: string) => Promise<string | undefined>): Promise<Holder | undefined> {
  const output = await lsof(path).catch(() => undefined);
  if (output === undefined) return undefined;
  let pid: number | undefined;
  let command: string | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith('p') && pid === undefined) pid = Number(line.slice(1));
    else if (line.startsWith('c') && pid !== undefined && command === undefined) command = line.slice(1).trim();
  }
  if (pid === undefined || !Number.isInteger(pid) || pid === process.pid) return undefined;
  return { pid, ...(command === undefined || command === '' ? {} : { command }) };
}
