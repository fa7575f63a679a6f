import { afterAll, expect, it } from 'vitest';
import { createCliHarness } from '../../helpers/cli-harness';
import { partArguments, syntheticParts } from '../../helpers/synthetic-parts';

/** Cancelling a write part way leaves the port closed with both lines released. */
const harness = createCliHarness();
afterAll(() => harness.dispose());

it('cancel during write-flash: exit 130, port closed, DTR and RTS released, board usable again', async () => {
  const files = partArguments(syntheticParts('esp32', { appSizeBytes: 512 * 1024 }), harness.files, '/fw');
  const controller = new AbortController();
  const board = harness.boards.board('esp32');
  // Cancel once the app's write is under way (at 115200 baud with real wire timing it takes ~30 s).
  const running = harness.run(['--port', 'sim:esp32?wire=real', '--baud', '115200', 'write-flash', ...files], controller.signal, (err) => {
    if (/Writing \/fw\/test-esp32\.bin .* [1-9]\d*\.\d%/.test(err)) controller.abort();
  });
  const run = await running;
  expect(run.code).toBe(130);
  expect(run.err).toContain('[operation.cancelled]');
  expect(run.err).toMatch(/Writing .*\d+\.\d%/);
  expect(board.isPortOpen).toBe(false);
  expect(board.hostLines).toEqual({ dtr: false, rts: false });

  const again = await harness.run(['--port', 'sim:esp32', 'chip-id']);
  expect(again.code).toBe(0);
  expect(again.out).toContain('Chip: ESP32');
}, 60_000);
