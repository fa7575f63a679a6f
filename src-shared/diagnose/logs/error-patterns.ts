import type { ErrorCode } from '../../errors';

/**
 * The failure messages other tools print, mapped to our error codes. Strings follow esptool
 * v2-v5 (both the "Timed out waiting for packet header" and the "No serial data received" era),
 * esptool-ck, esptool-js / ESP Web Tools, Arduino IDE, PlatformIO and pyserial's port errors.
 * A log usually shows several: the lowest rank is the root cause ("Wrong boot mode detected"
 * beats the "Failed to connect" around it; "espcomm_sync failed" beats the "espcomm_open
 * failed" esptool-ck prints after it).
 */
export interface ErrorPattern {
  readonly code: ErrorCode;
  readonly pattern: RegExp;
  readonly rank: number;
}

export const ERROR_PATTERNS: readonly ErrorPattern[] = [
  // Opening the port. pyserial wraps errno texts; esptool 4+ adds "the port is busy or doesn't exist".
  { code: 'port.busy', rank: 0, pattern: /\[Errno 16\]|Device or resource busy|Resource busy|Could not exclusively lock port|\[Errno 11\] Resource temporarily unavailable/i },
  // Windows says "Access is denied" when another program has the port open.
  { code: 'port.busy', rank: 0, pattern: /Access is denied|Failed to open serial port|port is already open|Serial port busy/i },
  { code: 'port.permission-denied', rank: 0, pattern: /\[Errno 13\] Permission denied|EACCES/i },
  {
    code: 'port.not-found',
    rank: 0,
    pattern: /\[Errno 2\] (?:could not open port|No such file or directory)|FileNotFoundError|cannot find the file specified|No port selected by the user|no upload port provided|Please specify `?upload_port|does not exist or your board is not connected|Board at \S+ is not available/i,
  },
  // esptool's hints under the error: they say the same, but the errno line above is the better evidence.
  { code: 'port.permission-denied', rank: 0.5, pattern: /Try to add user into dialout or uucp group/i },
  { code: 'port.not-found', rank: 0.5, pattern: /Check if the port is correct and ESP connected/i },
  { code: 'port.busy', rank: 0.5, pattern: /Check if the port is not used by another task/i },
  { code: 'connect.wrong-chip', rank: 1, pattern: /This chip is \S+, not \S+\. Wrong --chip argument|Wrong --chip argument\?/i },
  { code: 'image.wrong-chip', rank: 1, pattern: /Unexpected chip id in image|is not an? ESP[\w-]+ image|image is for ESP[\w-]+/i },
  { code: 'connect.wrong-boot-mode', rank: 1, pattern: /Wrong boot mode detected/i },
  { code: 'connect.no-sync-reply', rank: 1, pattern: /getting no sync reply|serial TX path seems to be down/i },
  {
    code: 'port.disconnected',
    rank: 2,
    pattern: /device reports readiness to read but returned no data|\[Errno 5\] Input\/output error|\[Errno 6\] Device not configured|\[Errno 19\] No such device|The device has been lost|device disconnected|ClearCommError failed|GetOverlappedResult failed|WriteFile failed|does not recognize the command|Waiting for the device to reconnect|port (?:was )?closed unexpectedly/i,
  },
  { code: 'port.io-failed', rank: 2, pattern: /\[Errno 71\] Protocol error|\[Errno 32\] Broken pipe|^error: failed sending|^wrote 0, requested \d+/i },
  { code: 'power.brownout', rank: 3, pattern: /Brownout detector was triggered|BROWN_?OUT_R/i },
  {
    code: 'transfer.invalid-packet',
    rank: 3,
    pattern: /Invalid head of packet|Possible serial noise or corruption|Invalid SLIP escape|Corrupt data, expected|Timed out waiting for packet content|Packet content transfer stopped/i,
  },
  { code: 'flash.md5-mismatch', rank: 3, pattern: /MD5 of file does not match|Verification failed|Digest mismatch/i },
  { code: 'transfer.command-failed', rank: 3, pattern: /Failed to write (?:compressed data )?to (?:target )?(?:Flash|RAM)|espcomm_send_command\(FLASH_DOWNLOAD_DATA\) failed/i },
  { code: 'transfer.timeout', rank: 3, pattern: /The chip stopped responding|No more data to read from the serial port/i },
  { code: 'connect.no-data', rank: 4, pattern: /No serial data received|Timed out waiting for packet header|espcomm_sync failed/i },
  { code: 'connect.failed', rank: 5, pattern: /Failed to connect with the device|Failed to initialize\. Try resetting|Failed to connect to (?:ESP|Espressif)|Could not connect to an Espressif device/i },
  // esptool-ck prints this after a failed sync too, so it names the port only when nothing else failed.
  { code: 'port.not-found', rank: 6, pattern: /espcomm_open failed/i },
];

/** Messages that only say "it failed" (exit codes, wrappers): kept as the error text when nothing better is found. */
export const GENERIC_FAILURE = /A fatal error occurred|Failed uploading|exit status \d|\*\*\* \[upload\] Error|An error occurred while uploading|espcomm_upload_mem failed|^error:|^Error:/i;
