import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { packWords } from '../../../../src-main/flasher/protocol/packets';
import { bytesOf, hex, TestChip, uploadStub } from './chip-test-kit';

const MAGIC_REGISTER = 0x40001000;
const READ_REG = 0x0a;

/** Fact sheet §2.2: the full SYNC wire frame, written out by hand. */
const SYNC_WIRE = [0xc0, 0x00, 0x08, 0x24, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x07, 0x12, 0x20, ...new Array<number>(32).fill(0x55), 0xc0];

describe('ROM loader: golden frames from the fact sheet', () => {
  it('answers ESP32 READ_REG 0x40001000 with 01 0a 04 00 83 1d f0 00 00 00 00 00 (§1.4, #613)', async () => {
    const chip = new TestChip('esp32', { registers: { [MAGIC_REGISTER]: 0x00f01d83 } });
    chip.receive([0xc0, 0x00, 0x0a, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x40, 0xc0]);
    await chip.waitForFrames(1);
    expect(hex(chip.events.filter((event) => event.type === 'transmit').flatMap((event) => [...event.bytes]))).toBe(
      'c0 01 0a 04 00 83 1d f0 00 00 00 00 00 c0',
    );
  });

  it('answers ESP8266 READ_REG 0x40001000 with 2 status bytes: 01 0a 02 00 01 c1 f0 ff 00 00 (§1.4, #620)', async () => {
    const chip = new TestChip('esp8266', { registers: { [MAGIC_REGISTER]: 0xfff0c101 } });
    const [frame] = await chip.exchange(READ_REG, packWords(MAGIC_REGISTER));
    expect(hex(frame!)).toBe('01 0a 02 00 01 c1 f0 ff 00 00');
  });

  it('answers the SYNC frame with 8 identical frames carrying 0x20120707 (§2.2)', async () => {
    const chip = new TestChip('esp32');
    expect(chip.core.autobauding).toBe(true);
    chip.receive(SYNC_WIRE);
    await chip.waitForFrames(8);
    await chip.idle();
    expect(chip.frames).toHaveLength(8);
    for (const frame of chip.frames) expect(hex(frame)).toBe('01 08 04 00 07 07 12 20 00 00 00 00');
    expect(chip.core.autobauding).toBe(false);
    expect(chip.noise).toEqual([]);
  });

  it('answers an ESP8266 SYNC with 2 status bytes', async () => {
    const chip = new TestChip('esp8266');
    chip.receive(SYNC_WIRE);
    await chip.waitForFrames(8);
    expect(hex(chip.frames[0]!)).toBe('01 08 02 00 07 07 12 20 00 00');
  });

  it('keeps the last READ_REG value in later responses (§1.3)', async () => {
    const chip = new TestChip('esp32', { registers: { 0x3ff5a004: 0x733 } });
    await chip.exchange(READ_REG, packWords(0x3ff5a004));
    const [attach] = await chip.exchange(0x0d, packWords(0, 0));
    expect(hex(attach!)).toBe('01 0d 04 00 33 07 00 00 00 00 00 00');
  });
});

describe('ROM loader: unsupported commands and errors', () => {
  it('answers GET_SECURITY_INFO on ESP32 with 8 unsupported frames 01 00 04 00 v 01 05 00 00 (§1.7)', async () => {
    const chip = new TestChip('esp32', { registers: { [MAGIC_REGISTER]: 0x00f01d83 } });
    await chip.exchange(READ_REG, packWords(MAGIC_REGISTER));
    chip.takeFrames();
    const frames = await chip.exchange(0x14, undefined, 8);
    await chip.idle();
    expect(chip.frames).toHaveLength(8);
    for (const frame of frames) expect(hex(frame)).toBe('01 00 04 00 83 1d f0 00 01 05 00 00');
  });

  it('uses 2 status bytes for the ESP8266 unsupported pattern, e.g. for CHANGE_BAUDRATE', async () => {
    const chip = new TestChip('esp8266');
    await chip.exchange(0x0f, packWords(460800, 0), 8);
    await chip.idle();
    expect(chip.frames).toHaveLength(8);
    expect(hex(chip.frames[7]!)).toBe('01 00 02 00 00 00 00 00 01 05');
  });

  it('answers stub-only opcodes and malformed frames with the unsupported pattern', async () => {
    const chip = new TestChip('esp32s3');
    await chip.exchange(0xd0, undefined, 8); // ERASE_FLASH is stub only
    chip.receive([0xc0, 0x01, 0x02, 0x03, 0xc0]); // shorter than a header
    chip.receive([0xc0, 0x00, 0x0a, 0x09, 0x00, 0, 0, 0, 0, 0x00, 0x10, 0x00, 0x40, 0xc0]); // size says 9, 4 sent
    await chip.waitForFrames(24);
    await chip.idle();
    expect(chip.frames).toHaveLength(24);
    expect(chip.frames.every((frame) => hex(frame) === '01 00 04 00 00 00 00 00 01 05 00 00')).toBe(true);
  });

  it('reports a bad FLASH_DATA checksum as status 1, error 0x07', async () => {
    const chip = new TestChip('esp32');
    await chip.exchange(0x02, packWords(0x1000, 1, 0x400, 0));
    chip.takeFrames();
    chip.sendData(0x03, new Uint8Array(0x400).fill(0x12), 0, 0x00);
    await chip.waitForFrames(1);
    expect(hex(chip.frames[0]!)).toBe('01 03 04 00 00 00 00 00 01 07 00 00');
  });

  it('refuses flash beyond the 2 MB ROM default until SPI_SET_PARAMS gives the size', async () => {
    const chip = new TestChip('esp32');
    const [refused] = await chip.exchange(0x02, packWords(0x1000, 1, 0x400, 0x200000));
    expect(hex(refused!.subarray(8))).toBe('01 01 00 00');
    await chip.exchange(0x0b, packWords(0, 0x400000, 0x10000, 0x1000, 0x100, 0xffff));
    const [accepted] = await chip.exchange(0x02, packWords(0x1000, 1, 0x400, 0x200000));
    expect(hex(accepted!.subarray(8))).toBe('00 00 00 00');
  });
});

