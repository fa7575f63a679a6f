import type { LoaderLink } from './loader-link';
import { EspError } from '../../../src-shared/errors';
import { Op } from '../protocol/opcodes';
import { changeBaudPayload } from '../protocol/payloads';

const SETTLE_MS = 50;

/**
 * CHANGE_BAUDRATE: the chip answers at the old rate and then switches; the host follows, waits
 * 50 ms and drops whatever arrived in between (fact sheet §2.11). The ESP8266 ROM cannot.
 */
export async function changeBaudRate(link: LoaderLink, baudRate: number): Promise<void> {
  const oldBaudRate = link.transport.baudRate;
  if (baudRate === oldBaudRate) return;
  if (!link.stub && !link.definition.rom.changeBaudRate) {
    throw new EspError('transfer.unsupported-command', {
      message: `The ${link.definition.name} ROM loader cannot change the baud rate; it stays at ${oldBaudRate}.`,
      hint: 'Use the flasher stub (leave out --no-stub) to flash faster.',
      evidence: { requestedBaudRate: baudRate },
    });
  }
  await link.client.command(Op.CHANGE_BAUDRATE, changeBaudPayload(baudRate, link.stub ? oldBaudRate : 0), {
    allowFailure: true,
  });
  try {
    await link.transport.setBaudRate(baudRate);
  } catch (error) {
    throw new EspError('port.baud-unsupported', {
      message: `The serial driver refused ${baudRate} baud.`,
      evidence: { baudRate, detail: error instanceof Error ? error.message : String(error) },
      cause: error,
    });
  }
  await link.clock.sleep(SETTLE_MS, link.signal);
  await link.transport.flushInput();
  link.reader.clear();
}
