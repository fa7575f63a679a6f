import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeRegion } from '../../../../src-main/flasher/operations/write-region';
import type { EspError } from '../../../../src-shared/errors';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { checksumOf, makeLink, noiseBytes, words } from './link-kit';

/** Flash writes (fact sheet §2.6, §2.7, §2.8, §3.2, §3.3). */

const FLASH_BEGIN = 0x02;
const FLASH_DATA = 0x03;
const FLASH_END = 0x04;
const DEFL_BEGIN = 0x10;
const DEFL_DATA = 0x11;
const DEFL_END = 0x12;

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => Array.from(part)));
}

describe('writeRegion, plain', () => {
  it('stub: 0x4000 blocks, last block padded with 0xFF, checksums over the padded block, FLASH_END stays', async () => {
    const kit = makeLink('esp32', true);
    kit.acknowledge(FLASH_BEGIN, FLASH_DATA, FLASH_END);
    const data = noiseBytes(0x4000 + 0x100);
    const progress: number[] = [];
    const result = await runWithFakeTimers(() => writeRegion(kit.link, 0x10000, data, { compress: false, onBlock: (done) => progress.push(done) }));

    expect(kit.transport.opcodes).toEqual([FLASH_BEGIN, FLASH_DATA, FLASH_DATA, FLASH_END]);
    const begin = kit.transport.commandsWith(FLASH_BEGIN)[0]!;
    expect(words(begin.data)).toEqual([0x4100, 2, 0x4000, 0x10000]);
    const [first, second] = kit.transport.commandsWith(FLASH_DATA);
    expect(words(first!.data, 4)).toEqual([0x4000, 0, 0, 0]);
    expect(words(second!.data, 4)).toEqual([0x4000, 1, 0, 0]);
    const lastBlock = second!.data.subarray(16);
    expect(Array.from(lastBlock.subarray(0, 0x100))).toEqual(Array.from(data.subarray(0x4000)));
    expect(lastBlock.subarray(0x100).every((byte) => byte === 0xff)).toBe(true);
    expect(first!.checksum).toBe(checksumOf(data.subarray(0, 0x4000)));
    expect(second!.checksum).toBe(checksumOf(lastBlock));
    expect(words(kit.transport.commandsWith(FLASH_END)[0]!.data)).toEqual([1]);
    expect(progress).toEqual([0x4000, 0x4100]);
    expect(result.wireBytes).toBe(0x8000);
  });

  it('ESP32 ROM: 0x400 blocks, erase size = size, 16-byte FLASH_BEGIN, no FLASH_END', async () => {
    const kit = makeLink('esp32', false);
    kit.acknowledge(FLASH_BEGIN, FLASH_DATA);
    const data = noiseBytes(0x900);
    await runWithFakeTimers(() => writeRegion(kit.link, 0x1000, data, { compress: false, onBlock: () => undefined }));
    expect(kit.transport.opcodes).toEqual([FLASH_BEGIN, FLASH_DATA, FLASH_DATA, FLASH_DATA]);
    const begin = kit.transport.commandsWith(FLASH_BEGIN)[0]!;
    expect(begin.data.length).toBe(16);
    expect(words(begin.data)).toEqual([0x900, 3, 0x400, 0x1000]);
    expect(kit.transport.commandsWith(FLASH_DATA).map((command) => command.data.length - 16)).toEqual([0x400, 0x400, 0x400]);
  });

  it('ESP32-S3 ROM: FLASH_BEGIN carries the 5th "encrypted" word, 0', async () => {
    const kit = makeLink('esp32s3', false);
    kit.acknowledge(FLASH_BEGIN, FLASH_DATA);
    await runWithFakeTimers(() => writeRegion(kit.link, 0x0, noiseBytes(0x400), { compress: false, onBlock: () => undefined }));
    const begin = kit.transport.commandsWith(FLASH_BEGIN)[0]!;
    expect(words(begin.data)).toEqual([0x400, 1, 0x400, 0x0, 0]);
  });

  it('ESP8266 ROM: erase size from the §2.7 workaround, 2-status-byte replies', async () => {
    const kit = makeLink('esp8266', false);
    kit.acknowledge(FLASH_BEGIN, FLASH_DATA);
    // 0x3000 bytes from sector 15: 3 sectors, head 1 -> erase size 2 sectors.
    await runWithFakeTimers(() => writeRegion(kit.link, 0xf000, noiseBytes(0x3000), { compress: false, onBlock: () => undefined }));
    const begin = kit.transport.commandsWith(FLASH_BEGIN)[0]!;
    expect(words(begin.data)).toEqual([0x2000, 12, 0x400, 0xf000]);
  });

  it('ESP8266 stub: no erase-size workaround', async () => {
    const kit = makeLink('esp8266', true);
    kit.acknowledge(FLASH_BEGIN, FLASH_DATA, FLASH_END);
    await runWithFakeTimers(() => writeRegion(kit.link, 0xf000, noiseBytes(0x3000), { compress: false, onBlock: () => undefined }));
    expect(words(kit.transport.commandsWith(FLASH_BEGIN)[0]!.data)).toEqual([0x3000, 1, 0x4000, 0xf000]);
  });
});

