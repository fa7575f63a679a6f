import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { syntheticParts } from '../../helpers/synthetic-parts';

/**
 * The installed command, as a user runs it: separate processes share a virtual board's flash
 * through the simulator's state directory.
 */
const run = promisify(execFile);
const BIN = join(__dirname, '..', '..', '..', 'bin', 'esp-companion.mjs');
const workDir = mkdtempSync(join(tmpdir(), 'esp-companion-bin-'));
const env = { ...process.env, ESP_COMPANION_SIM_DIR: join(workDir, 'boards') };
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

it('write-flash in one process, read-flash in another, gives identical bytes', async () => {
  const args: string[] = [];
  for (const part of syntheticParts('esp8266', { appSizeBytes: 48 * 1024 })) {
    const path = join(workDir, part.name);
    writeFileSync(path, part.data);
    args.push(`0x${part.offset.toString(16)}`, path);
  }
  const written = await cli('--port', 'sim:esp8266', 'write-flash', ...args);
  expect(written.stderr).toContain('Hash of data verified.');
  expect(written.code).toBe(0);
  for (let index = 0; index < args.length; index += 2) {
    const original = readFileSync(args[index + 1]!);
    const back = join(workDir, `back-${index}.bin`);
    const read = await cli('--port', 'sim:esp8266', 'read-flash', args[index]!, String(original.length), back);
    expect(read.code).toBe(0);
    expect(readFileSync(back).equals(original)).toBe(true);
  }
}, 90_000);

it('--help lists the commands and exits 0; an unknown command exits 2', async () => {
  const help = await cli('--help');
  expect(help.code).toBe(0);
  for (const command of ['list-ports', 'write-flash', 'read-flash', 'image-info', 'serve-port']) expect(help.stdout).toContain(command);
  const unknown = await cli('flash-everything');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('Unknown command "flash-everything"');
});

it('a missing port gives port.not-found and exit code 3', async () => {
  const missing = await cli('--port', '/dev/ttyDOESNOTEXIST', 'chip-id');
  expect(missing.code).toBe(3);
  expect(missing.stderr).toContain('[port.not-found]');
});
