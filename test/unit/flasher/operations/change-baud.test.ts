import { describe, expect, it } from 'vitest';
import { changeBaudRate } from '../../../../src-main/flasher/operations/change-baud';
import type { EspError } from '../../../../src-shared/errors';
import { rejectionWithFakeTimers, runWithFakeTimers } from '../../../helpers/manual-clock';
import { ascii } from '../connection/wire-replies';
import { makeLink, words } from './link-kit';

/** CHANGE_BAUDRATE (fact sheet §2.11): answered at the old rate, then host switches, waits, flushes. */

const CHANGE_BAUDRATE = 0x0f;

describe('changeBaudRate', () => {
  it('stub: command at the old rate with (new, old), then the port switches, 50 ms later input is flushed', async () => {
    const kit = makeLink('esp32', true);
    kit.acknowledge(CHANGE_BAUDRATE);
    await runWithFakeTimers(() => changeBaudRate(kit.link, 921600));
    expect(words(kit.transport.commands[0]!.data)).toEqual([921600, 115200]);
    expect(kit.transport.timeline).toEqual(['write:0x0f', 'baud', 'flush']);
    const baud = kit.transport.events.find((event) => event.kind === 'baud')!;
    const flush = kit.transport.events.find((event) => event.kind === 'flush')!;
    expect(flush.atMs - baud.atMs).toBe(50);
    expect(kit.transport.baudRate).toBe(921600);
  });

  it('ROM: old rate sent as 0', async () => {
    const kit = makeLink('esp32s3', false);
    kit.acknowledge(CHANGE_BAUDRATE);
    await runWithFakeTimers(() => changeBaudRate(kit.link, 460800));
    expect(words(kit.transport.commands[0]!.data)).toEqual([460800, 0]);
  });

  it('the reply status is not checked (as esptool)', async () => {
    const kit = makeLink('esp32', true);
    kit.transport.onCommand(CHANGE_BAUDRATE, kit.reply(CHANGE_BAUDRATE, { status: 0xc0 }));
    await runWithFakeTimers(() => changeBaudRate(kit.link, 460800));
    expect(kit.transport.baudRate).toBe(460800);
  });

  it('bytes that arrived during the switch are dropped', async () => {
    const kit = makeLink('esp32', true);
    kit.transport.onCommand(CHANGE_BAUDRATE, [kit.reply(CHANGE_BAUDRATE), ascii('\x8f\xfe garbage')]);
    await runWithFakeTimers(() => changeBaudRate(kit.link, 460800));
    expect(kit.link.reader.takeNoise().bytes.length).toBe(0);
  });

  it('the same rate does nothing', async () => {
    const kit = makeLink('esp32', true);
    await runWithFakeTimers(() => changeBaudRate(kit.link, 115200));
    expect(kit.transport.events).toEqual([]);
  });

  it('the ESP8266 ROM cannot: transfer.unsupported-command, nothing sent', async () => {
    const kit = makeLink('esp8266', false);
    const error = (await rejectionWithFakeTimers(() => changeBaudRate(kit.link, 460800))) as EspError;
    expect(error.code).toBe('transfer.unsupported-command');
    expect(kit.transport.events).toEqual([]);
  });

  it('the ESP8266 stub can', async () => {
    const kit = makeLink('esp8266', true);
    kit.acknowledge(CHANGE_BAUDRATE);
    await runWithFakeTimers(() => changeBaudRate(kit.link, 460800));
    expect(kit.transport.baudRate).toBe(460800);
  });

  it('a driver refusing the rate: port.baud-unsupported', async () => {
    const kit = makeLink('esp32', true, { refusedBaudRates: [3_000_000] });
    kit.acknowledge(CHANGE_BAUDRATE);
    const error = (await rejectionWithFakeTimers(() => changeBaudRate(kit.link, 3_000_000))) as EspError;
    expect(error.code).toBe('port.baud-unsupported');
    expect(error.evidence.baudRate).toBe(3_000_000);
  });
});