describe('writeRegion, compressed', () => {
  it('stub: a zlib stream in 0x4000 blocks that inflates to the data; DEFL_BEGIN write size = exact size; DEFL_END stays', async () => {
    const kit = makeLink('esp32', true);
    kit.acknowledge(DEFL_BEGIN, DEFL_DATA, DEFL_END);
    const data = concat([noiseBytes(40_000), new Uint8Array(30_000).fill(0x5a)]);
    const result = await runWithFakeTimers(() => writeRegion(kit.link, 0x10000, data, { compress: true, onBlock: () => undefined }));

    const blocks = kit.transport.commandsWith(DEFL_DATA);
    const stream = concat(blocks.map((command) => command.data.subarray(16)));
    expect(stream[0]).toBe(0x78);
    expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(data))).toBe(true);
    expect(result.wireBytes).toBe(stream.length);
    blocks.forEach((command, sequence) => {
      const body = command.data.subarray(16);
      expect(words(command.data, 2)).toEqual([body.length, sequence]);
      expect(command.checksum).toBe(checksumOf(body));
    });
    expect(blocks.slice(0, -1).every((command) => command.data.length - 16 === 0x4000)).toBe(true);
    const begin = kit.transport.commandsWith(DEFL_BEGIN)[0]!;
    expect(words(begin.data)).toEqual([data.length, blocks.length, 0x4000, 0x10000]);
    expect(kit.transport.opcodes.at(-1)).toBe(DEFL_END);
    expect(words(kit.transport.commandsWith(DEFL_END)[0]!.data)).toEqual([1]);
  });

  it('ESP32 ROM: write size rounded up to 0x400, 0x400 blocks, no DEFL_END', async () => {
    const kit = makeLink('esp32', false);
    kit.acknowledge(DEFL_BEGIN, DEFL_DATA);
    const data = noiseBytes(0x1001);
    await runWithFakeTimers(() => writeRegion(kit.link, 0x8000, data, { compress: true, onBlock: () => undefined }));
    const begin = kit.transport.commandsWith(DEFL_BEGIN)[0]!;
    const blocks = kit.transport.commandsWith(DEFL_DATA);
    expect(words(begin.data)).toEqual([0x1400, blocks.length, 0x400, 0x8000]);
    expect(blocks.every((command) => command.data.length - 16 <= 0x400)).toBe(true);
    expect(kit.transport.commandsWith(DEFL_END)).toHaveLength(0);
    const stream = concat(blocks.map((command) => command.data.subarray(16)));
    expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(data))).toBe(true);
  });

  it('ESP32-C3 ROM: DEFL_BEGIN carries the encrypted word', async () => {
    const kit = makeLink('esp32c3', false);
    kit.acknowledge(DEFL_BEGIN, DEFL_DATA);
    await runWithFakeTimers(() => writeRegion(kit.link, 0x0, noiseBytes(100), { compress: true, onBlock: () => undefined }));
    expect(kit.transport.commandsWith(DEFL_BEGIN)[0]!.data.length).toBe(20);
  });

  it('ESP8266 ROM cannot inflate: transfer.unsupported-command before anything is sent', async () => {
    const kit = makeLink('esp8266', false);
    const error = (await rejectionWithFakeTimers(() => writeRegion(kit.link, 0, noiseBytes(64), { compress: true, onBlock: () => undefined }))) as EspError;
    expect(error.code).toBe('transfer.unsupported-command');
    expect(kit.transport.commands).toHaveLength(0);
  });
});

describe('writeRegion, block retries', () => {
  it('a ROM checksum rejection (0107) is sent again with the same sequence number', async () => {
    const kit = makeLink('esp32', false);
    kit.acknowledge(FLASH_BEGIN);
    kit.transport.onCommand(FLASH_DATA, (_command, context) => kit.reply(FLASH_DATA, context.count === 1 ? { status: 1, error: 0x07 } : {}));
    await runWithFakeTimers(() => writeRegion(kit.link, 0, noiseBytes(0x800), { compress: false, onBlock: () => undefined }));
    expect(kit.transport.commandsWith(FLASH_DATA).map((command) => words(command.data, 2)[1])).toEqual([0, 1, 1]);
  });

  it('a stub checksum rejection (C1 00) is retried too', async () => {
    const kit = makeLink('esp32', true);
    kit.acknowledge(FLASH_BEGIN, FLASH_END);
    kit.transport.onCommand(FLASH_DATA, (_command, context) => kit.reply(FLASH_DATA, context.count === 0 ? { status: 0xc1 } : {}));
    await runWithFakeTimers(() => writeRegion(kit.link, 0, noiseBytes(0x100), { compress: false, onBlock: () => undefined }));
    expect(kit.transport.commandsWith(FLASH_DATA)).toHaveLength(2);
  });

  it('three checksum rejections in a row mean an unreliable link: transfer.invalid-packet with the block number', async () => {
    const kit = makeLink('esp32', false);
    kit.acknowledge(FLASH_BEGIN);
    kit.transport.onCommand(FLASH_DATA, kit.reply(FLASH_DATA, { status: 1, error: 0x07 }));
    const error = (await rejectionWithFakeTimers(() => writeRegion(kit.link, 0, noiseBytes(0x400), { compress: false, onBlock: () => undefined }))) as EspError;
    expect(error.code).toBe('transfer.invalid-packet');
    expect(error.message).toContain('corrupted 3 times');
    expect(error.evidence.block).toBe(0);
    expect(kit.transport.commandsWith(FLASH_DATA)).toHaveLength(3);
  });

  it('other failures (0108 flash write error) are not retried', async () => {
    const kit = makeLink('esp32', false);
    kit.acknowledge(FLASH_BEGIN);
    kit.transport.onCommand(FLASH_DATA, kit.reply(FLASH_DATA, { status: 1, error: 0x08 }));
    const error = (await rejectionWithFakeTimers(() => writeRegion(kit.link, 0, noiseBytes(0x800), { compress: false, onBlock: () => undefined }))) as EspError;
    expect(error.evidence.result).toBe('0108');
    expect(kit.transport.commandsWith(FLASH_DATA)).toHaveLength(1);
  });
});