describe('ROM loader: information commands', () => {
  it('returns the MD5 as 32 lowercase hex characters (44-byte frame)', async () => {
    const contents = Uint8Array.from({ length: 0x3000 }, (_, index) => (index * 7) & 0xff);
    const chip = new TestChip('esp32', { flashContents: contents });
    const [frame] = await chip.exchange(0x13, packWords(0x100, 0x2000, 0, 0));
    expect(frame).toHaveLength(44);
    const expected = createHash('md5').update(contents.subarray(0x100, 0x2100)).digest('hex');
    expect(new TextDecoder().decode(frame!.subarray(8, 40))).toBe(expected);
    expect(hex(frame!.subarray(40))).toBe('00 00 00 00');
  });

  it('answers READ_FLASH_SLOW with a 64-byte payload and refuses more than 64 bytes', async () => {
    const contents = Uint8Array.from({ length: 256 }, (_, index) => index);
    const chip = new TestChip('esp32', { flashContents: contents });
    const [frame] = await chip.exchange(0x0e, packWords(16, 8));
    expect(frame).toHaveLength(8 + 64 + 4);
    expect([...frame!.subarray(8, 16)]).toEqual([16, 17, 18, 19, 20, 21, 22, 23]);
    const [tooLong] = await chip.exchange(0x0e, packWords(0, 65));
    expect(hex(tooLong!.subarray(8))).toBe('01 0a 00 00');
  });

  it('returns the 20-byte security info with chip id 9 on ESP32-S3, flag bit 2 in Secure Download Mode', async () => {
    const chip = new TestChip('esp32s3', { secureDownloadMode: true });
    const [frame] = await chip.exchange(0x14);
    expect(hex(frame!)).toBe(
      '01 14 18 00 00 00 00 00 04 00 00 00 00 00 00 00 00 00 00 00 09 00 00 00 00 00 00 00 00 00 00 00',
    );
    // Secure Download Mode refuses READ_REG (how hosts detect it).
    const refused = await chip.exchange(READ_REG, packWords(MAGIC_REGISTER), 8);
    expect(hex(refused[0]!.subarray(0, 2))).toBe('01 00');
  });

  it('returns the 12-byte security info without chip id on ESP32-S2', async () => {
    const chip = new TestChip('esp32s2');
    const [frame] = await chip.exchange(0x14);
    expect(hex(frame!.subarray(0, 4))).toBe('01 14 10 00');
    expect(frame!.subarray(8, 20)).toEqual(new Uint8Array(12));
  });

  it('applies WRITE_REG groups with their masks', async () => {
    const chip = new TestChip('esp32', { registers: { 0x3ff44038: 0xffff0000 } });
    const groups = new Uint8Array([...packWords(0x3ff44038, 0x1234, 0x0000ffff, 0), ...packWords(0x60000078, 0, 0, 10)]);
    const [frame] = await chip.exchange(0x09, groups);
    expect(hex(frame!.subarray(8))).toBe('00 00 00 00');
    expect(chip.registers.read(0x3ff44038)).toBe(0xffff1234);
  });
});

describe('ROM loader: leaving and switching', () => {
  it('answers CHANGE_BAUDRATE at the old rate before switching the UART', async () => {
    const chip = new TestChip('esp32');
    await chip.exchange(0x0f, packWords(921600, 0));
    await chip.idle();
    const kinds = chip.events.map((event) => event.type);
    expect(kinds).toEqual(['transmit', 'baud']);
    expect(chip.events[1]).toEqual({ type: 'baud', baudRate: 921600 });
    expect(chip.core.uartBaudRate).toBe(921600);
    expect(chip.registers.baudRates.at(-1)).toBe(921600);
  });

  it('leaves the loader after answering FLASH_END flag 0', async () => {
    const chip = new TestChip('esp32');
    const [frame] = await chip.exchange(0x04, packWords(0));
    await chip.idle();
    expect(hex(frame!.subarray(8))).toBe('00 00 00 00');
    expect(chip.events.map((event) => event.type)).toEqual(['transmit', 'reboot']);
    expect(chip.events[1]).toEqual({ type: 'reboot', reason: 'flash-end' });
    expect(chip.core.mode).toBe('halted');
  });

  it('runs an uploaded stub: MEM_END answer, then the raw frame C0 4F 48 41 49 C0', async () => {
    const chip = new TestChip('esp32');
    await uploadStub(chip);
    const transmitted = chip.events.filter((event) => event.type === 'transmit');
    expect(hex(transmitted.at(-1)!.bytes)).toBe(hex(bytesOf('c0 4f 48 41 49 c0')));
    expect(hex(chip.frames.at(-2)!)).toBe('01 06 04 00 00 00 00 00 00 00 00 00');
    expect(chip.core.mode).toBe('stub');
  });
});
