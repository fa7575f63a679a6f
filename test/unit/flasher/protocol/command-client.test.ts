import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../../../src-main/flasher/connection/frame-reader';
import { CommandClient, type CommandTraceEvent } from '../../../../src-main/flasher/protocol/command-client';
import type { EspError } from '../../../../src-shared/errors';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { ScriptedTransport } from '../../../helpers/scripted-transport';
import { ascii, rawFrame, responseFrame, romReply, stubReply, unsupportedReplies } from '../connection/wire-replies';
import { hexBytes } from '../slip/hex-bytes';

/**
 * CommandClient against the fact sheet §1 (framing, matching, status bytes, errors). Reply bytes
 * are written out by hand or taken from the traces the fact sheet quotes.
 */

const READ_REG = 0x0a;
const FLASH_BEGIN = 0x02;
const GET_SECURITY_INFO = 0x14;
const SYNC = 0x08;
const MAGIC_ADDRESS_PAYLOAD = hexBytes('00 10 00 40');

function setup(options: { chunkBytes?: number; signal?: AbortSignal } = {}) {
  const transport = new ScriptedTransport(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes });
  const reader = new FrameReader(transport);
  const trace: CommandTraceEvent[] = [];
  const client = new CommandClient(transport, reader, options.signal, (event) => trace.push(event));
  return { transport, reader, client, trace };
}

async function failure(work: () => Promise<unknown>): Promise<EspError> {
  return (await rejectionWithFakeTimers(work)) as EspError;
}

describe('CommandClient: request framing', () => {
  it('writes READ_REG 0x40001000 exactly as §1.2 lays it out', async () => {
    const { transport, client } = setup();
    transport.onCommand(READ_REG, romReply(READ_REG, { value: 0x00f01d83 }));
    await client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD);
    const written = transport.events.find((event) => event.kind === 'write');
    expect(written?.kind === 'write' ? Array.from(written.bytes) : []).toEqual(
      Array.from(hexBytes('C0 00 0A 04 00 00 00 00 00 00 10 00 40 C0')),
    );
  });

  it('puts the checksum in the header word', async () => {
    const { transport, client } = setup();
    transport.onCommand(0x07, romReply(0x07));
    await client.command(0x07, hexBytes('01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 AA'), { checksum: 0xef ^ 0xaa });
    expect(transport.commands[0]?.checksum).toBe(0x45);
  });
});

describe('CommandClient: response matching (§1.7)', () => {
  it('reads the ESP32 ROM READ_REG reply from trace #613', async () => {
    const { transport, client } = setup();
    transport.onCommand(READ_REG, rawFrame(hexBytes('01 0a 04 00 83 1d f0 00 00 00 00 00')));
    const result = await client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD);
    expect(result.value).toBe(0x00f01d83);
    expect(result.status.ok).toBe(true);
  });

  it('reads the ESP8266 ROM READ_REG reply with 2 status bytes from trace #620', async () => {
    const { transport, client } = setup();
    transport.onCommand(READ_REG, rawFrame(hexBytes('01 0a 02 00 01 c1 f0 ff 00 00')));
    const result = await client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD);
    expect(result.value >>> 0).toBe(0xfff0c101);
    expect(result.status.ok).toBe(true);
  });

  it('skips frames that are not responses and responses to other commands', async () => {
    const { transport, client, trace } = setup();
    transport.onCommand(READ_REG, [
      rawFrame([0x01, 0x0a]), // shorter than 8 bytes
      rawFrame(hexBytes('00 0a 04 00 00 00 00 00 00 00 00 00')), // direction 0
      romReply(SYNC, { value: 0x20120707 }), // another opcode, status OK
      romReply(READ_REG, { value: 0x12345678 }),
    ]);
    const result = await client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD);
    expect(result.value).toBe(0x12345678);
    expect(trace.filter((event) => event.kind === 'skipped')).toHaveLength(2);
    expect(trace.filter((event) => event.kind === 'response').map((event) => event.op)).toEqual([SYNC, READ_REG]);
  });

  it('reassembles a reply delivered one byte at a time, with escaped C0/DB in the value', async () => {
    const { transport, client } = setup({ chunkBytes: 1 });
    transport.onCommand(READ_REG, romReply(READ_REG, { value: 0xdbc0dbc0 }));
    const result = await client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD);
    expect(result.value >>> 0).toBe(0xdbc0dbc0);
  });

  it('accepts the reply after 99 unrelated frames', async () => {
    const { transport, client } = setup();
    const unrelated = romReply(SYNC);
    transport.onCommand(READ_REG, [...Array.from({ length: 99 }, () => unrelated), romReply(READ_REG, { value: 5 })]);
    expect((await client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD)).value).toBe(5);
  });

  it('gives up after 100 other frames with a "reply does not match" error, not a timeout (esptool: Response doesn\'t match request)', async () => {
    const { transport, client } = setup();
    const unrelated = romReply(SYNC);
    transport.onCommand(READ_REG, [...Array.from({ length: 100 }, () => unrelated), romReply(READ_REG, { value: 5 })]);
    const error = await failure(() => client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD, { timeoutMs: 500 }));
    expect(error.code).toBe('transfer.invalid-packet');
    expect(error.message).not.toMatch(/No reply/);
  });

  it('the payload comes before the status bytes; a payloadBytes function is applied to the data', async () => {
    const { transport, client } = setup();
    const payload = Array.from({ length: 20 }, (_, index) => index + 1);
    transport.onCommand(GET_SECURITY_INFO, romReply(GET_SECURITY_INFO, { payload }));
    const seen: number[] = [];
    const result = await client.command(GET_SECURITY_INFO, new Uint8Array(0), {
      payloadBytes: (data) => {
        seen.push(data.length);
        return 20;
      },
    });
    expect(seen).toEqual([24]);
    expect(Array.from(result.payload)).toEqual(payload);
    expect(result.status.ok).toBe(true);
  });
});

