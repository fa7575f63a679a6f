import type { CauseWriter } from './cause-types';
import { adapterWords, item, writeEvidence } from './cause-evidence';
import { writeStoppedEarly } from './cause-signals';
import type { DiagnosisStep, EvidenceItem, FailureFacts } from './diagnosis';
import {
  BRLTTY_STEP,
  DATA_CABLE_STEP,
  driverStep,
  hasService,
  isLinux,
  listPortsStep,
  MODEM_MANAGER_STEP,
  nativeUsbReenumerateStep,
  portName,
} from './steps-host';

/** The port itself: missing, or gone in the middle of a session. */

function linuxServiceSteps(facts: FailureFacts): DiagnosisStep[] {
  if (!isLinux(facts)) return [];
  const steps: DiagnosisStep[] = [];
  if (hasService(facts, 'brltty')) steps.push(BRLTTY_STEP);
  if (hasService(facts, 'ModemManager')) steps.push(MODEM_MANAGER_STEP);
  return steps;
}

function servicesEvidence(facts: FailureFacts): EvidenceItem[] {
  const services = facts.conflictingServices ?? [];
  return services.length === 0 ? [] : [item('Services that grab serial ports', services.join(', '))];
}

export const portNotFound: CauseWriter = (facts) => {
  const adapter = adapterWords(facts);
  const evidence = [
    ...(facts.portExists === false ? [item('Port present', `no${facts.port === undefined ? '' : `: ${facts.port} is not in the list of ports`}`)] : []),
    ...(adapter === undefined ? [] : [item('Expected adapter', adapter)]),
    ...servicesEvidence(facts),
  ];
  const usbHint = facts.nativeUsb === true ? [driverStep(facts)] : [];
  const steps: DiagnosisStep[] = [
    ...(hasService(facts, 'brltty') && isLinux(facts) ? [BRLTTY_STEP] : []),
    {
      title: 'Pick the port again',
      detail: 'Ports get new names after unplugging, after a reset of a board with native USB, or on another USB socket. Compare the list with the board unplugged and plugged in.',
      check: 'port-access',
    },
    DATA_CABLE_STEP,
    ...usbHint,
    listPortsStep(facts),
    ...(facts.nativeUsb === true
      ? [
          {
            title: 'Hold BOOT while plugging the board in',
            detail: 'A program that turns off or reuses the USB pins makes the port disappear. In download mode the ROM brings USB up by itself; flash a working program from there.',
            check: 'manual-bootloader' as const,
          },
        ]
      : [driverStep(facts)]),
  ];
  return {
    title: `${portName(facts)} does not exist`,
    explanation:
      'The computer has no serial port by that name, so nothing could be sent to the board. Either the name changed, the board is not connected with a data cable, or the driver for its USB-serial chip is missing.',
    evidence,
    steps,
  };
};

export const portVanished: CauseWriter = (facts) => {
  const reenumerate = nativeUsbReenumerateStep(facts);
  const steps: DiagnosisStep[] = [
    ...linuxServiceSteps(facts),
    ...(reenumerate === undefined ? [] : [reenumerate]),
    {
      title: 'Check the cable and the USB socket',
      detail: 'A loose or worn cable drops the connection when the board or cable moves. Plug straight into the computer, not through an unpowered hub.',
    },
    {
      title: 'Check how much current the board draws',
      detail: 'When Wi-Fi starts or peripherals switch on, a weak USB port can sag so far that the USB-serial chip restarts and the port disappears. Use a powered hub or an external supply.',
    },
    { title: 'Pick the port again and retry', check: 'port-access' },
  ];
  const midWrite = writeStoppedEarly(facts);
  const partial = midWrite ? ' It happened in the middle of a write, so the flash now holds a partial image: write it again once the connection holds.' : '';
  return {
    title: `${portName(facts)} disappeared${midWrite ? ' during the write' : ''}`,
    explanation: `The port went away while it was in use: the board lost its USB connection, the USB-serial chip restarted, or a system service took the device over.${partial}`,
    evidence: [item('Port vanished', midWrite ? 'yes, during the write' : 'yes, during the session'), ...writeEvidence(facts), ...servicesEvidence(facts)],
    steps,
  };
};
