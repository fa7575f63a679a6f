import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { packWords } from '../../../../src-main/flasher/protocol/packets';
import { slipEncode } from '../../../../src-main/flasher/slip/slip-encode';
import { hex, MB, TestChip, uploadStub } from './chip-test-kit';

async function stubChip(chipId: 'esp32' | 'esp32s3' | 'esp8266' = 'esp32', contents?: Uint8Array): Promise<TestChip> {
  const chip = new TestChip(chipId, { flashContents: contents, registers: { 0x40001000: 0x00f01d83 } });
  await uploadStub(chip);
  chip.takeFrames();
  chip.events.length = 0;
  return chip;
}

const status = (frame: Uint8Array | undefined): string => hex(frame!.subarray(-2));

describe('stub: answer format', () => {
  it('uses 2 status bytes and value 0; READ_REG carries the register', async () => {
    const chip = await stubChip();
    const [readReg] = await chip.exchange(0x0a, packWords(0x40001000));
    expect(hex(readReg!)).toBe('01 0a 02 00 83 1d f0 00 00 00');
    const [attach] = await chip.exchange(0x0d, packWords(0));
    expect(hex(attach!)).toBe('01 0d 02 00 00 00 00 00 00 00');
  });

  it('answers SYNC with 8 frames of value 0', async () => {
    const chip = await stubChip();
    const sync = new Uint8Array([7, 7, 0x12, 0x20, ...new Array<number>(32).fill(0x55)]);
    await chip.exchange(0x08, sync, 8);
    await chip.idle();
    expect(chip.frames).toHaveLength(8);
    for (const frame of chip.frames) expect(hex(frame)).toBe('01 08 02 00 00 00 00 00 00 00');
  });

  it('answers an unknown opcode with C3 00 and ROM-only READ_FLASH_SLOW likewise', async () => {
    const chip = await stubChip();
    const [unknown] = await chip.exchange(0x42);
    expect(hex(unknown!)).toBe('01 42 02 00 00 00 00 00 c3 00');
    const [slow] = await chip.exchange(0x0e, packWords(0, 16));
    expect(status(slow)).toBe('c3 00');
  });

  it('answers SPI_ATTACH with the ROM 8-byte payload with C0 (stub takes 4)', async () => {
    const chip = await stubChip();
    const [frame] = await chip.exchange(0x0d, packWords(0, 0));
    expect(status(frame)).toBe('c0 00');
  });

  it('answers GET_SECURITY_INFO with FF 00 on ESP32 and with the 20 bytes on ESP32-S3', async () => {
    const esp32 = await stubChip('esp32');
    expect(status((await esp32.exchange(0x14))[0])).toBe('ff 00');
    const s3 = await stubChip('esp32s3');
    const [frame] = await s3.exchange(0x14);
    expect(frame).toHaveLength(8 + 20 + 2);
    expect(hex(frame!.subarray(20, 24))).toBe('09 00 00 00');
  });
});

