import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../../src-shared/diagnose/diagnosis';
import type { LogDiagnosisJson } from '../../../src-shared/ipc/troubleshoot';
import { createCliHarness, type CliHarness } from '../../helpers/cli-harness';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'logs');
const fixtureBytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

let cli: CliHarness;
beforeEach(() => {
  cli = createCliHarness();
});
afterEach(() => cli.dispose());

describe('esp-companion diagnose-log', () => {
  it('prints the cause, evidence and numbered next steps as text, and exits 0', async () => {
    cli.files.set('upload.log', fixtureBytes('esptool/wrong-boot-mode.log'));
    const result = await cli.run(['diagnose-log', 'upload.log']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Log from: esptool 4.7.0');
    expect(result.out).toContain('Cause: wrong-boot-mode (high confidence)');
    expect(result.out).toMatch(/Evidence:\n(?:.*\n)* {2}Boot banner: boot:0x13/);
    expect(result.out).toMatch(/Next steps:\n {2}1\. \S/);
    expect(result.err).toBe('');
  });

  it('shows the settings and the inconsistencies it found', async () => {
    cli.files.set('ck.log', fixtureBytes('esptool-ck/wrong-boot-mode.log'));
    const result = await cli.run(['diagnose-log', 'ck.log']);
    expect(result.out).toContain('Settings: port /dev/ttyUSB0, baud 921600, chip ESP8266 (board generic), reset nodemcu');
    expect(result.out).toMatch(/Inconsistencies:\n {2}- Upload speed 921600 with esptool-ck/);
  });

  it('--json prints {cause, evidence, settings, steps} with the app\'s cause names', async () => {
    cli.files.set('pio.log', fixtureBytes('platformio/write-interrupted.log'));
    const result = await cli.run(['diagnose-log', '--json', 'pio.log']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as LogDiagnosisJson;
    expect(Object.keys(json).sort()).toEqual(['cause', 'evidence', 'settings', 'steps']);
    expect(json.cause).toBe('write-interrupted');
    expect(CAUSE_IDS).toContain(json.cause);
    expect(json.settings).toMatchObject({ tool: 'platformio', port: '/dev/ttyUSB0', baudRate: 460800 });
    expect(json.evidence).toContainEqual({ label: 'Written', value: expect.stringContaining('330097 of 1031552 bytes') });
    expect(json.steps.length).toBeGreaterThan(0);
    for (const step of json.steps) expect(typeof step.title).toBe('string');
  });

  it('reads standard input when FILE is -', async () => {
    cli.setStdin(readFileSync(join(FIXTURES, 'esptool/port-busy.log'), 'utf8'));
    const result = await cli.run(['diagnose-log', '--json', '-']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as LogDiagnosisJson).cause).toBe('port-busy');
  });

  it('exits 0 for a log it cannot explain, with cause unknown', async () => {
    cli.setStdin('the upload did not work\n');
    const result = await cli.run(['diagnose-log', '-']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Cause: unknown');
  });

  it('exits 2 for a missing file, an empty log or a missing argument', async () => {
    const missing = await cli.run(['diagnose-log', 'nowhere.log']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('[input.file-not-found]');
    cli.setStdin('  \n');
    const empty = await cli.run(['diagnose-log', '-']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('is empty');
    expect((await cli.run(['diagnose-log'])).code).toBe(2);
  });

  it('is listed in the help', async () => {
    const help = await cli.run(['--help']);
    expect(help.out).toMatch(/diagnose-log\s+Diagnose a failed upload/);
  });
});
