import { afterAll, describe, expect, it } from 'vitest';
import { CHIP_IDS } from '../../../src-shared/chips';
import { createCliHarness } from '../../helpers/cli-harness';
import { partArguments, syntheticParts } from '../../helpers/synthetic-parts';

/**
 * The foundation's main promise: for every chip, write-flash writes a bootloader, partition
 * table and app to a virtual board, verifies them, the firmware starts, and read-flash gives
 * back identical bytes.
 */
const harness = createCliHarness();
afterAll(() => harness.dispose());

describe.each(CHIP_IDS)('%s', (chip) => {
  const port = `sim:${chip}`;
  const parts = syntheticParts(chip);

  it('writes, verifies, boots and reads back identical bytes', async () => {
    const written = await harness.run(['--port', port, '--chip', chip, 'write-flash', ...partArguments(parts, harness.files, `/fw/${chip}`)]);
    expect(written.err).not.toContain('fatal error');
    expect(written.code).toBe(0);
    expect(written.err.match(/Hash of data verified\./g)).toHaveLength(parts.length);
    expect(written.err).toContain('The board started its firmware.');

    for (const part of parts) {
      const path = `/read/${chip}/${part.name}`;
      const read = await harness.run(['--port', port, 'read-flash', `0x${part.offset.toString(16)}`, String(part.data.length), path]);
      expect(read.code).toBe(0);
      expect(Buffer.from(harness.files.get(path)!).equals(Buffer.from(part.data))).toBe(true);
    }

    const verified = await harness.run(['--port', port, 'verify-flash', ...partArguments(parts, harness.files, `/fw/${chip}`)]);
    expect(verified.code).toBe(0);
    expect(verified.out.match(/^OK /gm)).toHaveLength(parts.length);
  });
});
