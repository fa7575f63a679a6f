import { CHIPS } from '../chips';
import type { BridgeId } from '../serial';
import type { DiagnosisStep, FailureFacts } from './diagnosis';

/** Steps about the computer side: drivers, services that grab ports, listing ports. */

export function portName(facts: FailureFacts): string {
  return facts.port === undefined ? 'The serial port' : `The port ${facts.port}`;
}

export function isLinux(facts: FailureFacts): boolean {
  return facts.platform === 'linux';
}

export function hasService(facts: FailureFacts, name: string): boolean {
  return (facts.conflictingServices ?? []).some((service) => service.toLowerCase() === name.toLowerCase());
}

function bridgeFamily(bridge: BridgeId): 'silabs' | 'wch' | 'ftdi' | 'prolific' | 'espressif' {
  if (bridge.startsWith('cp')) return 'silabs';
  if (bridge.startsWith('ch')) return 'wch';
  if (bridge.startsWith('ft')) return 'ftdi';
  if (bridge === 'pl2303') return 'prolific';
  return 'espressif';
}

/** Native USB: the chip's own USB, not a bridge (by the adapter, or by a chip that only has native USB in use). */
export function usesNativeUsb(facts: FailureFacts): boolean {
  return facts.nativeUsb === true;
}

export function driverStep(facts: FailureFacts): DiagnosisStep {
  const macOs = facts.platform === 'darwin';
  if (facts.bridge === undefined) {
    return {
      title: 'Install the driver for the USB-serial chip on the board',
      detail:
        'Read the small chip next to the USB connector: CP2102/CP2104 need the Silicon Labs CP210x driver, CH340/CH9102 the WCH driver, FT232 the FTDI driver (usually built in). Linux has all of them built in.',
    };
  }
  switch (bridgeFamily(facts.bridge)) {
    case 'silabs':
      return { title: 'Install the Silicon Labs CP210x driver', detail: 'Windows and macOS need the CP210x VCP driver from Silicon Labs; Linux has it built in (cp210x).' };
    case 'wch':
      return {
        title: 'Install the WCH CH34x driver',
        detail: macOs
          ? "On macOS install WCH's own CH34x driver and allow it in System Settings > Privacy & Security; the built-in driver is unreliable with CH9102 and CH343."
          : 'Windows needs the WCH CH340/CH341 driver (CH343/CH9102: the CH343SER driver); Linux has ch341 built in.',
      };
    case 'ftdi':
      return { title: 'Check the FTDI driver', detail: 'FTDI drivers ship with Windows, macOS and Linux; if the port is missing, reinstall the FTDI VCP driver.' };
    case 'prolific':
      return {
        title: 'Use another USB-serial adapter',
        detail: 'PL2303 adapters are known not to work with ESP8266 boards on macOS, and clone PL2303 chips are refused by recent Windows drivers.',
      };
    case 'espressif':
      return {
        title: "Use the USB connector wired to the chip's own USB",
        detail: 'Boards with two connectors label them USB (the chip itself) and UART (a USB-serial bridge). No driver is needed for the chip\'s own USB on current systems.',
      };
  }
}

export function listPortsStep(facts: FailureFacts): DiagnosisStep {
  if (isLinux(facts)) {
    return {
      title: 'Watch the kernel log while you plug the board in',
      detail: 'A new /dev/ttyUSB* or /dev/ttyACM* should appear. Nothing in the log means no data connection: cable, USB port or a board without power.',
      command: 'sudo dmesg --follow',
      check: 'port-access',
    };
  }
  if (facts.platform === 'darwin') {
    return { title: 'List the serial ports before and after plugging in', detail: 'The board shows up as /dev/cu.usbserial-* or /dev/cu.usbmodem*.', command: 'ls /dev/cu.*', check: 'port-access' };
  }
  return {
    title: 'Look for the board in Device Manager under "Ports (COM & LPT)"',
    detail: 'An entry with a yellow mark means the driver is missing; no entry at all points to the cable or the USB port.',
    check: 'port-access',
  };
}

export const DATA_CABLE_STEP: DiagnosisStep = {
  title: 'Use a USB cable that carries data',
  detail: 'Many cables sold with chargers and power banks only carry power: the board lights up but no port appears. Try a cable you have used for data before, plugged directly into the computer.',
};

export const BRLTTY_STEP: DiagnosisStep = {
  title: 'Remove brltty, the Braille display service',
  detail: 'brltty claims common USB-serial chips (CH340 and others) as Braille displays and takes the port away a second after it appears. Unless you use a Braille display, remove it and plug the board in again.',
  command: 'sudo apt remove brltty',
};

export const MODEM_MANAGER_STEP: DiagnosisStep = {
  title: 'Stop ModemManager from probing the port',
  detail: 'ModemManager opens new serial ports to look for modems and sends AT commands, which disturbs or resets the board. Disable it if you do not use a mobile modem.',
  command: 'sudo systemctl disable --now ModemManager',
};

/** Native-USB hint when the chip has native USB and the port came from it. */
export function nativeUsbReenumerateStep(facts: FailureFacts): DiagnosisStep | undefined {
  if (!usesNativeUsb(facts)) return undefined;
  const chip = facts.chip === undefined ? 'This chip' : `The ${CHIPS[facts.chip].name}`;
  return {
    title: 'Expect the port to come back after a reset',
    detail: `${chip} talks over its own USB: every reset disconnects it and the port returns, sometimes under a new name (ttyACM0 becomes ttyACM1, COM5 becomes COM6). Pick the port again after it reappears.`,
  };
}
