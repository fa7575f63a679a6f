import type { ChipId } from '../../chips';
import type { LogFormat } from './detect-format';
import type { LogLine } from './log-lines';
import type { ToolCommand } from './tool-command';

/** Where in the log a port name was seen, for "the port in the settings is not the one that failed". */
export type PortSource = 'command' | 'opened' | 'auto-detected' | 'failed' | 'monitor';

export interface PortMention {
  readonly port: string;
  readonly source: PortSource;
  readonly line: LogLine;
}

export interface WriteProgressSeen {
  readonly offset?: number;
  readonly percent: number;
  readonly doneBytes?: number;
  readonly totalBytes?: number;
  readonly line: LogLine;
}

/**
 * Everything the settings reader saw in a log, before it is cut down to LogSettings (what the
 * user sees) and FailureFacts (what the classifier reads). Chips and ports are kept per source
 * so contradictions between them can be pointed out.
 */
export interface LogObservations {
  readonly format: LogFormat;
  readonly command?: ToolCommand;
  /** --chip of the command line (not "auto"), or esptool-ck (ESP8266 only). */
  readonly commandChip?: ChipId;
  /** The board the IDE or PlatformIO built for: "esp32dev", "generic", "nodemcuv2". */
  readonly boardName?: string;
  /** The chip the board name or platform implies. */
  readonly boardChip?: ChipId;
  /** The chip the tool talked to, as it printed it ("ESP32-D0WD-V3") and as an id. */
  readonly detectedChipText?: string;
  readonly detectedChip?: ChipId;
  readonly ports: readonly PortMention[];
  /** Upload speed: the command's, esptool-ck's "setting baudrate", or esptool's "Changing baud rate to". */
  readonly uploadBaudRate?: number;
  readonly monitorBaudRate?: number;
  readonly before?: string;
  readonly after?: string;
  /** esptool-ck's board (-cd / "setting board to"), which is its reset method. */
  readonly ckBoard?: string;
  readonly flashMode?: string;
  readonly flashSize?: string;
  /** Flash size the tool detected on the board ("Auto-detected Flash size: 4MB"). */
  readonly detectedFlashSize?: string;
  readonly connectAttempts?: number;
  /** The tool got past the connect stage (chip detected, stub running, data written). */
  readonly connected: boolean;
  readonly firstWriteLine?: LogLine;
  readonly lastWrite?: WriteProgressSeen;
  /** Size of the file being written when the log ends or fails ("Compressed N bytes", "Uploading N bytes"). */
  readonly writeTotalBytes?: number;
  readonly lastVerifiedLine?: LogLine;
  /** "Hard resetting via RTS pin...", "Leaving...", esptool-ck "starting app": the end of the upload. */
  readonly uploadEndLine?: LogLine;
  /** The chip's own USB (USB-Serial/JTAG or USB-OTG CDC) carries the port. */
  readonly nativeUsb: boolean;
  /** Bootloader offset the writes used, when a file named like a bootloader was written. */
  readonly bootloaderOffset?: number;
}
