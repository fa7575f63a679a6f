import { EspError } from '../../src-shared/errors';
import type { ErrorCode, Evidence } from '../../src-shared/errors';

/**
 * Turns what the serial drivers throw into EspErrors a user can act on. node-serialport's
 * bindings throw plain Errors whose only reliable content is the message text:
 *   Linux/macOS: "Error: No such file or directory, cannot open /dev/ttyUSB9"
 *                "Error Resource temporarily unavailable Cannot lock port"
 *                "Error: Inappropriate ioctl for device, cannot set"
 *   Windows:     "Opening COM9: File not found", "Opening COM3: Access denied"
 * Node's own errors (node:net, node:fs) carry `code` as well, which is checked first.
 */

interface OpenErrorRule {
  readonly code: ErrorCode;
  readonly errnoCodes: readonly string[];
  readonly pattern: RegExp;
}

const OPEN_ERROR_RULES: readonly OpenErrorRule[] = [
  { code: 'port.not-found', errnoCodes: ['ENOENT', 'ENODEV', 'ENXIO'], pattern: /no such file|file not found|no such device/i },
  {
    code: 'port.busy',
    errnoCodes: ['EBUSY'],
    // Windows reports a port held by another program as "Access denied".
    pattern: /resource busy|device or resource busy|access denied|cannot lock port/i,
  },
  { code: 'port.permission-denied', errnoCodes: ['EACCES', 'EPERM'], pattern: /permission denied|operation not permitted/i },
];

const PERMISSION_HINT_LINUX =
  'Add your user to the "dialout" group (on Arch: "uucp"), for example `sudo usermod -aG dialout $USER`, then log out and in again.';

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The ErrorCode an open failure maps to; exported so the table can be tested on its own. */
export function classifyOpenError(error: unknown): ErrorCode {
  const errno = errnoCode(error);
  const text = errorText(error);
  for (const rule of OPEN_ERROR_RULES) {
    if (errno !== undefined && rule.errnoCodes.includes(errno)) return rule.code;
  }
  for (const rule of OPEN_ERROR_RULES) {
    if (rule.pattern.test(text)) return rule.code;
  }
  return 'port.open-failed';
}

/**
 * Any error from opening `path` as an EspError. EspErrors (virtual boards, the native module
 * loader) keep their code and gain the path as evidence.
 */
export function mapOpenError(error: unknown, path: string, platform: NodeJS.Platform = process.platform): EspError {
  if (error instanceof EspError) {
    return error.evidence['path'] === undefined ? error.withEvidence({ path }) : error;
  }
  const code = classifyOpenError(error);
  const evidence = { path, osMessage: errorText(error) };
  if (code === 'port.permission-denied' && platform === 'linux') {
    return new EspError(code, { hint: PERMISSION_HINT_LINUX, evidence, cause: error });
  }
  if (code === 'port.not-found') {
    return new EspError(code, { message: `The serial port ${path} does not exist.`, evidence, cause: error });
  }
  return new EspError(code, { evidence, cause: error });
}

/**
 * True when setting DTR/RTS failed because the port cannot carry them (a pty answers ENOTTY,
 * some adapters EINVAL). esptool then skips the reset with a one-time warning; so do we.
 */
export function isLineControlUnsupported(error: unknown): boolean {
  const errno = errnoCode(error);
  if (errno === 'ENOTTY' || errno === 'EINVAL') return true;
  return /inappropriate ioctl|invalid argument|ENOTTY|EINVAL/i.test(errorText(error));
}

export function lineControlWarning(path: string): string {
  return `Chip was NOT reset. Setting RTS/DTR lines is not supported for port ${path}; reset the board by hand (hold BOOT, tap EN).`;
}

export function disconnectedError(path: string, reason?: unknown): EspError {
  const evidence: Evidence = reason === undefined ? { path } : { path, osMessage: errorText(reason) };
  return new EspError('port.disconnected', { evidence, cause: reason });
}

/** A read, write, flush or line change failed on an open port (not an unplug). */
export function ioError(path: string, operation: string, reason?: unknown): EspError {
  const evidence: Evidence =
    reason === undefined ? { path, operation } : { path, operation, osMessage: errorText(reason) };
  return new EspError('port.io-failed', { evidence, cause: reason });
}

export function closedPortError(path: string, operation: string): EspError {
  return new EspError('port.io-failed', {
    message: `The serial port ${path} is already closed.`,
    hint: 'Open the port again before using it.',
    evidence: { path, operation },
  });
}

export function baudRateError(path: string, baudRate: number, reason: unknown): EspError {
  return new EspError('port.baud-unsupported', { evidence: { path, baudRate, osMessage: errorText(reason) }, cause: reason });
}

/** Baud rates must be positive integers; anything else is the caller's mistake. */
export function assertValidBaudRate(baudRate: number): void {
  if (!Number.isInteger(baudRate) || baudRate <= 0 || baudRate > 20_000_000) {
    throw new EspError('input.invalid', {
      message: `Baud rate ${String(baudRate)} is not valid.`,
      hint: 'Use a whole number such as 115200 or 460800.',
      evidence: { baudRate: String(baudRate) },
    });
  }
}
