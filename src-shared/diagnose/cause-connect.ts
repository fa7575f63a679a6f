import { CHIPS } from '../chips';
import { POWER_HINT } from '../decode/trouble-notes';
import { bannerEvidence, bytesEvidence, item, syncEvidence } from './cause-evidence';
import type { CauseWriter } from './cause-types';
import type { DiagnosisStep, FailureFacts } from './diagnosis';

/** Connecting: nothing heard, heard but not answered, or heard garbage. */

const SLOW_ADAPTERS = new Set(['ch340', 'ch341', 'pl2303']);

/**
 * The next rate to try: 115200 straight away on adapters known to struggle above it (the
 * classic fix for esptool-ck's 921600 on CH340 boards), one step down on others, and 9600 as a
 * test when the rate is already low (esptool's docs suggest it to rule the rate out).
 */
export function lowerBaud(facts: FailureFacts): number {
  const rate = facts.baudRate;
  if (rate === undefined) return 115200;
  if (rate <= 115200) return 9600;
  if (facts.bridge !== undefined && SLOW_ADAPTERS.has(facts.bridge)) return 115200;
  return rate > 460800 ? 460800 : 115200;
}

export const noData: CauseWriter = (facts) => {
  const native = facts.nativeUsb === true;
  const steps: DiagnosisStep[] = [
    {
      title: 'Check that the board has power',
      detail: 'The power LED should be on. A module on a breadboard needs a 3.3 V supply that can give 500 mA; the 3.3 V pin of an FTDI adapter or an Arduino is not enough.',
      check: 'boot-mode',
    },
    native
      ? {
          title: 'Put the chip in download mode by hand',
          detail: 'If the running program turned off USB or crashed early, the port answers nothing. Hold BOOT, tap RESET (EN), release BOOT, then retry.',
          check: 'manual-bootloader',
        }
      : {
          title: "Check the wiring: adapter TX to the chip's RX, adapter RX to the chip's TX, and GND to GND",
          detail: 'Swapped or missing RX/TX wires are the most common reason for total silence on a hand-wired module. Boards with a built-in adapter cannot get this wrong.',
          check: 'loopback',
        },
    ...(native
      ? []
      : [
          {
            title: 'Enter the bootloader by hand: hold BOOT, tap EN (RESET), release BOOT',
            detail: 'A reset that never reaches the chip (no auto-reset circuit, or a terminal holding EN low) also leaves the line silent.',
            check: 'manual-bootloader' as const,
          },
        ]),
    {
      title: 'Make sure this port is the board',
      detail: 'Another device (a different board, a phone, a Bluetooth serial port) may own the port you picked. Unplug the board and see which port disappears.',
      check: 'port-access',
    },
    {
      title: 'Try a cable known to carry data',
      detail: 'Charge-only cables and worn cables power the board but pass no data, or only some of it.',
    },
  ];
  return {
    title: 'Nothing came back from the board',
    explanation:
      "The board sent no bytes at all: no boot message after the reset and no reply to the bootloader's sync. Either the chip is not running (power), the reset never reached it, or its TX line does not reach the computer.",
    evidence: [...bytesEvidence(facts), ...syncEvidence(facts)],
    steps,
  };
};

export const noSyncReply: CauseWriter = (facts) => {
  const banner = facts.banner;
  const steps: DiagnosisStep[] = [
    {
      title: "Check the path from the computer to the chip: adapter TX to the chip's RX (GPIO3 / U0RXD)",
      detail: 'The chip talks to us, so its TX is fine. What we send does not arrive: a broken or loose RX wire, or something else wired to the RX pin that holds the line.',
      check: 'loopback',
    },
    {
      title: 'Test the USB-serial adapter with TX and RX joined (loopback)',
      detail: 'If the adapter does not hear its own bytes back, the adapter or its driver is at fault, not the chip.',
      check: 'loopback',
    },
    {
      title: lowerBaud(facts) === 9600 ? 'Retry at 9600 baud' : `Retry at a lower baud rate, ${lowerBaud(facts)} or even 9600`,
      detail: 'A rate the adapter cannot send cleanly looks the same to the chip as nothing at all.',
      check: 'baud-sweep',
    },
    {
      title: 'Try another reset method',
      detail: facts.resetMethod === undefined
        ? 'A reset method that does not match the circuit can leave DTR/RTS holding a line the chip needs.'
        : `The reset method (${facts.resetMethod}) may leave DTR/RTS in a state that disturbs the chip on this circuit; try another one.`,
    },
  ];
  return {
    title: 'The chip is in download mode but does not answer',
    explanation:
      'The chip reset into its serial bootloader and said so, but it never answered the sync messages. Data from the chip reaches the computer; data from the computer does not reach the chip.',
    evidence: [...(banner === undefined ? bytesEvidence(facts) : bannerEvidence(banner, facts.chip)), ...syncEvidence(facts)],
    steps,
  };
};

export const noisyLine: CauseWriter = (facts) => {
  const slowAdapter = facts.bridge !== undefined && SLOW_ADAPTERS.has(facts.bridge);
  const rate = facts.baudRate;
  const rateWords = rate === undefined ? 'the baud rate' : `${rate} baud`;
  const adapterNote = slowAdapter && (rate ?? 0) > 460800 ? ` ${rateWords} is more than this adapter carries reliably.` : '';
  const c2 = facts.chip === 'esp32c2' ? ` The ${CHIPS.esp32c2.name} needs at least 115200 baud to connect.` : '';
  const steps: DiagnosisStep[] = [
    {
      title: `Lower the baud rate to ${lowerBaud(facts)}`,
      detail: `Fast rates are the first to break on long cables, cheap adapters and hubs.${adapterNote}${c2} The baud sweep finds the highest rate that stays reliable on this board.`,
      check: 'baud-sweep',
    },
    {
      title: 'Use a short, good cable straight into the computer',
      detail: 'Long or thin cables and unpowered hubs corrupt bytes at high rates.',
    },
    { title: 'Check the power supply', detail: POWER_HINT },
    {
      title: 'Take the board off the breadboard',
      detail: 'Some breadboards short the flash pins (GPIO6-11) of wide boards, which corrupts what the chip sends.',
    },
  ];
  return {
    title: 'The serial line carries corrupted data',
    explanation:
      'Bytes arrived, but not as valid bootloader replies: the frames were broken or started with the wrong byte. This comes from noise, a baud rate the adapter or cable cannot carry, or a chip that browns out while it talks.',
    evidence: [
      ...(facts.invalidPackets === true ? [item('Invalid packets', 'yes')] : []),
      ...bytesEvidence(facts),
      ...syncEvidence(facts),
      ...(rate === undefined ? [] : [item('Baud rate', String(rate))]),
    ],
    steps,
  };
};
