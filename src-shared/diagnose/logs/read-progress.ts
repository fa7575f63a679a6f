import type { LogLine } from './log-lines';
import type { WriteProgressSeen } from './log-observations';

/**
 * How far a write got. esptool v2-v4 and esptool-js print "Writing at 0x00010000... (12 %)";
 * v5 prints "Writing at 0x00010000 [====>     ]  12.3% 16384/131072 bytes..."; esptool-ck prints
 * "Uploading N bytes ..." then one dot per block. The size comes from "Compressed N bytes to M"
 * (esptool reports progress over the uncompressed size).
 */
const WRITING_OLD = /^Writing at (0x[0-9a-f]+)\.*\s*\(\s*(\d+(?:\.\d+)?)\s*%\s*\)/i;
const WRITING_V5 = /^Writing at (0x[0-9a-f]+)\s*\[[=>\s-]*\]\s*(\d+(?:\.\d+)?)%\s*(?:(\d+)\/(\d+) bytes)?/i;
const COMPRESSED = /^Compressed (\d+) bytes to \d+/;
const CK_UPLOADING = /^Uploading (\d+) bytes from .* to flash at (0x[0-9a-f]+)/i;
const CK_DOTS = /^\.{3,}$/;
/** esptool-ck prints one dot per 0x400-byte block (its logs show 222 dots for a 226368-byte upload). */
export const CK_BLOCK_BYTES = 0x400;

export interface ProgressReading {
  readonly firstWriteLine?: LogLine;
  readonly lastWrite?: WriteProgressSeen;
  readonly writeTotalBytes?: number;
}

function ckProgress(lines: readonly LogLine[]): ProgressReading {
  let total: number | undefined;
  let offset: number | undefined;
  let first: LogLine | undefined;
  let last: WriteProgressSeen | undefined;
  for (const line of lines) {
    const upload = CK_UPLOADING.exec(line.text);
    if (upload) {
      total = Number(upload[1]);
      offset = Number.parseInt(upload[2]!, 16);
      continue;
    }
    if (total !== undefined && CK_DOTS.test(line.text)) {
      first ??= line;
      const doneBytes = Math.min(total, line.text.length * CK_BLOCK_BYTES);
      last = { percent: (doneBytes / total) * 100, doneBytes, totalBytes: total, line, ...(offset === undefined ? {} : { offset }) };
    }
  }
  return { ...(first === undefined ? {} : { firstWriteLine: first }), ...(last === undefined ? {} : { lastWrite: last }), ...(total === undefined ? {} : { writeTotalBytes: total }) };
}

export function readProgress(lines: readonly LogLine[], ck: boolean): ProgressReading {
  if (ck) return ckProgress(lines);
  let total: number | undefined;
  let first: LogLine | undefined;
  let last: WriteProgressSeen | undefined;
  for (const line of lines) {
    const compressed = COMPRESSED.exec(line.text);
    if (compressed) {
      total = Number(compressed[1]);
      continue;
    }
    const v5 = WRITING_V5.exec(line.text);
    const old = v5 ? undefined : WRITING_OLD.exec(line.text);
    const match = v5 ?? old;
    if (!match) continue;
    first ??= line;
    const percent = Number(match[2]);
    const offset = Number.parseInt(match[1]!, 16);
    const done = v5?.[3] === undefined ? undefined : Number(v5[3]);
    const size = v5?.[4] === undefined ? total : Number(v5[4]);
    last = {
      offset,
      percent,
      line,
      ...(done !== undefined ? { doneBytes: done } : size !== undefined ? { doneBytes: Math.round((percent / 100) * size) } : {}),
      ...(size === undefined ? {} : { totalBytes: size }),
    };
  }
  return { ...(first === undefined ? {} : { firstWriteLine: first }), ...(last === undefined ? {} : { lastWrite: last }), ...(total === undefined ? {} : { writeTotalBytes: total }) };
}
