import type { FileResult, ProgressReport, SessionEvent } from '../../src-shared/flash-job';
import { formatRevision } from '../../src-shared/flash-job';
import { formatFlashSize } from '../../src-shared/flash';
import type { CliStreams } from './cli-output';
import { hex } from './cli-output';

const BAR_WIDTH = 30;
const NON_INTERACTIVE_STEP_PERCENT = 10;

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}

function progressLine(progress: ProgressReport): string {
  const fraction = progress.totalBytes === 0 ? 1 : progress.doneBytes / progress.totalBytes;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'='.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}`;
  const verb = progress.operation === 'read' ? 'Reading' : 'Writing';
  const rate = progress.bytesPerSecond > 0 ? `, ${((progress.bytesPerSecond * 8) / 1000).toFixed(0)} kbit/s` : '';
  const eta = progress.etaMs !== undefined && fraction < 1 ? `, ${formatDuration(progress.etaMs)} left` : '';
  const name = progress.fileName ? `${progress.fileName} ` : '';
  return `${verb} ${name}[${bar}] ${(fraction * 100).toFixed(1)}% ${progress.doneBytes}/${progress.totalBytes} bytes${rate}${eta}`;
}

function fileDoneLine(result: FileResult): string {
  if (result.skippedBytes !== undefined && result.skippedBytes > 0) {
    const written = result.sizeBytes - result.skippedBytes;
    const check = result.verified ? 'Hash of data verified.' : 'Not verified.';
    return `${hex(result.offset)}: ${result.skippedBytes} of ${result.sizeBytes} bytes already on the chip, wrote ${written} bytes in ${result.seconds.toFixed(1)} seconds.\n${check}`;
  }
  const compressed = result.wireBytes < result.sizeBytes ? ` (${result.wireBytes} compressed)` : '';
  const rate = result.seconds > 0 ? ((result.sizeBytes * 8) / result.seconds / 1000).toFixed(1) : '-';
  const check = result.verified ? 'Hash of data verified.' : 'Not verified.';
  return `Wrote ${result.sizeBytes} bytes${compressed} at ${hex(result.offset)} in ${result.seconds.toFixed(1)} seconds (${rate} kbit/s).\n${check}`;
}

/**
 * Prints session events like esptool does: "Connecting....", chip facts, a progress bar that
 * redraws in place on a terminal (every 10 % otherwise), and one line per finished file.
 */
export function createEventPrinter(streams: CliStreams): (event: SessionEvent) => void {
  let progressOpen = false;
  let lastStepPercent = -1;
  let connecting = false;
  const endProgress = (): void => {
    if (progressOpen) streams.err('\n');
    progressOpen = false;
  };
  return (event) => {
    switch (event.kind) {
      case 'phase':
        if (event.phase === 'connecting') {
          streams.err('Connecting');
          connecting = true;
        } else if (event.phase !== 'writing' && event.phase !== 'verifying' && event.phase !== 'done' && event.phase !== 'reading') {
          if (connecting) streams.err('\n');
          connecting = false;
          endProgress();
          streams.err(`${event.message}...\n`);
        }
        break;
      case 'connect-attempt':
        streams.err('.');
        break;
      case 'chip': {
        if (connecting) streams.err('\n');
        connecting = false;
        const info = event.info;
        streams.err(`Chip is ${info.description} (revision ${formatRevision(info.revision)})\n`);
        streams.err(`Features: ${info.features.join(', ')}\n`);
        streams.err(`Crystal is ${info.crystalMhz}MHz\nMAC: ${info.mac}\n`);
        if (info.flashSizeBytes !== undefined) {
          const maker = info.flashManufacturer ? ` ${info.flashManufacturer}` : '';
          const id = info.flashId !== undefined ? ` (JEDEC id ${hex(info.flashId, 6)})` : '';
          streams.err(`Flash: ${formatFlashSize(info.flashSizeBytes)}${maker}${id}\n`);
        }
        streams.err(info.stubRunning ? 'Stub flasher running.\n' : 'Using the ROM loader (no stub).\n');
        break;
      }
      case 'progress': {
        const percent = event.progress.totalBytes === 0 ? 100 : (event.progress.doneBytes / event.progress.totalBytes) * 100;
        if (streams.interactive) {
          streams.err(`\r${progressLine(event.progress)}\u001b[K`);
          progressOpen = true;
        } else {
          const step = Math.floor(percent / NON_INTERACTIVE_STEP_PERCENT);
          if (step !== lastStepPercent) streams.err(`${progressLine(event.progress)}\n`);
          lastStepPercent = percent >= 100 ? -1 : step;
        }
        break;
      }
      case 'file-done':
        endProgress();
        lastStepPercent = -1;
        streams.err(`${fileDoneLine(event.result)}\n`);
        break;
      case 'note':
        if (connecting) streams.err('\n');
        connecting = false;
        endProgress();
        streams.err(`Note: ${event.message}\n`);
        break;
    }
  };
}
