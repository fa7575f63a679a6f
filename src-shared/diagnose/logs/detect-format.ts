import type { LogTool } from '../../ipc/troubleshoot';
import { parseBootBanner } from '../../decode/boot-banner';
import type { LogLine } from './log-lines';

/**
 * Which tool wrote a log. A log often holds several (Arduino IDE runs esptool, PlatformIO runs
 * esptool and then its monitor): the wrapper that names the settings wins, except that
 * esptool-ck's own words decide for ESP8266 Arduino uploads of the 2.4 era, and an upload by
 * esptool outranks the monitor opened after it.
 */
export interface LogFormat {
  readonly tool: LogTool;
  readonly toolVersion?: string;
}

const MARKERS: readonly { readonly tool: LogTool; readonly pattern: RegExp }[] = [
  { tool: 'esptool-ck', pattern: /\bespcomm_\w+|Ch\. Klippel|^esptool v0\.\d/ },
  {
    tool: 'platformio',
    pattern: /^Processing \S+ \(.*platform:|Configuring upload protocol|^AUTO-DETECT:|Looking for upload port|^\*\*\* \[upload\]|\.pio[/\\]build[/\\]|^--- Terminal on |platformio/i,
  },
  {
    tool: 'arduino-ide',
    pattern: /Failed uploading|exit status \d|^Sketch uses \d+ bytes|^Global variables use|\.ino\.(?:bin|bootloader\.bin)|arduino15|Arduino[/\\]|^Using board '|An error occurred while uploading the sketch/i,
  },
  { tool: 'esptool-js', pattern: /esptool[.-]js|Failed to connect with the device|Failed to initialize\. Try resetting|ESP Web Tools|Web ?Serial|navigator\.serial|SerialPort'?: Failed to open/i },
  {
    tool: 'esptool',
    // Not "Serial port" or "Connecting...": idf.py prints those when it looks for the port before a monitor.
    pattern: /esptool(?:\.py)? v\d|A fatal error occurred|Hash of data verified|Hard resetting via RTS|^Chip is |^Chip type:|^Connected to ESP\S* on /,
  },
  { tool: 'idf-monitor', pattern: /^--- (?:idf_monitor|esp-idf-monitor)\b|^--- Quit: Ctrl\+\]|idf\.py monitor/ },
];

const VERSIONS: readonly { readonly tool: LogTool; readonly pattern: RegExp }[] = [
  { tool: 'esptool-ck', pattern: /esptool v(0\.\d+\.\d+[\w.-]*)/ },
  { tool: 'idf-monitor', pattern: /--- esp-idf-monitor (\d+\.\d+(?:\.\d+)?)/ },
  { tool: 'esptool-js', pattern: /esptool\.js v?(\d+\.\d+\.\d+)/i },
];
/** Wrappers print the esptool they run; that is the version worth reporting (its messages differ by era). */
const ESPTOOL_VERSION = /\besptool(?:\.py)? v(\d+\.\d+(?:\.\d+)?(?:[\w.-]*)?)/;

function versionFor(tool: LogTool, lines: readonly LogLine[]): string | undefined {
  const own = VERSIONS.find((entry) => entry.tool === tool);
  const patterns = own ? [own.pattern] : [];
  if (tool !== 'esptool-ck') patterns.push(ESPTOOL_VERSION);
  for (const pattern of patterns) {
    for (const line of lines) {
      const match = pattern.exec(line.text);
      if (match?.[1] !== undefined) return match[1];
    }
  }
  return undefined;
}

/** `boardOutput`: the lines hold what a board prints (banners, crashes, garbage), for logs with no tool's words. */
export function detectLogFormat(lines: readonly LogLine[], boardOutput = false): LogFormat {
  for (const { tool, pattern } of MARKERS) {
    if (lines.some((line) => pattern.test(line.text))) {
      const toolVersion = versionFor(tool, lines);
      return { tool, ...(toolVersion === undefined ? {} : { toolVersion }) };
    }
  }
  if (boardOutput || lines.some((line) => parseBootBanner(line.text) !== undefined)) return { tool: 'raw-monitor' };
  return { tool: 'unknown' };
}
