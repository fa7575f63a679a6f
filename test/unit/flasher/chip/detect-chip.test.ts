import { describe, expect, it } from 'vitest';
import { detectChip, readSecurityInfo } from '../../../../src-main/flasher/chip/detect-chip';
import { FrameReader } from '../../../../src-main/flasher/connection/frame-reader';
import { CommandClient } from '../../../../src-main/flasher/protocol/command-client';
import type { ChipId } from '../../../../src-shared/chips';
import type { EspError } from '../../../../src-shared/errors';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { ScriptedTransport } from '../../../helpers/scripted-transport';
import { esp8266RomReply, romReply, stubReply, unsupportedReplies } from '../connection/wire-replies';

/** Chip detection (fact sheet §4.1, §4.2, §2.13), identity values taken from the §4.2 table. */

const READ_REG = 0x0a;
const GET_SECURITY_INFO = 0x14;

function le32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** GET_SECURITY_INFO payload: flags, flash_crypt_cnt, 7 key purposes [, chip_id, api_version]. */
function securityPayload(options: { flags?: number; cryptCount?: number; purposes?: number[]; chipId?: number; apiVersion?: number }): number[] {
  const head = [...le32(options.flags ?? 0), options.cryptCount ?? 0, ...(options.purposes ?? [0, 0, 0, 0, 0, 0, 0])];
  return options.chipId === undefined ? head : [...head, ...le32(options.chipId), ...le32(options.apiVersion ?? 0)];
}

function setup() {
  const transport = new ScriptedTransport();
  const client = new CommandClient(transport, new FrameReader(transport));
  return { transport, client };
}

const detect = (client: CommandClient, expected?: ChipId) => runWithFakeTimers(() => detectChip(client, expected));

describe('detectChip: chip id from GET_SECURITY_INFO (S3 and later)', () => {
  it.each([
    ['esp32s3', 9],
    ['esp32c3', 5],
    ['esp32c2', 12],
    ['esp32c6', 13],
    ['esp32h2', 16],
    ['esp32p4', 18],
    ['esp32c5', 23],
  ] as const)('%s from chip id %d, without reading the magic word', async (chip, chipId) => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, romReply(GET_SECURITY_INFO, { payload: securityPayload({ chipId }) }));
    const detected = await detect(client);
    expect(detected.definition.id).toBe(chip);
    expect(detected.secureDownloadMode).toBe(false);
    expect(transport.commandsWith(READ_REG)).toHaveLength(0);
  });

  it('a retired beta id (4, ESP32-S3 beta2) is chip.unknown', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, romReply(GET_SECURITY_INFO, { payload: securityPayload({ chipId: 4 }) }));
    const error = (await rejectionWithFakeTimers(() => detectChip(client))) as EspError;
    expect(error.code).toBe('chip.unknown');
    expect(error.evidence.securityChipId).toBe(4);
  });

  it('reads the stub\'s 20-byte form (2 status bytes) the same way', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, stubReply(GET_SECURITY_INFO, { payload: securityPayload({ chipId: 13 }) }));
    expect((await detect(client)).definition.id).toBe('esp32c6');
  });
});

describe('detectChip: magic word when the ROM has no GET_SECURITY_INFO', () => {
  it('ESP32: unsupported pattern, then READ_REG 0x40001000 = 0x00F01D83', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies());
    transport.onCommand(READ_REG, romReply(READ_REG, { value: 0x00f01d83 }));
    const detected = await detect(client);
    expect(detected.definition.id).toBe('esp32');
    expect(detected.securityInfo).toBeUndefined();
    expect(Array.from(transport.commandsWith(READ_REG)[0]!.data)).toEqual(le32(0x40001000));
  });

  it('ESP8266: its 2-status-byte pattern, then 0xFFF0C101', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies({ statusBytes: 2 }));
    transport.onCommand(READ_REG, esp8266RomReply(READ_REG, { value: 0xfff0c101 }));
    expect((await detect(client)).definition.id).toBe('esp8266');
  });

  it('ESP32-S2: the 12-byte reply has no chip id, so the magic 0x000007C6 decides', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, romReply(GET_SECURITY_INFO, { payload: securityPayload({}) }));
    transport.onCommand(READ_REG, romReply(READ_REG, { value: 0x000007c6 }));
    const detected = await detect(client);
    expect(detected.definition.id).toBe('esp32s2');
    expect(detected.securityInfo?.chipId).toBeUndefined();
  });

  it.each([
    ['esp32c3', '0x1B31506F', 0x1b31506f],
    ['esp32c3', '0x4361606F', 0x4361606f],
    ['esp32c2', '0x7C41A06F', 0x7c41a06f],
    ['esp32c6', '0x2CE0806F', 0x2ce0806f],
    ['esp32h2', '0xD7B73E80', 0xd7b73e80],
    ['esp32s3', '0x00000009', 0x00000009],
  ] as const)('magic word alone: %s from %s', async (chip, _label, magic) => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies());
    transport.onCommand(READ_REG, romReply(READ_REG, { value: magic }));
    expect((await detect(client)).definition.id).toBe(chip);
  });

  it('a stub that lacks the command (FF 00) falls back to the magic word', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, stubReply(GET_SECURITY_INFO, { status: 0xff }));
    transport.onCommand(READ_REG, stubReply(READ_REG, { value: 0x00f01d83 }));
    expect((await detect(client)).definition.id).toBe('esp32');
  });

  it('an unknown magic word is chip.unknown with the word as evidence', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies());
    transport.onCommand(READ_REG, romReply(READ_REG, { value: 0x12345678 }));
    const error = (await rejectionWithFakeTimers(() => detectChip(client))) as EspError;
    expect(error.code).toBe('chip.unknown');
    expect(error.evidence.magic).toBe('0x12345678');
  });

  it('ESP32-S2 in Secure Download Mode: 12-byte reply with flag bit 2, READ_REG refused', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, romReply(GET_SECURITY_INFO, { payload: securityPayload({ flags: 1 << 2 }) }));
    transport.onCommand(READ_REG, unsupportedReplies());
    const detected = await detect(client);
    expect(detected.definition.id).toBe('esp32s2');
    expect(detected.secureDownloadMode).toBe(true);
  });
  it('GET_SECURITY_INFO and READ_REG both refused: an ESP32-S2 in Secure Download Mode (§4.1 step 4)', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies());
    transport.onCommand(READ_REG, unsupportedReplies());
    const detected = await detect(client);
    expect(detected.definition.id).toBe('esp32s2');
    expect(detected.secureDownloadMode).toBe(true);
  });
});

