import type { LogLine } from './log-lines';
import { LINE_SPACING_MS, type MonitorScan } from './monitor-scan';

/**
 * After an upload that went through (or in a monitor log): did the program start? The ROM or
 * second-stage bootloader complaining about the flash, a board that comes back in download
 * mode, or a boot loop with flash trouble mean it did not; a crash or the program's own log
 * lines mean it did (and then crashed or ran).
 */
export interface BootOutputReading {
  readonly started: boolean;
  readonly text: string;
}

const MAX_EVIDENCE_LINES = 8;
const STUCK_WARNING = /can not exit the download mode over USB|chip was placed into download mode/i;
/** Reports the program itself printed; a watchdog note may come from a ROM banner's reset reason alone. */
const CRASH_KINDS = new Set(['exception', 'guru-meditation', 'abort', 'stack-dump', 'backtrace']);
/** Restart patterns that, with no program output at all, mean the program never ran. */
const RESET_KINDS = new Set(['boot-loop', 'brownout']);

function joined(lines: readonly string[]): string {
  return [...new Set(lines)].slice(0, MAX_EVIDENCE_LINES).join('\n');
}

export function readBootOutput(lines: readonly LogLine[], scan: MonitorScan, afterIndex: number): BootOutputReading | undefined {
  const after = (line: LogLine): boolean => line.index > afterIndex;
  // esptool prints this warning before "Hard resetting", so it is looked for in the whole log.
  const stuckWarning = lines.find((line) => STUCK_WARNING.test(line.text));
  const banners = scan.banners.filter((seen) => after(seen.line));
  const downloadBanners = banners.filter((seen) => seen.banner.download);
  const trouble = scan.bootTrouble.filter(after);
  const program = scan.programOutput.filter(after);
  const notes = scan.notes.filter((note) => note.atMs > afterIndex * LINE_SPACING_MS);
  const crash = notes.find((note) => CRASH_KINDS.has(note.kind));
  const lastBanner = banners.at(-1);
  if (stuckWarning !== undefined || (lastBanner !== undefined && lastBanner.banner.download && program.length === 0)) {
    const text = joined([...(stuckWarning ? [stuckWarning.text] : []), ...downloadBanners.map((seen) => seen.banner.line), ...(lastBanner?.banner.waitingForDownload ? ['waiting for download'] : [])]);
    return { started: false, text };
  }
  if (trouble.length > 0 && program.length === 0 && crash === undefined) {
    return { started: false, text: joined([...banners.slice(0, 1).map((seen) => seen.banner.line), ...trouble.map((line) => line.text)]) };
  }
  if (crash !== undefined) return { started: true, text: joined([crash.title, ...crash.evidence]) };
  const resets = notes.find((note) => RESET_KINDS.has(note.kind));
  if (resets !== undefined && program.length === 0) return { started: false, text: joined([resets.title, ...resets.evidence]) };
  if (program.length > 0) return { started: true, text: joined(program.map((line) => line.text)) };
  return undefined;
}