describe('CommandClient: unsupported commands', () => {
  it('turns the ROM pattern (other opcode, 01 05) into transfer.unsupported-command and drains the rest', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies({ count: 8 }));
    transport.onCommand(READ_REG, romReply(READ_REG, { value: 0x00f01d83 }));
    const error = await failure(() => client.command(GET_SECURITY_INFO, new Uint8Array(0)));
    expect(error.code).toBe('transfer.unsupported-command');
    expect(error.evidence.command).toBe('GET_SECURITY_INFO');
    // The 7 other frames were drained: the next command sees only its own reply.
    const next = await runWithFakeTimers(() => client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD));
    expect(next.value).toBe(0x00f01d83);
  });

  it('recognises the ESP8266 form of the pattern (2 status bytes)', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, unsupportedReplies({ count: 8, statusBytes: 2 }));
    expect((await failure(() => client.command(GET_SECURITY_INFO, new Uint8Array(0)))).code).toBe('transfer.unsupported-command');
  });

  it.each([
    ['new stub C3 00', 0xc3],
    ['legacy stub FF 00', 0xff],
  ])('treats the %s answer as unsupported', async (_name, code) => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, stubReply(GET_SECURITY_INFO, { status: code }));
    expect((await failure(() => client.command(GET_SECURITY_INFO, new Uint8Array(0)))).code).toBe('transfer.unsupported-command');
  });
});

describe('CommandClient: failed status', () => {
  it('status 01 07 is transfer.command-failed "result was 0107" (checksum error)', async () => {
    const { transport, client } = setup();
    transport.onCommand(0x03, romReply(0x03, { status: 1, error: 0x07 }));
    const error = await failure(() => client.command(0x03, new Uint8Array(16)));
    expect(error.code).toBe('transfer.command-failed');
    expect(error.message).toContain('result was 0107');
    expect(error.evidence.result).toBe('0107');
    expect(String(error.evidence.meaning)).toMatch(/checksum/i);
  });

  it('reads the S3 FLASH_BEGIN failure from trace #952 as result 0164', async () => {
    const { transport, client } = setup();
    transport.onCommand(FLASH_BEGIN, rawFrame(hexBytes('01 02 04 00 00 00 00 00 01 64 00 00')));
    const error = await failure(() => client.command(FLASH_BEGIN, new Uint8Array(16)));
    expect(error.code).toBe('transfer.command-failed');
    expect(error.evidence.result).toBe('0164');
  });

  it('a stub error C1 00 is result C100', async () => {
    const { transport, client } = setup();
    transport.onCommand(0x03, stubReply(0x03, { status: 0xc1 }));
    const error = await failure(() => client.command(0x03, new Uint8Array(16)));
    expect(error.code).toBe('transfer.command-failed');
    expect(error.evidence.result).toBe('C100');
  });

  it('allowFailure returns the failed status instead of throwing', async () => {
    const { transport, client } = setup();
    transport.onCommand(0x0f, romReply(0x0f, { status: 1, error: 0x05 }));
    const result = await client.command(0x0f, new Uint8Array(8), { allowFailure: true });
    expect(result.status).toMatchObject({ ok: false, status: 1, error: 5, resultCode: 0x0105 });
  });

  it('an error reply without the expected payload is read from its first two bytes (esptool check_command)', async () => {
    const { transport, client } = setup();
    // Legacy stub MD5 read failure: 63 00 with no digest.
    transport.onCommand(0x13, stubReply(0x13, { status: 0x63 }));
    const error = await failure(() => client.command(0x13, new Uint8Array(16), { payloadBytes: 16 }));
    expect(error.code).toBe('transfer.command-failed');
    expect(error.evidence.result).toBe('6300');
  });

  it('a stub "not implemented" (FF 00) for a command that expects a payload is unsupported, not a short packet', async () => {
    const { transport, client } = setup();
    transport.onCommand(GET_SECURITY_INFO, stubReply(GET_SECURITY_INFO, { status: 0xff }));
    const error = await failure(() => client.command(GET_SECURITY_INFO, new Uint8Array(0), { payloadBytes: 12 }));
    expect(error.code).toBe('transfer.unsupported-command');
  });

  it('a reply too short for its status bytes is transfer.invalid-packet', async () => {
    const { transport, client } = setup();
    transport.onCommand(READ_REG, responseFrame(READ_REG, 0, [0]));
    expect((await failure(() => client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD))).code).toBe('transfer.invalid-packet');
  });
});