describe('detectChip: expectations and flags', () => {
  it('a different chip than expected is connect.wrong-chip in esptool\'s words', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies());
    transport.onCommand(READ_REG, romReply(READ_REG, { value: 0x00f01d83 }));
    const error = (await rejectionWithFakeTimers(() => detectChip(client, 'esp32s3'))) as EspError;
    expect(error.code).toBe('connect.wrong-chip');
    expect(error.message).toBe('This chip is ESP32, not ESP32-S3.');
    expect(error.evidence).toMatchObject({ detected: 'ESP32', selected: 'ESP32-S3' });
  });

  it('the expected chip passes', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, romReply(GET_SECURITY_INFO, { payload: securityPayload({ chipId: 9 }) }));
    expect((await detect(client, 'esp32s3')).definition.id).toBe('esp32s3');
  });

  it.each([
    ['0x00000004', 1 << 2, true],
    ['0x00000001', 1 << 0, false],
    ['0x00000085', (1 << 0) | (1 << 2) | (1 << 7), true],
    ['0xFFFFFFFB', 0xfffffffb, false],
  ])('flags %s: secure download mode %s (bit 2)', async (_label, flags, expected) => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, romReply(GET_SECURITY_INFO, { payload: securityPayload({ flags, chipId: 5 }) }));
    expect((await detect(client)).secureDownloadMode).toBe(expected);
  });
});

describe('readSecurityInfo', () => {
  it('parses the 20-byte ROM form: the C6 example of §2.13', async () => {
    const { transport, client } = setup();
    const payload = securityPayload({ flags: 0x00000101, cryptCount: 3, purposes: [0, 0, 0, 0, 0, 0, 12], chipId: 13, apiVersion: 0 });
    transport.onCommand(GET_SECURITY_INFO, romReply(GET_SECURITY_INFO, { payload }));
    expect(await runWithFakeTimers(() => readSecurityInfo(client))).toEqual({
      flags: 0x101,
      flashCryptCount: 3,
      keyPurposes: [0, 0, 0, 0, 0, 0, 12],
      chipId: 13,
      apiVersion: 0,
    });
  });

  it('parses the 12-byte forms (ROM with 4 status bytes, stub with 2) without chip id', async () => {
    for (const reply of [romReply, stubReply]) {
      const { transport, client } = setup();
      transport.onCommand(GET_SECURITY_INFO, reply(GET_SECURITY_INFO, { payload: securityPayload({ flags: 4, purposes: [1, 2, 3, 4, 5, 6, 7] }) }));
      const info = await runWithFakeTimers(() => readSecurityInfo(client));
      expect(info).toEqual({ flags: 4, flashCryptCount: 0, keyPurposes: [1, 2, 3, 4, 5, 6, 7] });
    }
  });

  it('is undefined when the ROM does not support it', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies());
    expect(await runWithFakeTimers(() => readSecurityInfo(client))).toBeUndefined();
  });

  it('a timeout is not mistaken for "unsupported"', async () => {
    const { client } = setup();
    const error = (await rejectionWithFakeTimers(() => readSecurityInfo(client))) as EspError;
    expect(error.code).toBe('transfer.timeout');
  });
});
