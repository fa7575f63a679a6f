import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliRun } from '../../helpers/cli-harness';
import { partArguments, syntheticParts } from '../../helpers/synthetic-parts';

/**
 * Every fault a virtual board can have ends in its own error code with the evidence that
 * points at it, and nothing reports success over wrong flash contents.
 */
const harness = createCliHarness();
const esp32Files = partArguments(syntheticParts('esp32', { appSizeBytes: 192 * 1024 }), harness.files, '/fw/esp32');
const esp8266Files = partArguments(syntheticParts('esp8266', { appSizeBytes: 64 * 1024 }), harness.files, '/fw/esp8266');

beforeAll(async () => {
  // Both boards start with working firmware, so "the app keeps running" is observable.
  expect((await harness.run(['--port', 'sim:esp32', 'write-flash', ...esp32Files])).code).toBe(0);
  expect((await harness.run(['--port', 'sim:esp8266', 'write-flash', ...esp8266Files])).code).toBe(0);
}, 60_000);
afterAll(() => harness.dispose());

function errorCode(run: CliRun): string | undefined {
  return /\[([a-z0-9-]+\.[a-z0-9-]+)\]/.exec(run.err)?.[1];
}

async function chipId(port: string, ...extra: string[]): Promise<CliRun> {
  return harness.run(['--port', port, '--connect-attempts', '3', ...extra, 'chip-id']);
}

describe('faults that stop the connection', () => {
  it('no power: connect.no-data, every attempt silent', async () => {
    const run = await chipId('sim:esp32?faults=no-power');
    expect(run.code).toBe(4);
    expect(errorCode(run)).toBe('connect.no-data');
    expect(run.err.match(/: no data/g)).toHaveLength(3);
  });

  it('chip TX broken: connect.no-data', async () => {
    const run = await chipId('sim:esp32?faults=tx-broken');
    expect(errorCode(run)).toBe('connect.no-data');
  });

  it('chip RX broken (ESP32): connect.no-sync-reply with the download banner as evidence', async () => {
    const run = await chipId('sim:esp32?faults=rx-broken');
    expect(errorCode(run)).toBe('connect.no-sync-reply');
    expect(run.err).toContain('waiting for download');
    expect(run.err).toMatch(/bootMode: boot:0x[0-9a-f]+/);
  });

  it('chip RX broken (ESP8266): the 74880-baud banner is read and says download mode', async () => {
    const run = await chipId('sim:esp8266?faults=rx-broken', '--connect-attempts', '4');
    expect(errorCode(run)).toBe('connect.no-sync-reply');
    expect(run.err).toContain('bootMode: boot mode:(1,');
  });

  it('no auto-reset circuit: connect.not-reset, with the firmware output as evidence', async () => {
    // Earlier tests left the chip waiting in download mode; a board found on the desk runs its app.
    harness.boards.board('esp32').powerCycle();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const run = await chipId('sim:esp32?faults=no-auto-reset');
    expect(errorCode(run)).toBe('connect.not-reset');
    expect(run.err).toMatch(/bootLog: .*app: hello from virtual ESP32/);
    expect(run.err).toContain('Hold BOOT');
  });

  it('GPIO0 stuck high: connect.wrong-boot-mode naming boot:0x13', async () => {
    const run = await chipId('sim:esp32?faults=gpio0-stuck-high');
    expect(errorCode(run)).toBe('connect.wrong-boot-mode');
    expect(run.err).toContain('Wrong boot mode detected (boot:0x13)');
    expect(run.err).toContain('SPI_FAST_FLASH_BOOT');
  });

  it('GPIO0 stuck high (ESP8266): wrong boot mode read from the 74880-baud banner', async () => {
    const run = await chipId('sim:esp8266?faults=gpio0-stuck-high', '--connect-attempts', '4');
    expect(errorCode(run)).toBe('connect.wrong-boot-mode');
    expect(run.err).toContain('boot mode:(3,');
  });

  it('EN capacitor too small: the classic (Windows) reset boots from flash: wrong boot mode', async () => {
    const run = await chipId('sim:esp32?faults=en-cap-small', '--reset-method', 'classic', '--connect-attempts', '2');
    expect(errorCode(run)).toBe('connect.wrong-boot-mode');
    expect(run.err).toContain('Classic reset (50 ms): booted from flash (boot:0x13)');
  });

  it('EN capacitor too small: the tight reset still works, so the default connect succeeds', async () => {
    const run = await chipId('sim:esp32?faults=en-cap-small');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Chip: ESP32');
  });
});

describe('faults during a write', () => {
  it('bit errors above the baud limit: transfer.invalid-packet with the baud rate as evidence', async () => {
    const run = await harness.run(['--port', 'sim:esp32?faults=bit-errors', '--baud', '921600', 'write-flash', ...esp32Files]);
    expect(run.code).toBe(5);
    expect(errorCode(run)).toBe('transfer.invalid-packet');
    expect(run.err).toContain('baudRate: 921600');
    expect(run.err).not.toContain('The board started its firmware');
  });

  it('brown-out part way: power.brownout, and the flash is not what was asked', async () => {
    const other = partArguments(syntheticParts('esp32', { appSizeBytes: 192 * 1024, seed: 99 }), harness.files, '/fw/esp32-other');
    const run = await harness.run(['--port', 'sim:esp32?faults=brownout', 'write-flash', ...other]);
    expect(run.code).toBe(5);
    expect(errorCode(run)).toBe('power.brownout');
    const verify = await harness.run(['--port', 'sim:esp32', 'verify-flash', ...other]);
    expect(verify.err).toContain('differ from the flash');
    expect(verify.code).toBe(6);
    expect(errorCode(verify)).toBe('flash.md5-mismatch');
  });

  it('unplugged part way: port.disconnected', async () => {
    const run = await harness.run(['--port', 'sim:esp32?faults=unplug', 'write-flash', ...esp32Files]);
    expect(run.code).toBe(3);
    expect(errorCode(run)).toBe('port.disconnected');
    harness.boards.board('esp32').replug();
  });

  it('flash that only works in DIO: writing QIO verifies but the board does not start: boot.failed', async () => {
    const run = await harness.run(['--port', 'sim:esp32?faults=dio-only-flash', 'write-flash', '--flash-mode', 'qio', ...esp32Files]);
    expect(run.code).toBe(8);
    expect(errorCode(run)).toBe('boot.failed');
    expect(run.err).toContain('Hash of data verified.');
    expect(run.err).toContain('--flash-mode dio');
    const fixed = await harness.run(['--port', 'sim:esp32?faults=dio-only-flash', 'write-flash', '--flash-mode', 'dio', ...esp32Files]);
    expect(fixed.code).toBe(0);
    expect(fixed.err).toContain('The board started its firmware.');
  });
});