describe('CommandClient: no valid reply', () => {
  it('silence is transfer.timeout after the timeout', async () => {
    const { client } = setup();
    const error = await failure(() => client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD, { timeoutMs: 300 }));
    expect(error.code).toBe('transfer.timeout');
    expect(error.message).toContain('READ_REG');
    expect(error.evidence.timeoutMs).toBe(300);
  });

  it('garbage is transfer.invalid-packet with the bytes as hex and text', async () => {
    const { transport, client } = setup();
    transport.onCommand(READ_REG, Uint8Array.from([0x41, 0x42, 0xfe, 0x00, 0x43]));
    const error = await failure(() => client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD, { timeoutMs: 100 }));
    expect(error.code).toBe('transfer.invalid-packet');
    expect(error.message).toContain('0x41');
    expect(error.evidence.receivedHex).toBe('41 42 fe 00 43');
    expect(error.evidence.receivedText).toBe('AB..C');
    expect(error.evidence.receivedBytes).toBe(5);
  });

  const esp32Banner =
    'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\nconfigsip: 0, SPIWP:0xee\r\n';

  it('an ESP32 boot banner instead of a reply is transfer.chip-reset with the banner line', async () => {
    const { transport, client } = setup();
    transport.onCommand(0x03, ascii(esp32Banner));
    const error = await failure(() => client.command(0x03, new Uint8Array(16), { timeoutMs: 100 }));
    expect(error.code).toBe('transfer.chip-reset');
    expect(error.evidence.bootBanner).toBe('rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)');
  });

  it('a brown-out reset is power.brownout', async () => {
    const { transport, client } = setup();
    const text =
      '\r\nBrownout detector was triggered\r\n\r\nets Jul 29 2019 12:21:46\r\n\r\nrst:0xf (RTCWDT_BROWN_OUT_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n';
    transport.onCommand(0x03, ascii(text));
    const error = await failure(() => client.command(0x03, new Uint8Array(16), { timeoutMs: 100 }));
    expect(error.code).toBe('power.brownout');
    expect(String(error.evidence.bootBanner)).toContain('RTCWDT_BROWN_OUT_RESET');
  });

  it('a reply cut off mid-frame, then a banner, is transfer.chip-reset', async () => {
    const { transport, client } = setup();
    const partial = hexBytes('C0 01 03 04 00 00 00 00');
    transport.onCommand(0x03, [partial, ascii(esp32Banner)]);
    const error = await failure(() => client.command(0x03, new Uint8Array(16), { timeoutMs: 100 }));
    expect(error.code).toBe('transfer.chip-reset');
    expect(String(error.evidence.bootBanner)).toContain('boot:0x13');
  });

  it('a reply that stops part way (no banner, no noise) is a timeout "stopped part way", as esptool\'s "Packet content transfer stopped"', async () => {
    const { transport, client } = setup();
    transport.onCommand(READ_REG, hexBytes('C0 01 0A 04 00 83 1D'));
    const error = await failure(() => client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD, { timeoutMs: 100 }));
    expect(error.code).toBe('transfer.timeout');
    expect(error.message).toMatch(/part way/);
  });

  it('cancelling while waiting is operation.cancelled', async () => {
    const controller = new AbortController();
    const { client } = setup({ signal: controller.signal });
    const pending = client.command(READ_REG, MAGIC_ADDRESS_PAYLOAD, { timeoutMs: 10_000 });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'operation.cancelled' });
  });

  it('sendFrame refuses after cancel', async () => {
    const controller = new AbortController();
    const { client, transport } = setup({ signal: controller.signal });
    controller.abort();
    await expect(client.sendFrame(new Uint8Array(4))).rejects.toMatchObject({ code: 'operation.cancelled' });
    expect(transport.events).toHaveLength(0);
  });

  it('readRawFrame returns a raw frame, or names what it waited for on timeout', async () => {
    const { transport, client } = setup();
    transport.emit(rawFrame(ascii('OHAI')));
    expect(Buffer.from(await client.readRawFrame(100, 'stub hello')).toString()).toBe('OHAI');
    const error = await failure(() => client.readRawFrame(100, 'flash data'));
    expect(error.code).toBe('transfer.timeout');
    expect(error.message).toContain('flash data');
    expect(error.evidence.waitingFor).toBe('flash data');
  });
});
