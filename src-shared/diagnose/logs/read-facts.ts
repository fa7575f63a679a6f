import { chipByImageId } from '../../chips';
import { parseBootBanner, type BootBanner } from '../../decode/boot-banner';
import type { ErrorCode } from '../../errors';
import { flashSizeBytesFromName, flashSizeNameFromBytes } from '../../flash';
import { bridgeForUsbIds, type BridgeId } from '../../serial';
import type { FailureFacts } from '../diagnosis';
import { readBootOutput } from './boot-output';
import { anyLine, firstMatch, type LogLine } from './log-lines';
import type { LogObservations } from './log-observations';
import type { MonitorScan } from './monitor-scan';
import { mainPort } from './read-ports';
import { describeResetMethod } from './reset-method-words';
import { findRootError } from './root-error';

const WRONG_BOOT_VALUE = /Wrong boot mode detected \((0x[0-9a-f]+)\)/i;
const IMAGE_CHIP_ID = /Unexpected chip id in image\. Expected (\d+) but value was (\d+)/i;
const NOTHING_RECEIVED = /No serial data received|Timed out waiting for packet header/i;
const CK_READ_NOTHING = /^read 0, requested 1$/;
const CK_RECEIVED = /receiving \d+ bytes of data/;
/** esptool-ck could not even send: the chip's silence says nothing about the board. */
const CK_WRITE_FAILED = /^wrote 0, requested \d+|^error: failed sending/;
/** ESP-IDF's second-stage bootloader compares the flash it finds with the image header. */
const SIZE_PROBE = /Detected size\((\d+)k\) smaller than the size in the binary image header\((\d+)k\)/i;
const USB_IDS = /(?:VendorID 0x|VID:PID=|idVendor=|\()([0-9a-f]{4})(?: ProductID 0x|:|, idProduct=)([0-9a-f]{4})\b/i;
const SERVICES: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'brltty', pattern: /brltty/i },
  { name: 'ModemManager', pattern: /ModemManager/ },
];
/** Failures that in the middle of a write mean the write stopped, whatever they meant while connecting. */
const WRITE_PHASE_CODES: Readonly<Partial<Record<ErrorCode, ErrorCode>>> = {
  'connect.no-data': 'transfer.timeout',
  'connect.failed': 'transfer.timeout',
};

function platformOf(observations: LogObservations, lines: readonly LogLine[]): string | undefined {
  const ports = observations.ports.map((mention) => mention.port);
  if (ports.some((port) => /^COM\d+$/i.test(port)) || anyLine(lines, /[A-Z]:\\(?:Users|Program)/)) return 'win32';
  if (ports.some((port) => /^\/dev\/(?:cu|tty)\.(?:usb|SLAB|wchusb)/.test(port))) return 'darwin';
  if (ports.some((port) => /^\/dev\/tty(?:USB|ACM|S|AMA)\d+$/.test(port))) return 'linux';
  return undefined;
}

function bridgeOf(lines: readonly LogLine[], nativeUsb: boolean): BridgeId | undefined {
  const ids = firstMatch(lines, USB_IDS)?.match;
  if (ids) {
    const bridge = bridgeForUsbIds({ vendorId: Number.parseInt(ids[1]!, 16), productId: Number.parseInt(ids[2]!, 16) });
    if (bridge) return bridge.id;
  }
  return nativeUsb && anyLine(lines, /USB JTAG\/serial debug unit|USB-Serial\/JTAG|303a:1001/i) ? 'esp-usb-serial-jtag' : undefined;
}

function wroteUntilTheEnd(observations: LogObservations): boolean {
  const last = observations.lastWrite;
  const verified = observations.lastVerifiedLine;
  return last === undefined || (verified !== undefined && verified.index > last.line.index);
}

/** The connect-phase banner: the last one before the failure, or the boot value esptool quoted. */
function connectBanner(scan: MonitorScan, errorLine: LogLine | undefined, lines: readonly LogLine[]): BootBanner | undefined {
  const limit = errorLine?.index ?? Number.POSITIVE_INFINITY;
  const seen = scan.banners.filter((entry) => entry.line.index <= limit).at(-1) ?? scan.banners.at(-1);
  if (seen) return seen.banner;
  const value = firstMatch(lines, WRONG_BOOT_VALUE)?.match[1];
  return value === undefined ? undefined : parseBootBanner(`boot:${value}`);
}

function bytesReceived(lines: readonly LogLine[], connected: boolean, ck: boolean): number | undefined {
  if (connected) return undefined;
  if (anyLine(lines, NOTHING_RECEIVED)) return 0;
  // esptool-ck -vv prints every read: nothing but "read 0, requested 1" means the chip never answered.
  if (ck && anyLine(lines, CK_READ_NOTHING) && !anyLine(lines, CK_RECEIVED) && !anyLine(lines, CK_WRITE_FAILED)) return 0;
  return undefined;
}

