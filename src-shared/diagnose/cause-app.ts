import { CHIPS } from '../chips';
import { chipName, hex, item } from './cause-evidence';
import type { CauseText, CauseWriter } from './cause-types';
import type { DiagnosisStep, EvidenceItem, FailureFacts } from './diagnosis';

/**
 * Written and verified, but the program does not run. Which part of the image is wrong:
 * another chip's build, the bootloader at the wrong offset, a flash mode the flash chip cannot
 * do, or a flash size larger than the chip. Checked in that order: the earlier ones can never
 * boot, the later ones only on some boards.
 */

const FLASH_MODE_STEP: DiagnosisStep = {
  title: 'Flash again with flash mode DIO',
  detail: 'Many modules only boot with dio; the flash-mode check reads the header back and compares it with what the flash chip supports.',
  check: 'flash-mode',
};

const READ_FAIL_TEXT = /flash read err|invalid header|ets_main\.c|csum err|checksum/i;
const CRASH_TEXT = /guru meditation|fatal exception|panic|abort\(\)|backtrace|exception \(\d+\)/i;

const SIZE_UNITS: Readonly<Record<string, number>> = { KB: 1024, MB: 1024 * 1024 };

function sizeBytes(text: string | undefined): number | undefined {
  const match = /^(\d+)\s*(KB|MB)$/i.exec(text?.trim() ?? '');
  if (match === null) return undefined;
  return Number(match[1]) * (SIZE_UNITS[(match[2] ?? 'MB').toUpperCase()] ?? 0);
}

const ERROR_LINE = /invalid|error|fail|E \(\d+\)/i;

