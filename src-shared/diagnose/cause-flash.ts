import { POWER_HINT } from '../decode/trouble-notes';
import { chipName, item, writeEvidence } from './cause-evidence';
import type { CauseWriter } from './cause-types';
import type { DiagnosisStep, EvidenceItem, FailureFacts } from './diagnosis';

/** Writing: stopped part way, or the image does not belong on this chip. */

function brownedOut(facts: FailureFacts): boolean {
  return facts.errorCode === 'power.brownout' || facts.banner?.brownout === true || /brown-?out/i.test(facts.errorText ?? '');
}

export const writeInterrupted: CauseWriter = (facts) => {
  const power: DiagnosisStep = {
    title: 'Give the board a stronger power supply',
    detail: `Writing flash draws current peaks; a weak supply lets the chip reset in the middle. ${POWER_HINT}`,
  };
  const baud: DiagnosisStep = {
    title: 'Write again at a lower baud rate',
    detail: 'Errors part way through a write often come from a rate the line cannot hold for long transfers. The baud sweep finds the fastest rate that writes and verifies reliably.',
    check: 'baud-sweep',
  };
  const cable: DiagnosisStep = {
    title: 'Use a short cable straight into the computer',
    detail: 'A loose cable or an unpowered hub drops the connection under load.',
  };
  const brownout = brownedOut(facts);
  const vanished = facts.portVanished === true || facts.errorCode === 'port.disconnected';
  const steps = brownout ? [power, baud, cable] : vanished ? [cable, power, baud] : [baud, power, cable];
  if (facts.errorCode === 'flash.md5-mismatch' && !brownout) {
    return {
      title: 'What was written does not match the file',
      explanation:
        'The write went through to the end, but the checksum read back from the flash differs from the file: bytes were corrupted on the way (baud rate, cable) or written while the supply sagged.',
      evidence: writeEvidence(facts),
      steps: [{ ...baud, title: 'Erase the flash and write again at a lower baud rate' }, power, cable],
    };
  }
  const evidence: EvidenceItem[] = [
    ...writeEvidence(facts),
    ...(brownout ? [item('Brown-out', facts.banner?.brownout === true ? `yes: ${facts.banner.line}` : 'yes')] : []),
    ...(vanished ? [item('Port vanished', 'yes, during the write')] : []),
  ];
  const why = brownout
    ? 'The chip browned out: its supply voltage dropped so far that it reset in the middle of the write.'
    : vanished
      ? 'The USB connection dropped in the middle of the write.'
      : 'The chip stopped answering or answered wrongly in the middle of the write, which points to the serial line or the power supply.';
  return {
    title: facts.writeProgress === undefined && !brownout ? 'The board stopped answering part way through' : 'Writing stopped part way through',
    explanation: `The connection worked and writing started, but it did not finish. ${why} The flash now holds a partial image; write it again once the cause is fixed.`,
    evidence,
    steps,
  };
};

export const wrongChip: CauseWriter = (facts) => {
  const board = facts.chip === undefined ? 'the board' : `the board's ${chipName(facts.chip)}`;
  const imageChip = facts.image?.chip;
  const expected = facts.expectedChip;
  const evidence: EvidenceItem[] = [
    ...(facts.chip === undefined ? [] : [item('Chip on the board', chipName(facts.chip))]),
    ...(imageChip === undefined ? [] : [item('Image built for', chipName(imageChip))]),
    ...(expected === undefined ? [] : [item('Chip selected', chipName(expected))]),
  ];
  const imageMismatch = imageChip !== undefined && imageChip !== facts.chip;
  const steps: DiagnosisStep[] = imageMismatch
    ? [
        { title: `Build the firmware for ${facts.chip === undefined ? 'this chip' : chipName(facts.chip)}`, detail: 'Select the matching board or target in the IDE (idf.py set-target, the Arduino board menu, PlatformIO board =), rebuild, and flash the new image.' },
        { title: 'Check that you picked the right board and port', detail: 'With several boards connected, the port may belong to another one.', check: 'port-access' },
      ]
    : [
        { title: 'Select the chip that was detected, or let the tool detect it', detail: 'The board answered as another chip than the one in the settings (esptool --chip, the board menu).' },
        { title: 'Check that you picked the right port', detail: 'With several boards connected, the port may belong to another one.', check: 'port-access' },
      ];
  return {
    title: imageMismatch ? `The image was built for ${chipName(imageChip)}, not for ${board.replace(/^the board's /, '')}` : `The board has a different chip from the one selected`,
    explanation: imageMismatch
      ? `Each image names the chip it was built for, and ${board} cannot run code built for another chip. Nothing was written.`
      : `The settings asked for ${expected === undefined ? 'another chip' : chipName(expected)}, but ${board} answered. Flashing stopped before anything was written.`,
    evidence,
    steps,
  };
};
