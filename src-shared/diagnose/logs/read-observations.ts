import { CHIPS, type ChipId } from '../../chips';
import { chipFromName } from './chip-names';
import type { LogFormat } from './detect-format';
import { firstMatch, lastMatch, type LogLine } from './log-lines';
import type { LogObservations } from './log-observations';
import { readPortMentions } from './read-ports';
import { readProgress } from './read-progress';
import { findToolCommand } from './tool-command';

const DETECTED_CHIP = [
  /^Chip is (ESP\S+(?: \([^)]*\))?)/i,
  /^Chip type:\s+(ESP\S+(?: \([^)]*\))?)/i,
  /^Connected to (ESP\S+) on /i,
  /This chip is (ESP[\w-]+), not/i,
  /^Detecting chip type\.*\s*(ESP[\w-]+)/i,
];
const CK_BOARD = /^setting board to (\S+)/;
const CK_BAUD = /^setting baudrate from \d+ to (\d+)/;
const BAUD_CHANGE = /^Chang(?:ing|ed) baud ?rate to (\d+)/i;
const MONITOR_BAUD = /^--- (?:idf_monitor|esp-idf-monitor[\d. ]*|Terminal|Miniterm) on \S+\s*\|?\s*(\d{4,7})\b/;
const PIO_ENV = /^Processing \S+ \((.*)\)/;
const ARDUINO_BOARD = /^Using board '([^']+)' from platform/;
const ARDUINO_CORE = /[/\\]hardware[/\\](esp8266|esp32)[/\\]/;
const FQBN = /(?:FQBN:\s*|--fqbn[ =])(\S+?):(\S+?):([\w-]+)/;
const CONNECTING = /^Connecting([._]+)/;
const FLASH_PARAMS = /^Flash params set to (0x[0-9a-f]{4})/i;
const ROM_FLASH_MODE = /^mode:\s*(QIO|QOUT|DIO|DOUT|FAST_READ|SLOW_READ)\b/i;
const DETECTED_FLASH = /(?:Auto-detected Flash size|Detected flash size):\s*(\d+\s*[MK]B)/i;
const CONNECTED = /^(?:Chip is |Chip type:|Connected to ESP|Stub (?:flasher )?running|Uploading stub|Running stub|Changing baud rate|Uploading \d+ bytes|espcomm_send_command: receiving 2 bytes|Configuring flash size|Compressed \d+ bytes)/i;
const UPLOAD_END = /^(?:Leaving\.\.\.|Hard resetting via RTS pin|Soft resetting|Staying in bootloader|starting app without reboot|closing bootloader|Resetting via)/i;
const VERIFIED = /^Hash of data verified\./;
const NATIVE_USB_TEXT = /USB JTAG\/serial debug unit|USB-Serial\/JTAG|USB_UART_CHIP_RESET|303a:100[12]|VendorID 0x303a|esptool(?:\.py)? can not exit the download mode over USB/i;
const CDC_PORT = /^\/dev\/(?:ttyACM\d+|cu\.usbmodem\w*)$/;
const FLASH_MODES = ['qio', 'qout', 'dio', 'dout'] as const;
const BOOTLOADER_FILE = /bootloader[^/\\]*\.bin$/i;

/**
 * esptool v2/v3 print "....._____" per connect attempt (a dot per SYNC try, underscores while
 * resetting); v4+ print dots only, about five per attempt [INFERRED from its logs].
 */
function esptoolAttempts(progress: string): number {
  const underscoreRuns = progress.match(/_+/g)?.length ?? 0;
  return underscoreRuns > 0 ? underscoreRuns : Math.max(1, Math.floor(progress.length / 5));
}

function boardChip(lines: readonly LogLine[]): { boardName?: string; boardChip?: ChipId } {
  const env = firstMatch(lines, PIO_ENV)?.match[1];
  if (env !== undefined) {
    const board = /board:\s*([\w.-]+)/.exec(env)?.[1];
    const platform = /platform:\s*([\w.-]+)/.exec(env)?.[1] ?? '';
    const chip = (board === undefined ? undefined : chipFromName(board)) ?? (/8266/.test(platform) ? 'esp8266' : undefined);
    return { ...(board === undefined ? {} : { boardName: board }), ...(chip === undefined ? {} : { boardChip: chip }) };
  }
  const fqbn = firstMatch(lines, FQBN)?.match;
  const using = firstMatch(lines, ARDUINO_BOARD);
  const named = using?.match[1] ?? fqbn?.[3];
  if (named === undefined) return {};
  // "Using board 'generic' from platform in folder: .../packages/esp8266/hardware/esp8266/2.4.2"
  const core = fqbn?.[2] ?? ARDUINO_CORE.exec(using?.line.text ?? '')?.[1];
  const chip = chipFromName(named) ?? (core === 'esp8266' ? 'esp8266' : undefined);
  return { boardName: named, ...(chip === undefined ? {} : { boardChip: chip }) };
}

