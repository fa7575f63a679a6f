import { CHIPS } from '../chips';
import { item } from './cause-evidence';
import { STUCK_IN_DOWNLOAD_TEXT, USB_PROTOCOL_TEXT } from './cause-signals';
import type { CauseWriter } from './cause-types';
import type { DiagnosisStep, FailureFacts } from './diagnosis';

/** The chip's own USB (USB-Serial/JTAG, USB-OTG) and the honest "we could not tell". */

function usbKind(facts: FailureFacts): 'usb-otg' | 'usb-serial-jtag' {
  if (facts.bridge === 'esp-usb-otg') return 'usb-otg';
  return 'usb-serial-jtag';
}

function stuckInDownload(facts: FailureFacts): boolean {
  return facts.bootOutput?.started === false && STUCK_IN_DOWNLOAD_TEXT.test(facts.bootOutput.text ?? '');
}

function leaveDownloadStep(facts: FailureFacts): DiagnosisStep {
  if (usbKind(facts) === 'usb-otg') {
    return {
      title: 'Leave download mode with a watchdog reset',
      detail: 'Over USB-OTG the reset lines cannot restart the chip into the program; a watchdog reset re-reads the boot pin. Press RESET if that does not work.',
      command: 'esptool --after watchdog-reset ...',
    };
  }
  return {
    title: 'Press RESET (EN) once after flashing',
    detail: 'After entering download mode by hand, a soft reset does not re-read the boot pin, so the chip stays in the bootloader. A hard reset (the button, or RTS) starts the program.',
  };
}

export const usbJtagTrouble: CauseWriter = (facts) => {
  const chip = facts.chip === undefined ? 'The chip' : `The ${CHIPS[facts.chip].name}`;
  const protocol = USB_PROTOCOL_TEXT.test(facts.errorText ?? '');
  const stuck = stuckInDownload(facts);
  const vanished = facts.portVanished === true || facts.errorCode === 'port.disconnected';
  const evidence = [
    item('Connection', `${facts.chip === undefined ? "the chip's" : `the ${CHIPS[facts.chip].name}'s`} own USB (${usbKind(facts) === 'usb-otg' ? 'USB-OTG' : 'USB-Serial/JTAG'})`),
    ...(protocol ? [item('USB error', facts.errorText ?? '')] : []),
    ...(stuck ? [item('After flashing', 'still in download mode')] : []),
    ...(vanished ? [item('Port vanished', 'yes')] : []),
  ];
  const recover: DiagnosisStep = {
    title: 'Enter download mode by hand and erase the flash',
    detail: 'If the program reuses the USB pins (GPIO19/20 on S2/S3, GPIO18/19 on C3/C6) or turns USB off, the port drops or fails. Hold BOOT, tap RESET, release BOOT; then erase the flash and fix the program before flashing it again.',
    check: 'manual-bootloader',
  };
  const uart: DiagnosisStep = {
    title: 'Use the UART connector to watch the crash',
    detail: 'Boards with two connectors can flash over USB while another terminal listens on the UART port, which keeps working when the chip\'s USB goes away.',
  };
  const reenumerate: DiagnosisStep = {
    title: 'Pick the port again after each reset',
    detail: 'The USB port disappears while the chip restarts and may come back under a new name (ttyACM0 becomes ttyACM1).',
    check: 'port-access',
  };
  const steps = stuck ? [leaveDownloadStep(facts), recover] : protocol ? [recover, uart, reenumerate] : [reenumerate, recover, uart];
  const why = stuck
    ? 'Flashing worked, but the chip is still waiting in download mode: the reset afterwards did not start the program.'
    : protocol
      ? 'The USB connection fails with protocol errors, which happens when the running program disturbs the USB pins or the chip restarts mid-transfer.'
      : 'The port went away: chips with their own USB disconnect from the computer every time they reset, and a program that crashes or reconfigures USB takes the port with it.';
  return {
    title: stuck ? 'The chip stayed in download mode after flashing' : `${chip}'s own USB connection dropped`,
    explanation: `${chip} talks to the computer over its own USB peripheral, without a USB-serial chip. ${why}`,
    evidence,
    steps,
  };
};

/** A session (or pasted log) that shows no failure at all: no error, and the chip answered or the program ran. */
function looksFine(facts: FailureFacts): boolean {
  if (facts.errorCode !== undefined || facts.errorText !== undefined) return false;
  return facts.bootOutput?.started === true || facts.syncReplied === true;
}

export const unknownCause: CauseWriter = (facts) => {
  const steps: DiagnosisStep[] = [
    { title: 'Check the port and your access to it', check: 'port-access' },
    { title: 'Watch what the board prints at reset', detail: 'The boot-mode probe resets the board and decodes the ROM message, which tells whether it reaches the bootloader.', check: 'boot-mode' },
    { title: 'Enter the bootloader by hand: hold BOOT, tap EN, release BOOT', check: 'manual-bootloader' },
    { title: 'Retry at 115200 baud', detail: 'A lower rate rules out the cable and adapter.', check: 'baud-sweep' },
    { title: 'Export a support report', detail: 'It collects what the app measured in the form the forums ask for.' },
  ];
  if (looksFine(facts)) {
    return {
      title: 'No failure found',
      explanation: 'Nothing in what was given shows a failure: the chip answered and no error followed. If something still goes wrong, the checks below narrow it down.',
      evidence: [],
      steps,
    };
  }
  return {
    title: 'We could not tell what went wrong',
    explanation: `The evidence does not point to one cause${facts.errorCode === undefined ? '' : ` (the error was ${facts.errorCode})`}. The checks below narrow it down, most useful first.`,
    evidence: [],
    steps,
  };
};
