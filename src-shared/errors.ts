/**
 * One error type for everything a user can act on. Each error has a stable dotted code, a
 * message in plain words, a hint (the next step) and the evidence that led to it. Errors cross
 * process boundaries as plain `EspErrorData` objects.
 */

export type ErrorCode =
  | 'port.not-found'
  | 'port.busy'
  | 'port.permission-denied'
  | 'port.open-failed'
  | 'port.disconnected'
  | 'port.baud-unsupported'
  | 'port.io-failed'
  | 'connect.no-data'
  | 'connect.not-reset'
  | 'connect.wrong-boot-mode'
  | 'connect.no-sync-reply'
  | 'connect.failed'
  | 'connect.wrong-chip'
  | 'chip.unknown'
  | 'chip.secure-download'
  | 'stub.not-available'
  | 'stub.no-hello'
  | 'transfer.invalid-packet'
  | 'transfer.timeout'
  | 'transfer.command-failed'
  | 'transfer.unsupported-command'
  | 'transfer.chip-reset'
  | 'power.brownout'
  | 'flash.md5-mismatch'
  | 'flash.read-failed'
  | 'flash.size-unknown'
  | 'boot.failed'
  | 'image.wrong-chip'
  | 'image.overlap'
  | 'image.misaligned'
  | 'image.too-large'
  | 'image.truncated'
  | 'image.invalid'
  | 'image.empty'
  | 'input.invalid'
  | 'input.file-not-found'
  | 'reset.invalid-sequence'
  | 'operation.cancelled'
  | 'settings.save-failed'
  | 'app.connection-lost'
  | 'internal.unexpected';

export type EvidenceValue = string | number | boolean | null | readonly string[] | readonly number[];
export type Evidence = Readonly<Record<string, EvidenceValue>>;

export interface EspErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
  readonly evidence: Evidence;
}

export interface ErrorDetails {
  /** Overrides the catalogue message; use when the specific case says more than the default. */
  message?: string;
  /** Overrides the catalogue hint. */
  hint?: string;
  evidence?: Evidence;
  cause?: unknown;
}

interface CatalogueEntry {
  readonly message: string;
  readonly hint: string;
}

