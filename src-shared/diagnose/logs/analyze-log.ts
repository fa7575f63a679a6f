import { CHIPS } from '../../chips';
import type { LogAnalysis, LogSettings } from '../../ipc/troubleshoot';
import { classifyFailure } from '../classify-failure';
import type { FailureFacts } from '../diagnosis';
import { detectLogFormat } from './detect-format';
import { findInconsistencies } from './find-inconsistencies';
import { toLogLines, type LogLine } from './log-lines';
import type { LogObservations } from './log-observations';
import { scanMonitorOutput, type MonitorScan } from './monitor-scan';
import { readFailureFacts } from './read-facts';
import { readLogObservations } from './read-observations';
import { mainPort } from './read-ports';
import { describeResetMethod } from './reset-method-words';

/**
 * A log from another tool (esptool, esptool-ck, esptool-js, Arduino IDE, PlatformIO, idf.py
 * monitor, a raw serial monitor) read into the settings it shows, the facts of the failure and
 * the same diagnosis the app gives for its own failures.
 */
export interface LogReading {
  readonly lines: readonly LogLine[];
  readonly observations: LogObservations;
  readonly scan: MonitorScan;
  readonly facts: FailureFacts;
  readonly settings: LogSettings;
  readonly inconsistencies: readonly string[];
}

/** "ESP8266", "ESP32 (board esp32dev)", "board generic" when only the selection is known. */
function chipWords(observations: LogObservations): string | undefined {
  const chip = observations.commandChip ?? observations.boardChip;
  const board = observations.boardName === undefined ? undefined : `board ${observations.boardName}`;
  if (chip === undefined) return board;
  return board === undefined ? CHIPS[chip].name : `${CHIPS[chip].name} (${board})`;
}

function settingsOf(observations: LogObservations): LogSettings {
  const { format } = observations;
  const port = mainPort(observations.ports);
  const resetMethod = describeResetMethod(observations);
  const chip = observations.detectedChipText ?? observations.command?.chip ?? chipWords(observations);
  const baudRate = observations.uploadBaudRate ?? observations.monitorBaudRate;
  return {
    tool: format.tool,
    ...(format.toolVersion === undefined ? {} : { toolVersion: format.toolVersion }),
    ...(port === undefined ? {} : { port }),
    ...(baudRate === undefined ? {} : { baudRate }),
    ...(resetMethod === undefined ? {} : { resetMethod }),
    ...(chip === undefined ? {} : { chip }),
    ...(observations.flashMode === undefined ? {} : { flashMode: observations.flashMode }),
    ...(observations.flashSize === undefined ? {} : { flashSize: observations.flashSize }),
  };
}

/** Settings, facts and inconsistencies, without the diagnosis (for tests and the CLI's detail). */
export function readLog(text: string): LogReading {
  const lines = toLogLines(text).filter((line) => line.text.length > 0);
  const scan = scanMonitorOutput(lines);
  const boardOutput = scan.banners.length > 0 || scan.notes.length > 0 || scan.garbage.length > 0 || scan.bootTrouble.length > 0;
  const format = detectLogFormat(lines, boardOutput);
  const observations = readLogObservations(lines, format, scan.romChip);
  const facts = readFailureFacts(lines, observations, scan);
  return { lines, observations, scan, facts, settings: settingsOf(observations), inconsistencies: findInconsistencies(observations, scan, facts) };
}

export function analyzeLog(text: string): LogAnalysis {
  const reading = readLog(text);
  return { settings: reading.settings, inconsistencies: reading.inconsistencies, diagnosis: classifyFailure(reading.facts) };
}
