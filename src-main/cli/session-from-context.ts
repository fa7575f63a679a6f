import { EspError } from '../../src-shared/errors';
import { RecordingTransport } from '../diagnostics/recording-transport';
import type { SessionOptions } from '../flasher/session/session-options';
import type { CommandContext } from './cli-context';
import { createEventPrinter } from './progress-printer';
import { createCommandTracePrinter, createTracePrinter } from './trace-printer';

/**
 * The port to use: --port, $ESPTOOL_PORT, or the only real port present. With several ports the
 * user has to choose (esptool tries them all; picking the wrong board silently is worse).
 */
export async function resolvePort(context: CommandContext): Promise<string> {
  if (context.global.port) return context.global.port;
  const ports = (await context.deps.listPorts()).filter((port) => port.kind === 'native');
  if (ports.length === 1) return ports[0]!.path;
  if (ports.length === 0) {
    throw new EspError('port.not-found', {
      message: 'No serial port was found and none was given.',
      hint: 'Plug the board in and pass --port, or try a virtual board: --port sim:esp32 (see list-ports).',
      evidence: {},
    });
  }
  throw new EspError('input.invalid', {
    message: `Several serial ports are present; pick one with --port.`,
    hint: 'Run list-ports to see which is which.',
    evidence: { ports: ports.map((port) => `${port.path}  ${port.description}`) },
  });
}

export function sessionOptions(context: CommandContext, port: string): SessionOptions {
  const { global, deps, streams } = context;
  const tracePrinter = global.trace ? createTracePrinter(streams) : undefined;
  return {
    port,
    openTransport: deps.openTransport,
    platform: deps.platform,
    signal: context.signal,
    before: global.before,
    noStub: global.noStub,
    ...(global.baudRate !== undefined ? { baudRate: global.baudRate } : {}),
    ...(global.chip ? { chip: global.chip } : {}),
    ...(global.connectAttempts !== undefined ? { connectAttempts: global.connectAttempts } : {}),
    ...(global.resetMethod ? { resetMethod: global.resetMethod } : {}),
    ...(global.customResetSequence !== undefined ? { customResetSequence: global.customResetSequence } : {}),
    onEvent: createEventPrinter(streams),
    ...(tracePrinter
      ? {
          wrapTransport: (transport) => new RecordingTransport(transport, tracePrinter),
          onTrace: createCommandTracePrinter(streams),
        }
      : {}),
  };
}