/** Default words per code. Call sites add evidence and, where they know more, a sharper message. */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, CatalogueEntry>> = {
  'port.not-found': {
    message: 'The serial port does not exist.',
    hint: 'Check the cable and pick the port again; a board that resets over USB can come back under a new name.',
  },
  'port.busy': {
    message: 'The serial port is in use by another program.',
    hint: 'Close serial monitors, IDE upload windows or other flashers that have the port open, then retry.',
  },
  'port.permission-denied': {
    message: 'You do not have permission to open the serial port.',
    hint: 'On Linux add your user to the "dialout" (or "uucp") group and log in again; on macOS allow the driver in System Settings.',
  },
  'port.open-failed': {
    message: 'The serial port could not be opened.',
    hint: 'Unplug and replug the board, then pick the port again.',
  },
  'port.disconnected': {
    message: 'The serial port disappeared while it was in use.',
    hint: 'The board was unplugged or reset its USB connection. Check the cable and hub, then retry.',
  },
  'port.baud-unsupported': {
    message: 'The serial driver refused the baud rate.',
    hint: 'Pick a lower or standard baud rate such as 115200 or 460800.',
  },
  'port.io-failed': {
    message: 'Reading from or writing to the serial port failed.',
    hint: 'Unplug and replug the board, then retry. If it keeps happening, try another cable or USB port.',
  },
  'connect.no-data': {
    message: 'Nothing came back from the board: no boot messages and no reply to sync.',
    hint: 'Check that the board is powered and that RX/TX are wired (TX to RX, RX to TX). Hold BOOT, tap EN/RESET, release BOOT, and retry.',
  },
  'connect.not-reset': {
    message: 'The board did not reset: it kept running its firmware when the reset lines were toggled.',
    hint: 'This board has no working auto-reset circuit. Hold BOOT (GPIO0), press and release EN/RESET, release BOOT, then retry.',
  },
  'connect.wrong-boot-mode': {
    message: 'The chip reset but started its firmware instead of the serial bootloader.',
    hint: 'GPIO0 was high when EN rose. Hold BOOT while resetting, or try a slower reset (longer delay); a 1-10 uF capacitor between EN and GND fixes many boards.',
  },
  'connect.no-sync-reply': {
    message: 'The chip is in download mode but does not answer: data from the computer is not reaching it.',
    hint: 'The path from the computer\'s TX to the chip\'s RX seems broken. Check the RX wire and the USB-serial adapter, and lower the baud rate.',
  },
  'connect.failed': {
    message: 'Could not connect to the chip.',
    hint: 'Hold BOOT, tap EN/RESET, release BOOT and retry. Check the cable, the port and the baud rate.',
  },
  'connect.wrong-chip': {
    message: 'The board has a different chip from the one selected.',
    hint: 'Select the chip that was detected, or let the tool detect it.',
  },
  'chip.unknown': {
    message: 'The chip answered but could not be identified.',
    hint: 'This may be a chip this tool does not support yet. Select the chip by hand if you know it.',
  },
  'chip.secure-download': {
    message: 'The chip is in Secure Download Mode; only a few commands are allowed.',
    hint: 'Use ROM-only flashing without reading back; Secure Download Mode cannot be turned off.',
  },
  'stub.not-available': {
    message: 'The flasher stub for this chip could not be loaded.',
    hint: 'Reinstall the application, or flash with the ROM loader only (--no-stub).',
  },
  'stub.no-hello': {
    message: 'The flasher stub was uploaded but did not start.',
    hint: 'Retry; if it keeps failing, flash with the ROM loader only (--no-stub) and check the power supply.',
  },
  'transfer.invalid-packet': {
    message: 'The board sent data that is not a valid reply.',
    hint: 'This usually means noise on the serial line or a baud rate the adapter cannot carry. Lower the baud rate, use a shorter cable, avoid hubs.',
  },
  'transfer.timeout': {
    message: 'The board stopped answering in the middle of the operation.',
    hint: 'Check the power supply and cable, lower the baud rate, and retry.',
  },
  'transfer.command-failed': {
    message: 'The chip reported an error for a command.',
    hint: 'Retry the operation; if it fails again, erase the flash and flash at a lower baud rate.',
  },
  'transfer.unsupported-command': {
    message: 'The chip does not support this command.',
    hint: 'Use the flasher stub, or a command this chip supports.',
  },
  'transfer.chip-reset': {
    message: 'The chip reset itself in the middle of the operation.',
    hint: 'Check the power supply: a weak USB port or long cable can brown the chip out while it writes flash.',
  },
  'power.brownout': {
    message: 'The chip lost power (brown-out) in the middle of the operation.',
    hint: 'Use a powered USB port or hub, a shorter cable, or an external 3.3 V supply able to deliver 500 mA.',
  },
  'flash.md5-mismatch': {
    message: 'Verification failed: the flash does not hold the bytes that were written.',
    hint: 'Erase the flash and write again at a lower baud rate; if it still fails, the flash chip or its power may be faulty.',
  },
  'flash.read-failed': {
    message: 'Reading the flash failed.',
    hint: 'Retry at a lower baud rate.',
  },
  'flash.size-unknown': {
    message: 'The flash size could not be detected.',
    hint: 'Give the flash size explicitly (for example --flash-size 4MB).',
  },
  'boot.failed': {
    message: 'The flash was written and verified, but the board does not start the firmware.',
    hint: 'Check the flash mode: many boards only boot with --flash-mode dio. Also check the bootloader and partition table offsets.',
  },
  'image.wrong-chip': {
    message: 'The firmware image was built for a different chip.',
    hint: 'Build the firmware for this chip, or pick the right board. Override the check (--force, or "Flash anyway") only if you are sure.',
  },
  'image.overlap': {
    message: 'Two files would be written over each other.',
    hint: 'Check the offsets: each file must end before the next one starts.',
  },
  'image.misaligned': {
    message: 'The flash offset is not on a 4 KiB (0x1000) boundary.',
    hint: 'Flash offsets must be multiples of 0x1000; check the offset you typed.',
  },
  'image.too-large': {
    message: 'The data does not fit in the flash.',
    hint: 'Check the offset and the flash size, or use a board with more flash.',
  },
  'image.truncated': {
    message: 'The firmware file is cut short.',
    hint: 'Rebuild or download the file again; it ends before its header says it should.',
  },
  'image.invalid': {
    message: 'The file is not a valid firmware image.',
    hint: 'Check that this is the .bin file produced by the build, not the .elf or a text file.',
  },
  'image.empty': {
    message: 'The file is empty.',
    hint: 'Rebuild the firmware and pick the file again.',
  },
  'input.invalid': {
    message: 'A value given is not valid.',
    hint: 'Check the value and try again.',
  },
  'input.file-not-found': {
    message: 'The file does not exist.',
    hint: 'Check the path.',
  },
  'reset.invalid-sequence': {
    message: 'The custom reset sequence is not valid.',
    hint: 'Use steps like D0|R1|W0.1|D1|R0|W0.05|D0: D/R set DTR/RTS (0 or 1), U sets both (U1,0), W waits in seconds.',
  },
  'operation.cancelled': {
    message: 'The operation was cancelled.',
    hint: 'Start it again when ready; the port was closed and the reset lines released.',
  },
  'app.connection-lost': {
    message: 'The connection to ESP Companion was lost.',
    hint: 'Check that ESP Companion is still running (npm run serve or the desktop app); the page reconnects on its own, then start the operation again.',
  },
  'settings.save-failed': {
    message: 'Your settings could not be saved.',
    hint: 'Check that the settings folder exists and is writable (or set ESP_COMPANION_CONFIG_DIR to another folder); the app keeps working with the settings in memory.',
  },
  'internal.unexpected': {
    message: 'Something unexpected went wrong inside ESP Companion.',
    hint: 'Please report this with the evidence shown.',
  },
};

export class EspError extends Error implements EspErrorData {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly evidence: Evidence;

  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    const entry = ERROR_CATALOGUE[code];
    super(details.message ?? entry.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EspError';
    this.code = code;
    this.hint = details.hint ?? entry.hint;
    this.evidence = details.evidence ?? {};
  }

  /** Same error with more evidence merged in (later keys win). */
  withEvidence(extra: Evidence): EspError {
    return new EspError(this.code, {
      message: this.message,
      hint: this.hint,
      evidence: { ...this.evidence, ...extra },
      cause: this.cause,
    });
  }

  toData(): EspErrorData {
    return { code: this.code, message: this.message, hint: this.hint, evidence: this.evidence };
  }

  toJSON(): EspErrorData {
    return this.toData();
  }
}

export function isEspError(value: unknown): value is EspError {
  return value instanceof EspError;
}

/** Anything thrown becomes an EspError; unknown throwables become `internal.unexpected`. */
export function toEspError(value: unknown): EspError {
  if (value instanceof EspError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new EspError('internal.unexpected', { evidence: { detail: message }, cause: value });
}

export function fromErrorData(data: EspErrorData): EspError {
  return new EspError(data.code, { message: data.message, hint: data.hint, evidence: data.evidence });
}

/** The family of a code ("port", "connect", ...), used for exit codes and grouping. */
export function errorFamily(code: ErrorCode): string {
  return code.slice(0, code.indexOf('.'));
}