describe('stub: flash writes', () => {
  let chip: TestChip;
  beforeEach(async () => {
    chip = await stubChip('esp32', new Uint8Array(4 * MB));
  });

  it('refuses a block size above 0x4000 (C2), DATA without BEGIN (C6), a wrong length (C9), a bad checksum (C1)', async () => {
    expect(status((await chip.exchange(0x02, packWords(0x1000, 1, 0x4001, 0)))[0])).toBe('c2 00');
    chip.sendData(0x03, new Uint8Array(16), 0);
    await chip.waitForFrames(2);
    expect(status(chip.frames[1])).toBe('c6 00');
    await chip.exchange(0x02, packWords(0x1000, 1, 0x1000, 0));
    const wrongLength = new Uint8Array(16 + 8);
    wrongLength.set(packWords(16, 0, 0, 0));
    expect(status((await chip.exchange(0x03, wrongLength))[0])).toBe('c9 00');
    chip.sendData(0x03, new Uint8Array(0x1000).fill(1), 0, 0x55);
    await chip.waitForFrames(5);
    expect(status(chip.frames[4])).toBe('c1 00');
  });

  it('writes blocks, erasing just in time, and FLASH_END(1) answers after the last block is written', async () => {
    const image = Uint8Array.from({ length: 0x5000 }, (_, index) => (index * 13) & 0xff);
    await chip.exchange(0x02, packWords(image.length, 2, 0x4000, 0x20000));
    chip.sendData(0x03, image.subarray(0, 0x4000), 0);
    const last = new Uint8Array(0x4000).fill(0xff);
    last.set(image.subarray(0x4000));
    chip.sendData(0x03, last, 1);
    chip.send(0x04, packWords(1));
    await chip.waitForFrames(4);
    expect(chip.frames.map(status)).toEqual(['00 00', '00 00', '00 00', '00 00']);
    expect(chip.flash.read(0x20000, image.length)).toEqual(image);
    // Only the sectors covering the image were erased; the next one keeps its old (zero) bytes.
    expect(chip.flash.read(0x25000, 4)).toEqual(new Uint8Array(4));
    expect(chip.events.some((event) => event.type === 'reboot')).toBe(false);
  });

  it('round-trips a compressed image and verifies it with the raw 16-byte MD5', async () => {
    const image = Uint8Array.from({ length: 100_000 }, (_, index) => ((index * 31) >> 3) & 0xff);
    const compressed = new Uint8Array(deflateSync(image, { level: 9 }));
    const blocks = Math.ceil(compressed.length / 0x4000);
    await chip.exchange(0x10, packWords(image.length, blocks, 0x4000, 0x10000));
    for (let index = 0; index < blocks; index++) chip.sendData(0x11, compressed.subarray(index * 0x4000, (index + 1) * 0x4000), index);
    chip.send(0x12, packWords(1));
    chip.send(0x13, packWords(0x10000, image.length, 0, 0));
    await chip.waitForFrames(3 + blocks);
    expect(chip.frames.map(status).every((text) => text === '00 00')).toBe(true);
    const md5 = chip.frames.at(-1)!;
    expect(md5).toHaveLength(8 + 16 + 2);
    expect(hex(md5.subarray(8, 24))).toBe(hex(createHash('md5').update(image).digest()));
  });

  it('refuses FLASH_END while bytes are still owed (C0)', async () => {
    await chip.exchange(0x02, packWords(0x2000, 1, 0x4000, 0));
    expect(status((await chip.exchange(0x04, packWords(1)))[0])).toBe('c0 00');
  });

  it('reports a data-path error on the next command, whatever it is, and skips that command', async () => {
    await chip.exchange(0x0b, packWords(0, 0x10000, 0x10000, 0x1000, 0x100, 0xffff)); // believe in 64 KiB
    await chip.exchange(0x02, packWords(0x2000, 2, 0x1000, 0xf000));
    chip.sendData(0x03, new Uint8Array(0x1000).fill(0x11), 0);
    chip.sendData(0x03, new Uint8Array(0x1000).fill(0x22), 1); // lands at 0x10000: outside
    await chip.waitForFrames(4);
    expect(chip.frames.slice(2).map(status)).toEqual(['00 00', '00 00']); // acknowledged before writing
    const [next] = await chip.exchange(0x0a, packWords(0x40001000));
    expect(hex(next!)).toBe('01 0a 02 00 00 00 00 00 c4 00');
    const [after] = await chip.exchange(0x0a, packWords(0x40001000));
    expect(hex(after!)).toBe('01 0a 02 00 83 1d f0 00 00 00');
  });

  it('reports a broken zlib stream as C7 on the next command', async () => {
    await chip.exchange(0x10, packWords(0x1000, 1, 0x4000, 0));
    chip.sendData(0x11, new Uint8Array([0x78, 0xda, 0xff, 0xff, 0xff, 0xff]), 0);
    await chip.waitForFrames(2);
    expect(status(chip.frames[1])).toBe('00 00');
    expect(status((await chip.exchange(0x12, packWords(1)))[0])).toBe('c7 00');
  });

  it('asks for a reboot after FLASH_END flag 0', async () => {
    await chip.exchange(0x02, packWords(0, 0, 0x4000, 0));
    await chip.exchange(0x04, packWords(0));
    await chip.idle();
    expect(chip.events.at(-1)).toEqual({ type: 'reboot', reason: 'flash-end' });
  });
});

