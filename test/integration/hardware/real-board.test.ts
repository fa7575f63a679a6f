import { describe, expect, it } from 'vitest';
import { withFlashSession } from '../../../src-main/flasher/session/flash-session';
import { createTransportOpener } from '../../../src-main/serial/open-transport';

/**
 * Runs only with a real board attached: ESP_TEST_PORT=/dev/ttyUSB0 npm test. Read-only: it
 * identifies the chip and reads the bootloader sector twice, which must agree.
 */
const port = process.env.ESP_TEST_PORT;

describe.skipIf(port === undefined)('real board on $ESP_TEST_PORT (skipped: ESP_TEST_PORT is not set)', () => {
  it('connects, identifies the chip and reads the same bytes twice', async () => {
    const read = () =>
      withFlashSession({ port: port!, openTransport: createTransportOpener() }, 'hard-reset', async (session) => ({
        info: session.chipInfo,
        bytes: await session.readFlash(0, 0x1000),
      }));
    const first = await read();
    const second = await read();
    expect(first.info.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
  }, 120_000);
});
