import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStubImage, stubDirectory } from '../../../../src-main/flasher/stub/stub-image';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets';
import { CHIP_IDS } from '../../../../src-shared/chips';
import { isEspError, type EspError } from '../../../../src-shared/errors';

/** Stub images read from esptool-js 0.7.0 (fact sheet §10.1 table, set "2"). */

const scratch = mkdtempSync(join(tmpdir(), 'stub-image-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function loadError(fileName: string, directory?: string): Promise<EspError> {
  try {
    await loadStubImage(fileName, directory);
  } catch (error) {
    if (isEspError(error)) return error;
    throw error;
  }
  throw new Error('expected stub.not-available');
}

describe('loadStubImage', () => {
  it('esp32.json: addresses and sizes of §10.1 (2/esp32)', async () => {
    const stub = await loadStubImage('esp32.json');
    expect(stub).toMatchObject({ fileName: 'esp32.json', textStart: 0x400a8000, entry: 0x400a902c, dataStart: 0x3ffded6c, bssStart: 0x3ffcc000 });
    expect(stub.text.length).toBe(6456);
    expect(stub.data.length).toBe(212);
  });

  it('esp8266.json: addresses and sizes of §10.1 (2/esp8266)', async () => {
    const stub = await loadStubImage('esp8266.json');
    expect(stub).toMatchObject({ textStart: 0x4010c500, entry: 0x4010c504, dataStart: 0x3fffae6c });
    expect(stub.text.length).toBe(11456);
    expect(stub.data.length).toBe(920);
  });

  it('every chip names a stub file that esptool-js ships (P4 below rev 3.00 uses esp32p4-rev1.json)', () => {
    for (const chip of CHIP_IDS) {
      expect(existsSync(join(stubDirectory(), CHIP_DEFINITIONS[chip].stubFileName(100))), chip).toBe(true);
    }
    expect(CHIP_DEFINITIONS.esp32p4.stubFileName(100)).toBe('esp32p4-rev1.json');
    expect(CHIP_DEFINITIONS.esp32p4.stubFileName(300)).toBe('esp32p4.json');
  });

  it('a missing file is stub.not-available with the path as evidence', async () => {
    const error = await loadError('no-such-chip.json', scratch);
    expect(error.code).toBe('stub.not-available');
    expect(error.evidence.path).toBe(join(scratch, 'no-such-chip.json'));
  });

  it('a file that is not JSON, or lacks fields, is stub.not-available', async () => {
    writeFileSync(join(scratch, 'broken.json'), '{ not json');
    writeFileSync(join(scratch, 'fields.json'), JSON.stringify({ text: 'AAAA' }));
    expect((await loadError('broken.json', scratch)).code).toBe('stub.not-available');
    expect((await loadError('fields.json', scratch)).code).toBe('stub.not-available');
  });

  it('reads text and data as base64; data is optional', async () => {
    writeFileSync(join(scratch, 'tiny.json'), JSON.stringify({ entry: 0x4010, text: 'AQID', text_start: 0x4000 }));
    const stub = await loadStubImage('tiny.json', scratch);
    expect(Array.from(stub.text)).toEqual([1, 2, 3]);
    expect(stub.data.length).toBe(0);
    expect(stub.bssStart).toBeUndefined();
  });

  it('a failed load is not cached: the file appearing later loads', async () => {
    expect((await loadError('late.json', scratch)).code).toBe('stub.not-available');
    writeFileSync(join(scratch, 'late.json'), JSON.stringify({ entry: 1, text: 'AA==', text_start: 2, data: 'AAE=', data_start: 3 }));
    const stub = await loadStubImage('late.json', scratch);
    expect(Array.from(stub.data)).toEqual([0, 1]);
  });
});
