import type { LogLine } from './log-lines';
import type { PortMention, PortSource } from './log-observations';
import type { ToolCommand } from './tool-command';

/** Port names as tools print them: COM3, /dev/ttyUSB0, /dev/cu.usbserial-0001, rfc2217://host:port. */
const PORT = String.raw`(COM\d+|/dev/[\w./-]+|(?:rfc2217|socket)://[\w.:-]+)`;

const PATTERNS: readonly { readonly source: PortSource; readonly pattern: RegExp }[] = [
  { source: 'failed', pattern: new RegExp(String.raw`could not open (?:port )?['"]?${PORT}`, 'i') },
  { source: 'failed', pattern: new RegExp(String.raw`Could not open ${PORT}, the port`, 'i') },
  { source: 'failed', pattern: new RegExp(String.raw`\[Errno \d+\][^/]*?['"]?${PORT}['"]?$`) },
  { source: 'opened', pattern: new RegExp(String.raw`^Serial port ${PORT}`) },
  { source: 'opened', pattern: new RegExp(String.raw`^Connected to \S+ on ${PORT}`) },
  { source: 'opened', pattern: new RegExp(String.raw`^setting port from \S+ to ${PORT}`) },
  { source: 'opened', pattern: new RegExp(String.raw`^opening port ${PORT}`) },
  { source: 'auto-detected', pattern: new RegExp(String.raw`^Auto-detected:\s*${PORT}`) },
  { source: 'monitor', pattern: new RegExp(String.raw`^--- (?:idf_monitor|esp-idf-monitor[\d. ]*|Terminal|Miniterm) on ${PORT}`) },
];

export function readPortMentions(lines: readonly LogLine[], command: ToolCommand | undefined): PortMention[] {
  const mentions: PortMention[] = [];
  if (command?.port !== undefined) mentions.push({ port: command.port, source: 'command', line: command.line });
  for (const line of lines) {
    for (const { source, pattern } of PATTERNS) {
      const port = pattern.exec(line.text)?.[1];
      if (port !== undefined) {
        mentions.push({ port: port.replace(/[:'",.]+$/, ''), source, line });
        break;
      }
    }
  }
  return mentions;
}

/** Windows port names are case-insensitive; /dev names are not. */
export function samePort(left: string, right: string): boolean {
  return /^com\d+$/i.test(left) ? left.toLowerCase() === right.toLowerCase() : left === right;
}

/** The port the upload used: the one that failed, else the one opened, else the command's. */
export function mainPort(mentions: readonly PortMention[]): string | undefined {
  for (const source of ['failed', 'opened', 'auto-detected', 'command', 'monitor'] as const) {
    const found = mentions.find((mention) => mention.source === source);
    if (found) return found.port;
  }
  return undefined;
}
