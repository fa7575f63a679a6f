import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSerialTransport } from '../../../src-main/serial/native-transport';

/**
 * The native binding end to end on a pseudo-terminal: a pty has no modem lines, so set()
 * fails with ENOTTY and the transport must carry on with line control marked unsupported.
 * Python creates the pty pair and echoes everything written to it.
 */

const ECHO_PTY = `
import os, pty, select, sys, tty
master, slave = pty.openpty()
tty.setraw(slave)
print(os.ttyname(slave), flush=True)
while True:
    ready, _, _ = select.select([master, sys.stdin], [], [])
    if sys.stdin in ready:
        break
    os.write(master, os.read(master, 4096))
`;

const hasPython = process.platform !== 'win32' && spawnSync('python3', ['-c', 'import pty'], { timeout: 5000 }).status === 0;

describe.skipIf(!hasPython)('native serial transport on a pty', () => {
  let child: ChildProcessWithoutNullStreams;
  let ptyPath: string;

  beforeAll(async () => {
    child = spawn('python3', ['-c', ECHO_PTY]);
    ptyPath = await new Promise<string>((resolve, reject) => {
      child.once('error', reject);
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    });
  });

  afterAll(() => {
    child.stdin.end();
    child.kill();
  });

  it('opens without line control, warns like esptool and still moves bytes', async () => {
    const transport = await openSerialTransport(ptyPath, { baudRate: 115200 });
    try {
      expect(transport.info.lineControl).toBe(false);
      expect(transport.warnings).toEqual([expect.stringMatching(/^Chip was NOT reset\. Setting RTS\/DTR lines is not supported/)]);
      await transport.setLines({ dtr: true, rts: false });
      expect(transport.lines).toEqual({ dtr: true, rts: false });
      await transport.setBaudRate(460800);
      const payload = new Uint8Array(4096).map((_, index) => (index * 31) & 0xff);
      const received: number[] = [];
      const done = new Promise<void>((resolve) => {
        transport.onData((chunk) => {
          received.push(...chunk);
          if (received.length >= payload.length) resolve();
        });
      });
      await transport.write(payload);
      await done;
      expect(Uint8Array.from(received)).toEqual(payload);
    } finally {
      await transport.close();
    }
    expect(transport.isOpen).toBe(false);
  });
});
