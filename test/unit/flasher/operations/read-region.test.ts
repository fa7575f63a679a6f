import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readRegion } from '../../../../src-main/flasher/operations/read-region';
import type { EspError } from '../../../../src-shared/errors';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { rawFrame } from '../connection/wire-replies';
import { makeLink, noiseBytes, words } from './link-kit';

/** Reading flash (fact sheet §2.14, §2.15). */

const READ_FLASH = 0xd2;
const READ_FLASH_SLOW = 0x0e;
const PACKET = 0x1000;

function digest(data: Uint8Array): Uint8Array {
  return Uint8Array.from(createHash('md5').update(data).digest());
}

/** A stub that sends one packet, waits for its acknowledgement, then the next, then the digest. */
function scriptStubRead(kit: ReturnType<typeof makeLink>, flash: Uint8Array, options: { packetBytes?: (index: number) => number; digest?: Uint8Array } = {}) {
  const packets: Uint8Array[] = [];
  for (let at = 0, index = 0; at < flash.length; index++) {
    const size = options.packetBytes?.(index) ?? PACKET;
    packets.push(flash.subarray(at, at + size));
    at += size;
  }
  let next = 0;
  kit.transport.onCommand(READ_FLASH, () => [kit.reply(READ_FLASH), rawFrame(packets[next++]!)]);
  kit.transport.onRawFrame(() => (next < packets.length ? rawFrame(packets[next++]!) : rawFrame(options.digest ?? digest(flash))));
}

describe('readRegion with the stub (READ_FLASH)', () => {
  it('requests 0x1000-byte packets, acknowledges each with the running total, checks the digest', async () => {
    const kit = makeLink('esp32', true);
    const flash = noiseBytes(0x2800);
    scriptStubRead(kit, flash);
    const progress: number[] = [];
    const data = await runWithFakeTimers(() => readRegion(kit.link, 0x20000, flash.length, (done) => progress.push(done)));
    expect(Buffer.from(data).equals(Buffer.from(flash))).toBe(true);
    expect(words(kit.transport.commandsWith(READ_FLASH)[0]!.data)).toEqual([0x20000, 0x2800, 0x1000, 64]);
    const acks = kit.transport.hostFrames.filter((frame) => frame.length === 4).map((frame) => words(frame)[0]);
    expect(acks).toEqual([0x1000, 0x2000, 0x2800]);
    expect(progress).toEqual([0x1000, 0x2000, 0x2800]);
  });

  it('a packet of the wrong size is flash.read-failed', async () => {
    const kit = makeLink('esp32', true);
    const flash = noiseBytes(0x2000);
    scriptStubRead(kit, flash, { packetBytes: (index) => (index === 0 ? 0x800 : PACKET) });
    const error = (await rejectionWithFakeTimers(() => readRegion(kit.link, 0, flash.length, () => undefined))) as EspError;
    expect(error.code).toBe('flash.read-failed');
    expect(error.evidence.receivedBytes).toBe(0x800);
  });

  it('a digest that does not match the data is flash.read-failed with both digests', async () => {
    const kit = makeLink('esp32', true);
    const flash = noiseBytes(0x1000);
    const wrong = digest(new Uint8Array(1));
    scriptStubRead(kit, flash, { digest: wrong });
    const error = (await rejectionWithFakeTimers(() => readRegion(kit.link, 0, flash.length, () => undefined))) as EspError;
    expect(error.code).toBe('flash.read-failed');
    expect(error.evidence.expectedMd5).toBe(Buffer.from(digest(flash)).toString('hex'));
    expect(error.evidence.chipMd5).toBe(Buffer.from(wrong).toString('hex'));
  });

  it('the stub going quiet mid-read is a transfer error, not a hang', async () => {
    const kit = makeLink('esp32', true);
    kit.transport.onCommand(READ_FLASH, kit.reply(READ_FLASH));
    const error = (await rejectionWithFakeTimers(() => readRegion(kit.link, 0, 0x1000, () => undefined))) as EspError;
    expect(error.code).toBe('transfer.timeout');
  });
});

describe('readRegion with the ROM (READ_FLASH_SLOW)', () => {
  it('reads 64 bytes per command; each reply carries 64 payload bytes of which the first `length` count', async () => {
    const kit = makeLink('esp32', false);
    const flash = noiseBytes(0x2000);
    kit.transport.onCommand(READ_FLASH_SLOW, (command) => {
      const [offset] = words(command.data);
      return kit.reply(READ_FLASH_SLOW, { payload: flash.subarray(offset!, offset! + 64) });
    });
    const progress: number[] = [];
    const data = await runWithFakeTimers(() => readRegion(kit.link, 0x1000, 100, (done) => progress.push(done)));
    expect(Array.from(data)).toEqual(Array.from(flash.subarray(0x1000, 0x1000 + 100)));
    expect(kit.transport.commandsWith(READ_FLASH_SLOW).map((command) => words(command.data))).toEqual([
      [0x1000, 64],
      [0x1040, 36],
    ]);
    expect(progress).toEqual([64, 100]);
  });

  it('the ESP8266 ROM cannot read flash: transfer.unsupported-command', async () => {
    const kit = makeLink('esp8266', false);
    const error = (await rejectionWithFakeTimers(() => readRegion(kit.link, 0, 64, () => undefined))) as EspError;
    expect(error.code).toBe('transfer.unsupported-command');
    expect(kit.transport.commands).toHaveLength(0);
  });
});
