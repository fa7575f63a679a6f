import type { CliCommand } from '../cli-context';

/** Lists serial ports with the USB bridge behind each, and the virtual boards. */
export const listPortsCommand: CliCommand = {
  name: 'list-ports',
  summary: 'List serial ports (with the USB bridge behind each) and virtual boards',
  usage: 'list-ports',
  options: {},
  talksToBoard: false,
  async run(context) {
    const ports = await context.deps.listPorts();
    const native = ports.filter((port) => port.kind === 'native');
    const virtual = ports.filter((port) => port.kind === 'virtual');
    const width = Math.max(12, ...ports.map((port) => port.path.length));
    const lines: string[] = [];
    lines.push(native.length > 0 ? 'Serial ports:' : 'Serial ports: none found (plug in a board)');
    for (const port of native) lines.push(`  ${port.path.padEnd(width)}  ${port.description}`);
    lines.push('Virtual boards (use with --port):');
    for (const port of virtual) lines.push(`  ${port.path.padEnd(width)}  ${port.description}`);
    context.streams.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
