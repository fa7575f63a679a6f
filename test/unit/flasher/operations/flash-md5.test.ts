import { describe, expect, it } from 'vitest';
import { flashMd5, md5Hex, verifyRegion } from '../../../../src-main/flasher/operations/flash-md5';
import type { EspError } from '../../../../src-shared/errors';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { ascii } from '../connection/wire-replies';
import { makeLink, words } from './link-kit';

/** SPI_FLASH_MD5 (fact sheet §2.12): ROM hex text, stub raw bytes. MD5 vectors from RFC 1321. */

const MD5 = 0x13;
const MD5_ABC = '900150983cd24fb0d6963f7d28e17f72';
const MD5_EMPTY = 'd41d8cd98f00b204e9800998ecf8427e';
const rawDigest = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('flashMd5', () => {
  it('ROM: 32 hex characters then 4 status bytes', async () => {
    const kit = makeLink('esp32', false);
    kit.transport.onCommand(MD5, kit.reply(MD5, { payload: ascii(MD5_ABC) }));
    expect(await runWithFakeTimers(() => flashMd5(kit.link, 0x1000, 3))).toBe(MD5_ABC);
    expect(words(kit.transport.commands[0]!.data)).toEqual([0x1000, 3, 0, 0]);
  });

  it('ROM hex in upper case still compares', async () => {
    const kit = makeLink('esp32s3', false);
    kit.transport.onCommand(MD5, kit.reply(MD5, { payload: ascii(MD5_ABC.toUpperCase()) }));
    expect(await runWithFakeTimers(() => flashMd5(kit.link, 0, 3))).toBe(MD5_ABC);
  });

  it('stub: 16 raw bytes then 2 status bytes', async () => {
    const kit = makeLink('esp32', true);
    kit.transport.onCommand(MD5, kit.reply(MD5, { payload: rawDigest(MD5_EMPTY) }));
    expect(await runWithFakeTimers(() => flashMd5(kit.link, 0, 0))).toBe(MD5_EMPTY);
  });
});

describe('verifyRegion', () => {
  it('returns the digest when the flash matches', async () => {
    const kit = makeLink('esp32', true);
    kit.transport.onCommand(MD5, kit.reply(MD5, { payload: rawDigest(MD5_ABC) }));
    expect(await runWithFakeTimers(() => verifyRegion(kit.link, 'app.bin', 0x10000, ascii('abc')))).toBe(MD5_ABC);
    expect(md5Hex(ascii('abc'))).toBe(MD5_ABC);
  });

  it('a different digest is flash.md5-mismatch with both digests, the file and the offset', async () => {
    const kit = makeLink('esp32', true);
    kit.transport.onCommand(MD5, kit.reply(MD5, { payload: rawDigest(MD5_EMPTY) }));
    const error = (await rejectionWithFakeTimers(() => verifyRegion(kit.link, 'app.bin', 0x10000, ascii('abc')))) as EspError;
    expect(error.code).toBe('flash.md5-mismatch');
    expect(error.evidence).toMatchObject({ file: 'app.bin', offset: '0x10000', sizeBytes: 3, expectedMd5: MD5_ABC, flashMd5: MD5_EMPTY });
  });
});
