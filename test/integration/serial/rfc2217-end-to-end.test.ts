import { afterAll, expect, it } from 'vitest';
import { createTransportOpener } from '../../../src-main/serial/open-transport';
import { serveRfc2217 } from '../../../src-main/serial/rfc2217/rfc2217-server';
import { createCliHarness } from '../../helpers/cli-harness';
import { partArguments, syntheticParts } from '../../helpers/synthetic-parts';

/**
 * The engine through rfc2217:// to our RFC 2217 server sharing a virtual board: detect, flash
 * with MD5 verification and read back (automatic reset over the network), and the same with
 * the server started by the CLI's serve-port.
 */

const harness = createCliHarness();
afterAll(() => harness.dispose());

it('detects, flashes and reads back a virtual ESP32 through rfc2217://', async () => {
  const server = await serveRfc2217({ path: 'sim:esp32?wire=fast', port: 0, openTransport: createTransportOpener({ virtualBoards: harness.boards }) });
  try {
    const chip = await harness.run(['--port', server.url, 'chip-id']);
    expect(chip.err + chip.out).toMatch(/ESP32/);
    expect(chip.code).toBe(0);

    const parts = syntheticParts('esp32', { appSizeBytes: 96 * 1024 });
    const args = partArguments(parts, harness.files, '/fw');
    const written = await harness.run(['--port', server.url, '--baud', '460800', 'write-flash', ...args]);
    expect(written.err).toContain('Hash of data verified.');
    expect(written.code).toBe(0);

    const app = parts.at(-1)!;
    const read = await harness.run(['--port', server.url, 'read-flash', `0x${app.offset.toString(16)}`, String(app.data.length), '/back.bin']);
    expect(read.code).toBe(0);
    expect(Buffer.from(harness.files.get('/back.bin')!).equals(Buffer.from(app.data))).toBe(true);
  } finally {
    await server.close();
  }
}, 60_000);

it('serve-port --protocol rfc2217 serves a board to the CLI client until stopped', async () => {
  const stop = new AbortController();
  let announce: (url: string) => void = () => undefined;
  const announced = new Promise<string>((resolve) => (announce = resolve));
  const serving = harness.run(['serve-port', 'sim:esp8266?wire=fast', '--protocol', 'rfc2217', '--listen', '127.0.0.1:0'], stop.signal, (err) => {
    const url = /Serving \S+ on (rfc2217:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1];
    if (url !== undefined) announce(url);
  });
  const url = await announced;
  const chip = await harness.run(['--port', url, 'chip-id']);
  expect(chip.err + chip.out).toMatch(/ESP8266/);
  expect(chip.code).toBe(0);
  stop.abort();
  const served = await serving;
  expect(served.code).toBe(0);
  expect(served.err).toContain('Client 127.0.0.1');
  expect(served.err).toContain('Stopped.');
}, 60_000);

it('serve-port refuses a non-loopback address unless --allow-remote', async () => {
  const refused = await harness.run(['serve-port', 'sim:esp32', '--listen', '0.0.0.0:0']);
  expect(refused.code).not.toBe(0);
  expect(refused.err).toContain('--allow-remote');

  // 192.0.2.1 (TEST-NET-1) is on no interface here: the warning comes first, then the bind
  // fails, so nothing is ever exposed beyond 127.0.0.1 by this test.
  const remote = await harness.run(['serve-port', 'sim:esp32', '--listen', '192.0.2.1:4000', '--allow-remote']);
  expect(remote.err).toMatch(/Warning: serving on 192\.0\.2\.1/);
  expect(remote.err).toContain('[port.open-failed]');
  expect(remote.code).not.toBe(0);
});
