import { looksLikeText, parseBootBanner, printableText, type BootBanner } from '../../../src-shared/decode/boot-banner';
import { MonitorAnalyzer } from '../../../src-shared/decode/monitor-analyzer';
import type { MonitorNote } from '../../../src-shared/decode/monitor-note';

/**
 * What a board printed after a reset, read the way the monitor reads it: the last ROM banner,
 * and the monitor's notes (banner in words with the strap bits, watchdogs, brown-outs...).
 */
export interface BootOutput {
  readonly bytesReceived: number;
  readonly text: string;
  readonly readable: boolean;
  readonly banner?: BootBanner;
  readonly notes: readonly MonitorNote[];
}

export function readBootOutput(bytes: Uint8Array, family?: 'esp8266' | 'esp32'): BootOutput {
  const text = printableText(bytes, 1 << 16);
  const analyzer = new MonitorAnalyzer(family === undefined ? {} : { family });
  const notes: MonitorNote[] = [];
  let banner: BootBanner | undefined;
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    notes.push(...analyzer.line(line, index));
    // The first banner is the one the reset caused; later ones are the board resetting again.
    banner ??= parseBootBanner(line);
  }
  return {
    bytesReceived: bytes.length,
    text,
    readable: looksLikeText(bytes),
    ...(banner === undefined ? {} : { banner }),
    notes,
  };
}