/** The image as the log shows it: command-line flash settings, the bootloader offset, the chip it was built for. */
function imageFacts(lines: readonly LogLine[], observations: LogObservations): FailureFacts['image'] {
  const imageChipId = firstMatch(lines, IMAGE_CHIP_ID)?.match[2];
  const chip = imageChipId === undefined ? undefined : chipByImageId(Number(imageChipId))?.id;
  const probe = firstMatch(lines, SIZE_PROBE)?.match;
  const flashSize = observations.flashSize ?? (probe === undefined ? undefined : flashSizeNameFromBytes(Number(probe[2]) * 1024));
  const image = {
    ...(chip === undefined ? {} : { chip }),
    ...(observations.flashMode === undefined ? {} : { flashMode: observations.flashMode }),
    ...(flashSize === undefined ? {} : { flashSize }),
    ...(observations.bootloaderOffset === undefined ? {} : { bootloaderOffset: observations.bootloaderOffset }),
  };
  return Object.keys(image).length > 0 ? image : undefined;
}

/** Flash on the board: what esptool detected, or what the bootloader's size probe found. */
function boardFlashSizeBytes(lines: readonly LogLine[], observations: LogObservations): number | undefined {
  if (observations.detectedFlashSize !== undefined) return flashSizeBytesFromName(observations.detectedFlashSize);
  const probe = firstMatch(lines, SIZE_PROBE)?.match;
  return probe === undefined ? undefined : Number(probe[1]) * 1024;
}

export function readFailureFacts(lines: readonly LogLine[], observations: LogObservations, scan: MonitorScan): FailureFacts {
  const root = findRootError(lines);
  const first = observations.firstWriteLine;
  const midWrite = root !== undefined && first !== undefined && root.line.index > first.index && !wroteUntilTheEnd(observations);
  const rawCode = root?.code;
  const phaseCode = midWrite && rawCode !== undefined ? (WRITE_PHASE_CODES[rawCode] ?? rawCode) : rawCode;
  const connectFailed = !observations.connected && (phaseCode?.startsWith('connect.') === true || phaseCode === 'transfer.invalid-packet');
  const uploadEnd = observations.uploadEndLine ?? observations.lastVerifiedLine;
  const monitorOnly = observations.format.tool === 'raw-monitor' || (observations.format.tool === 'idf-monitor' && first === undefined);
  const boot = uploadEnd !== undefined || monitorOnly ? readBootOutput(lines, scan, uploadEnd?.index ?? -1) : undefined;
  const code = phaseCode ?? (boot !== undefined && !boot.started ? 'boot.failed' : undefined);
  const banner = connectFailed ? connectBanner(scan, root?.line, lines) : undefined;
  const last = observations.lastWrite;
  const port = mainPort(observations.ports);
  const platform = platformOf(observations, lines);
  const chip = observations.detectedChip ?? scan.romChip ?? (banner?.family === 'esp8266' ? 'esp8266' : undefined);
  const expectedChip = observations.commandChip ?? observations.boardChip;
  const received = bytesReceived(lines, observations.connected, observations.format.tool === 'esptool-ck');
  const bridge = bridgeOf(lines, observations.nativeUsb);
  const services = SERVICES.filter((service) => anyLine(lines, service.pattern)).map((service) => service.name);
  const image = imageFacts(lines, observations);
  const flashSizeBytes = boardFlashSizeBytes(lines, observations);
  const resetMethod = describeResetMethod(observations);
  const errorText = root?.line.text;
  return {
    source: 'log',
    ...(code === undefined ? {} : { errorCode: code }),
    ...(errorText === undefined ? {} : { errorText }),
    ...(port === undefined ? {} : { port }),
    ...(platform === undefined ? {} : { platform }),
    ...(code === 'port.not-found' && /Errno 2|FileNotFound|cannot find/i.test(errorText ?? '') ? { portExists: false } : {}),
    ...(services.length > 0 ? { conflictingServices: services } : {}),
    ...(code === 'port.disconnected' ? { portVanished: true } : {}),
    ...(chip === undefined ? {} : { chip }),
    ...(expectedChip === undefined ? {} : { expectedChip }),
    ...(flashSizeBytes === undefined ? {} : { flashSizeBytes }),
    ...(bridge === undefined ? {} : { bridge }),
    ...(observations.nativeUsb ? { nativeUsb: true } : {}),
    ...(observations.uploadBaudRate === undefined ? {} : { baudRate: observations.uploadBaudRate }),
    ...(resetMethod === undefined ? {} : { resetMethod }),
    ...(observations.connectAttempts === undefined ? {} : { connectAttempts: observations.connectAttempts }),
    ...(received === undefined ? {} : { bytesReceived: received }),
    ...(banner === undefined ? {} : { banner }),
    ...(observations.connected ? { syncReplied: true } : connectFailed ? { syncReplied: false } : {}),
    ...(anyLine(lines, /Invalid head of packet|serial noise or corruption|Invalid SLIP escape|Corrupt data/i) ? { invalidPackets: true } : {}),
    ...(midWrite && last?.doneBytes !== undefined && last.totalBytes !== undefined ? { writeProgress: { doneBytes: last.doneBytes, totalBytes: last.totalBytes } } : {}),
    ...(boot === undefined ? {} : { bootOutput: { started: boot.started, text: boot.text } }),
    ...(image === undefined ? {} : { image }),
  };
}
