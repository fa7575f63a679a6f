import type { TraceEvent } from '../../src-shared/reset/trace';
import type { CommandTraceEvent } from '../flasher/protocol/command-client';
import { opcodeName } from '../flasher/protocol/opcodes';
import { toHex } from '../flasher/protocol/packets';
import type { CliStreams } from './cli-output';

const MAX_DUMP_BYTES = 64;

function dump(bytes: Uint8Array): string {
  const shown = toHex(bytes.subarray(0, MAX_DUMP_BYTES));
  return bytes.length > MAX_DUMP_BYTES ? `${shown} ... (${bytes.length} bytes)` : shown;
}

/** --trace: raw traffic and line changes with timestamps, like esptool's --trace. */
export function createTracePrinter(streams: CliStreams): (event: TraceEvent) => void {
  return (event) => {
    const at = `TRACE +${(event.atMs / 1000).toFixed(3)}`;
    switch (event.kind) {
      case 'open':
        streams.err(`${at} open ${event.path} at ${event.baudRate} baud\n`);
        break;
      case 'lines':
        streams.err(`${at} lines DTR=${event.dtr ? 1 : 0} RTS=${event.rts ? 1 : 0}\n`);
        break;
      case 'tx':
        streams.err(`${at} write ${event.bytes.length} bytes: ${dump(event.bytes)}\n`);
        break;
      case 'rx':
        streams.err(`${at} read ${event.bytes.length} bytes: ${dump(event.bytes)}\n`);
        break;
      case 'baud':
        streams.err(`${at} baud ${event.baudRate}\n`);
        break;
      case 'mark':
        streams.err(`${at} ${event.label}\n`);
        break;
      case 'close':
        streams.err(`${at} close\n`);
        break;
    }
  };
}

/** Command-level view of the same traffic: which command, which reply. */
export function createCommandTracePrinter(streams: CliStreams): (event: CommandTraceEvent) => void {
  return (event) => {
    switch (event.kind) {
      case 'command':
        streams.err(`TRACE command ${opcodeName(event.op)} (${event.dataBytes} data bytes)\n`);
        break;
      case 'response':
        streams.err(`TRACE reply ${opcodeName(event.op)} value=0x${event.value.toString(16)} data=${dump(event.data)}\n`);
        break;
      case 'skipped':
        streams.err(`TRACE skipped frame ${dump(event.frame)}\n`);
        break;
    }
  };
}