/** The most telling line of the boot output: a read failure or crash, else an error, else the last line. */
function tellingLine(text: string | undefined): string | undefined {
  const lines = (text ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  return lines.find((line) => READ_FAIL_TEXT.test(line) || CRASH_TEXT.test(line)) ?? lines.find((line) => ERROR_LINE.test(line)) ?? lines.at(-1);
}

function bootEvidence(facts: FailureFacts): EvidenceItem[] {
  const line = tellingLine(facts.bootOutput?.text);
  return [item('Program started', 'no'), ...(line === undefined ? [] : [item('Boot output', line.slice(0, 160))])];
}

function otherChip(facts: FailureFacts): CauseText | undefined {
  const imageChip = facts.image?.chip;
  if (imageChip === undefined || facts.chip === undefined || imageChip === facts.chip) return undefined;
  return {
    title: `The image was built for ${chipName(imageChip)}, but the board has ${chipName(facts.chip)}`,
    explanation: 'The ROM found a bootloader made for another chip, which cannot start here.',
    evidence: [item('Image built for', chipName(imageChip)), item('Chip on the board', chipName(facts.chip))],
    steps: [{ title: `Rebuild the firmware for ${chipName(facts.chip)} and flash it again`, detail: 'Select the matching target (idf.py set-target, the Arduino board menu, PlatformIO board =).' }],
    detail: 'image built for another chip',
  };
}

function wrongOffset(facts: FailureFacts): CauseText | undefined {
  const offset = facts.image?.bootloaderOffset;
  if (offset === undefined || facts.chip === undefined || facts.chip === 'esp8266') return undefined;
  const expected = CHIPS[facts.chip].bootloaderOffset;
  if (offset === expected) return undefined;
  const name = chipName(facts.chip);
  return {
    title: `The bootloader is at ${hex(offset)}, but the ${name} loads it from ${hex(expected)}`,
    explanation: `The ROM of the ${name} looks for the second-stage bootloader at ${hex(expected)}; at the address used nothing valid is found, so it stops or loops with "invalid header".`,
    evidence: [item('Bootloader written at', hex(offset)), item(`${name} expects it at`, hex(expected))],
    steps: [
      { title: `Write bootloader.bin at ${hex(expected)}`, detail: 'Other chips use other offsets (ESP32 and S2: 0x1000; S3, C2, C3, C6, H2: 0x0; C5 and P4: 0x2000). Copy the offsets from the build output (flash_args or the IDE log).' },
      FLASH_MODE_STEP,
    ],
    detail: 'bootloader at the wrong offset',
  };
}

function tooBig(facts: FailureFacts): CauseText | undefined {
  const headerBytes = sizeBytes(facts.image?.flashSize);
  const actual = facts.flashSizeBytes;
  if (headerBytes === undefined || actual === undefined || headerBytes <= actual) return undefined;
  const actualWords = `${actual / (1024 * 1024)}MB`;
  return {
    title: `The image expects ${facts.image?.flashSize ?? '?'} of flash, the board has ${actualWords}`,
    explanation: 'The bootloader and partition table address flash beyond the end of the chip, so reads wrap around or fail and the program does not start.',
    evidence: [item('Flash size in the image', facts.image?.flashSize ?? '?'), item('Flash on the board', actualWords)],
    steps: [{ title: `Flash again with flash size ${actualWords} (or "detect")`, detail: 'Or rebuild with a partition table that fits the board.', check: 'flash-mode' }],
    detail: 'flash size larger than the chip',
  };
}

function quadMode(facts: FailureFacts): CauseText | undefined {
  const mode = facts.image?.flashMode?.toLowerCase();
  const text = facts.bootOutput?.text ?? '';
  const readFailed = READ_FAIL_TEXT.test(text);
  if (mode !== 'qio' && mode !== 'qout' && !(mode === undefined && readFailed)) return undefined;
  const modeWords = mode === undefined ? 'a quad mode' : mode.toUpperCase();
  return {
    title: mode === undefined ? 'The chip cannot read its flash at boot' : `The image asks for flash mode ${modeWords}, which this flash may not support`,
    explanation: `Writing works in any mode, but at boot the chip reads the flash the way the header says. Flash chips wired for two data lines cannot be read in ${modeWords}, so the ROM finds garbage${readFailed ? ' (see the boot output)' : ''} and the program never starts.`,
    evidence: [...(mode === undefined ? [] : [item('Flash mode in the image', modeWords)])],
    steps: [FLASH_MODE_STEP, { title: 'Free GPIO9 and GPIO10', detail: 'In QIO and QOUT the flash uses GPIO9 and GPIO10 as data lines; anything else wired to them breaks the boot.' }],
    detail: 'flash mode the flash chip does not support',
  };
}

function crashes(facts: FailureFacts): CauseText | undefined {
  if (!CRASH_TEXT.test(facts.bootOutput?.text ?? '')) return undefined;
  return {
    title: 'The program starts and crashes right away',
    explanation: 'The image was written and the chip loads it, but the program crashes during start-up. The flashing itself is fine; the boot output shows the crash.',
    evidence: [],
    steps: [
      { title: 'Open the monitor and read the crash', detail: 'The monitor decodes the exception and backtrace; load the program\'s .elf file to see function names.' },
      FLASH_MODE_STEP,
    ],
    detail: 'program crashes at start-up',
  };
}

function generic(facts: FailureFacts): CauseText {
  const native = facts.nativeUsb === true;
  return {
    title: 'The program was written but does not start',
    explanation: 'The write finished and verified, but no program output followed the reset. The usual reasons: a flash mode the flash chip cannot do, files at the wrong offsets, or an image for another chip or flash size.',
    evidence: [],
    steps: [
      FLASH_MODE_STEP,
      { title: 'Check the offsets of every file', detail: 'Bootloader, partition table (0x8000) and app (usually 0x10000) must sit where the build says; copy them from the build output.' },
      native
        ? { title: 'Press RESET once after flashing', detail: 'A chip put into download mode by hand stays there after flashing until it is reset with the boot pin high.' }
        : { title: 'Watch the boot output at the ROM baud rate', detail: 'The ROM reports flash read errors before the program starts.', check: 'boot-mode' },
    ],
  };
}

export const appNotRunning: CauseWriter = (facts) => {
  const specific = otherChip(facts) ?? wrongOffset(facts) ?? tooBig(facts) ?? crashes(facts) ?? quadMode(facts) ?? generic(facts);
  return { ...specific, evidence: [...specific.evidence, ...bootEvidence(facts)] };
};