describe('stub: other commands', () => {
  it('streams READ_FLASH one packet per acknowledgement, then the MD5 of the data', async () => {
    const contents = Uint8Array.from({ length: 0x10000 }, (_, index) => (index >> 4) & 0xff);
    const chip = await stubChip('esp32', contents);
    await chip.exchange(0xd2, packWords(0x100, 10000, 4096, 64), 2);
    await chip.idle();
    expect(chip.frames).toHaveLength(2); // the OK answer and only the first packet: 1 in flight
    expect(hex(chip.frames[0]!)).toBe('01 d2 02 00 00 00 00 00 00 00');
    const data: number[] = [...chip.frames[1]!];
    for (const [ackTotal, expectedFrames] of [[4096, 3], [8192, 4], [10000, 5]] as const) {
      chip.receive(slipEncode(packWords(ackTotal)));
      await chip.waitForFrames(expectedFrames);
      await chip.idle();
      expect(chip.frames).toHaveLength(expectedFrames);
      if (ackTotal < 10000) data.push(...chip.frames.at(-1)!);
    }
    expect(chip.frames.slice(1, 4).map((frame) => frame.length)).toEqual([4096, 4096, 1808]);
    expect(Uint8Array.from(data)).toEqual(contents.subarray(0x100, 0x100 + 10000));
    expect(hex(chip.frames[4]!)).toBe(hex(createHash('md5').update(contents.subarray(0x100, 0x100 + 10000)).digest()));
  });

  it('reports a READ_FLASH packet size above 4096 as C0 on the next command', async () => {
    const chip = await stubChip();
    expect(status((await chip.exchange(0xd2, packWords(0, 0x2000, 0x2000, 1)))[0])).toBe('00 00');
    expect(status((await chip.exchange(0x0d, packWords(0)))[0])).toBe('c0 00');
  });

  it('erases aligned regions and refuses misaligned ones with C0', async () => {
    const chip = await stubChip('esp32', new Uint8Array(4 * MB));
    expect(status((await chip.exchange(0xd1, packWords(0x1800, 0x1000)))[0])).toBe('c0 00');
    expect(status((await chip.exchange(0xd1, packWords(0x1000, 0x1800)))[0])).toBe('c0 00');
    expect(chip.flash.isSectorErased(0x1000)).toBe(false);
    expect(status((await chip.exchange(0xd1, packWords(0x1000, 0x2000)))[0])).toBe('00 00');
    expect([0x0, 0x1000, 0x2000, 0x3000].map((offset) => chip.flash.isSectorErased(offset))).toEqual([false, true, true, false]);
  });

  it('erases the whole chip with ERASE_FLASH', async () => {
    const chip = await stubChip('esp32', new Uint8Array(4 * MB));
    expect(status((await chip.exchange(0xd0))[0])).toBe('00 00');
    expect(chip.flash.read(0, 16)).toEqual(new Uint8Array(16).fill(0xff));
    expect(chip.flash.isSectorErased(4 * MB - 1)).toBe(true);
  });

  it('answers CHANGE_BAUDRATE first and switches to new_baud afterwards', async () => {
    const chip = await stubChip();
    await chip.exchange(0x0f, packWords(460800, 115200));
    await chip.idle();
    expect(chip.events.map((event) => event.type)).toEqual(['transmit', 'baud']);
    expect(chip.core.uartBaudRate).toBe(460800);
  });

  it('does not answer RUN_USER_CODE and leaves for the app', async () => {
    const chip = await stubChip('esp8266');
    chip.send(0xd3);
    await chip.idle();
    expect(chip.frames).toHaveLength(0);
    expect(chip.events).toEqual([{ type: 'reboot', reason: 'run-user-code' }]);
    expect(chip.core.mode).toBe('halted');
  });
});