function commandChip(text: string | undefined, ck: boolean): ChipId | undefined {
  if (ck) return 'esp8266';
  return text === undefined || text.toLowerCase() === 'auto' ? undefined : chipFromName(text);
}

function flashModeFromParams(hex: string): string | undefined {
  return FLASH_MODES[Number.parseInt(hex, 16) >> 8];
}

function explicit(value: string | undefined): string | undefined {
  return value === undefined || value === 'keep' || value === 'detect' ? undefined : value.toLowerCase();
}

/** `romChip`: the chip a ROM banner in the log named, which tells whether a CDC port is the chip's own USB. */
export function readLogObservations(lines: readonly LogLine[], format: LogFormat, romChip?: ChipId): LogObservations {
  const command = findToolCommand(lines);
  const ck = format.tool === 'esptool-ck' || command?.style === 'esptool-ck';
  const detected = DETECTED_CHIP.map((pattern) => firstMatch(lines, pattern)).find((found) => found !== undefined);
  const detectedChipText = detected?.match[1]?.trim();
  const detectedChip = detectedChipText === undefined ? undefined : chipFromName(detectedChipText);
  const ports = readPortMentions(lines, command);
  const ckBoard = command?.ckBoard ?? firstMatch(lines, CK_BOARD)?.match[1];
  const ckBaud = firstMatch(lines, CK_BAUD)?.match[1];
  const changedBaud = lastMatch(lines, BAUD_CHANGE)?.match[1];
  const uploadBaud = ckBaud ?? changedBaud ?? command?.baudRate;
  const monitorBaud = firstMatch(lines, MONITOR_BAUD)?.match[1];
  const dots = firstMatch(lines, CONNECTING)?.match[1];
  const resets = lines.filter((line) => line.text === 'resetting board').length;
  const connectAttempts = ck ? (resets > 0 ? resets : undefined) : dots === undefined ? undefined : esptoolAttempts(dots);
  const params = firstMatch(lines, FLASH_PARAMS)?.match[1];
  const flashMode = explicit(command?.flashMode) ?? (params === undefined ? undefined : flashModeFromParams(params)) ?? firstMatch(lines, ROM_FLASH_MODE)?.match[1]?.toLowerCase();
  const flashSize = explicit(command?.flashSize)?.toUpperCase();
  const detectedFlashSize = firstMatch(lines, DETECTED_FLASH)?.match[1]?.replace(/\s+/g, '').toUpperCase();
  const progress = readProgress(lines, ck);
  const commandChipId = commandChip(command?.chip, ck);
  const board = boardChip(lines);
  const chipForUsb = detectedChip ?? commandChipId ?? board.boardChip ?? romChip;
  const cdcPort = ports.some((mention) => CDC_PORT.test(mention.port));
  const chipHasUsbJtag = chipForUsb !== undefined && CHIPS[chipForUsb].nativeUsb !== 'none';
  const nativeUsb = lines.some((line) => NATIVE_USB_TEXT.test(line.text)) || (cdcPort && chipHasUsbJtag);
  const bootloaderWrite = command?.writes.find((write) => BOOTLOADER_FILE.test(write.file));
  return {
    format,
    ...(command === undefined ? {} : { command }),
    ...(commandChipId === undefined ? {} : { commandChip: commandChipId }),
    ...board,
    ...(detectedChipText === undefined ? {} : { detectedChipText }),
    ...(detectedChip === undefined ? {} : { detectedChip }),
    ports,
    ...(uploadBaud === undefined ? {} : { uploadBaudRate: Number(uploadBaud) }),
    ...(monitorBaud === undefined ? {} : { monitorBaudRate: Number(monitorBaud) }),
    ...(command?.before === undefined ? {} : { before: command.before.replace(/_/g, '-') }),
    ...(command?.after === undefined ? {} : { after: command.after.replace(/_/g, '-') }),
    ...(ckBoard === undefined ? {} : { ckBoard }),
    ...(flashMode === undefined ? {} : { flashMode }),
    ...(flashSize === undefined ? {} : { flashSize }),
    ...(detectedFlashSize === undefined ? {} : { detectedFlashSize }),
    ...(connectAttempts === undefined ? {} : { connectAttempts }),
    connected: lines.some((line) => CONNECTED.test(line.text)) || progress.firstWriteLine !== undefined,
    ...progress,
    ...optionalLine('lastVerifiedLine', lastMatch(lines, VERIFIED)?.line),
    ...optionalLine('uploadEndLine', lastMatch(lines, UPLOAD_END)?.line),
    nativeUsb,
    ...(bootloaderWrite === undefined ? {} : { bootloaderOffset: bootloaderWrite.offset }),
  };
}

function optionalLine<K extends string>(key: K, line: LogLine | undefined): { [P in K]?: LogLine } {
  return (line === undefined ? {} : { [key]: line }) as { [P in K]?: LogLine };
}
