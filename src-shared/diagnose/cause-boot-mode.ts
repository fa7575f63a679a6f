import type { ChipId } from '../chips';
import type { BootBanner } from '../decode/boot-banner';
import { esp32Straps, esp8266Straps, espRomStraps, chipFromRomId, type StrapReading } from '../decode/boot-straps';
import { POWER_HINT } from '../decode/trouble-notes';
import { bannerEvidence, suspectEvidence } from './cause-evidence';
import type { CauseWriter } from './cause-types';
import type { DiagnosisStep, FailureFacts } from './diagnosis';

/**
 * The chip reset but did not enter its serial bootloader: the boot pin was high when EN rose,
 * or the reset never reached EN at all. The banner's strap bits say which pins were wrong.
 */

function strapsOf(banner: BootBanner, chip: ChipId | undefined): StrapReading {
  if (banner.family === 'esp8266') return esp8266Straps(banner.bootMode);
  const romChip = banner.romId === undefined ? undefined : chipFromRomId(banner.romId);
  const known = chip ?? romChip;
  // Without "ESP-ROM:" and without a chip, the banner is most likely the original ESP32's [INFERRED].
  if (known === 'esp32' || (known === undefined && banner.romId === undefined)) return esp32Straps(banner.bootMode, banner.download, banner.bootModeName);
  return espRomStraps(banner.bootMode, banner.download, banner.bootModeName, known);
}

function isEsp8266(facts: FailureFacts): boolean {
  return facts.chip === 'esp8266' || facts.banner?.family === 'esp8266';
}

function strapMeaning(banner: BootBanner, straps: StrapReading): string {
  const printed = banner.bootModeText;
  switch (straps.kind) {
    case 'flash':
      return `The banner shows ${printed}: ${straps.bootPin} was high when the chip left reset, so it ran the program in flash instead of waiting for the flasher.`;
    case 'sdio':
      return `The banner shows ${printed}: GPIO15 (D8 on NodeMCU and Wemos boards) was high at reset, which selects SDIO boot; neither flashing nor the program can start.`;
    case 'invalid':
      return `The banner shows ${printed}: GPIO2 (D4 on NodeMCU and Wemos boards) was low at reset, which is not a valid boot mode.`;
    default:
      return `The banner shows ${printed}: the strapping pins selected ${straps.modeWords}, not the serial bootloader.`;
  }
}

const MANUAL_STEP: DiagnosisStep = {
  title: 'Enter the bootloader by hand: hold BOOT, tap EN (RESET), release BOOT',
  detail: 'Holding the boot button keeps the boot pin low while the chip leaves reset, which is what the auto-reset circuit should have done. The manual check retries until the chip answers.',
  check: 'manual-bootloader',
};

const CAPACITOR_STEP: DiagnosisStep = {
  title: 'Add a 1-10 µF capacitor between EN and GND',
  detail: 'EN rises too quickly, before the boot pin is low, so the chip samples the pins too early. A capacitor slows EN down; many clone boards lack it. A longer reset delay (the 550 ms variant) helps too.',
};

const GPIO0_STEP: DiagnosisStep = {
  title: 'Free the boot pin: disconnect what is wired to GPIO0',
  detail: 'Something keeps the boot pin high although the reset circuit pulls it low: a peripheral, a strong pull-up, or a broken transistor in the auto-reset circuit. If the BOOT button does not help either, check the button and its trace.',
};

const AUTO_RESET_STEP: DiagnosisStep = {
  title: 'Check the auto-reset wiring',
  detail: 'The adapter must drive the chip: DTR to GPIO0 and RTS to EN, through the two-transistor circuit on dev boards. Adapters without DTR/RTS pins cannot reset the chip at all.',
};

function resetMethodStep(facts: FailureFacts): DiagnosisStep {
  const current = facts.resetMethod === undefined ? '' : ` This attempt used "${facts.resetMethod}".`;
  return {
    title: 'Match the reset method to the wiring',
    detail: `Use "nodemcu" for boards with the two-transistor circuit (NodeMCU, Wemos D1 mini and most boards with USB), "ck" for a bare module wired RTS to RST and DTR to GPIO0.${current}`,
  };
}

function strapFixSteps(straps: StrapReading): DiagnosisStep[] {
  if (straps.kind === 'sdio') {
    return [{ title: 'Pull GPIO15 (D8) low', detail: 'Disconnect what is wired to GPIO15 (D8) and make sure a 10 kΩ pull-down to GND is present.' }];
  }
  if (straps.kind === 'invalid') {
    return [{ title: 'Keep GPIO2 (D4) high at reset', detail: 'Disconnect LEDs, sensors or wires that pull GPIO2 (D4) low, and make sure it has a pull-up.' }];
  }
  return straps.warnings.map((warning) => ({ title: 'Fix the strapping pin the banner flags', detail: warning }));
}

function suspectSteps(facts: FailureFacts): DiagnosisStep[] {
  switch (facts.resetSuspect) {
    case 'en-cap-small':
      return [CAPACITOR_STEP, MANUAL_STEP];
    case 'gpio0-stuck-high':
      return [GPIO0_STEP, MANUAL_STEP];
    case 'no-auto-reset':
      return [MANUAL_STEP, AUTO_RESET_STEP];
    case 'wrong-reset-method':
      return [resetMethodStep(facts), MANUAL_STEP];
    default:
      return facts.errorCode === 'connect.not-reset' ? [MANUAL_STEP, AUTO_RESET_STEP] : [MANUAL_STEP, CAPACITOR_STEP];
  }
}

function uniqueSteps(steps: readonly DiagnosisStep[]): DiagnosisStep[] {
  const seen = new Set<string>();
  return steps.filter((step) => (seen.has(step.title) ? false : (seen.add(step.title), true)));
}

function brownoutWords(banner: BootBanner): string {
  return banner.brownout ? ' The reset itself was a brown-out: the supply voltage sagged, so the chip keeps restarting on its own.' : '';
}

export const wrongBootMode: CauseWriter = (facts) => {
  const banner = facts.banner;
  const straps = banner === undefined ? undefined : strapsOf(banner, facts.chip);
  const pinSteps = straps === undefined ? [] : strapFixSteps(straps);
  const power: DiagnosisStep[] = banner?.brownout === true ? [{ title: 'Check the power supply', detail: POWER_HINT }] : [];
  const steps = uniqueSteps([
    ...power,
    ...pinSteps,
    ...suspectSteps(facts),
    ...(isEsp8266(facts) ? [resetMethodStep(facts)] : []),
    { title: 'Watch the boot message while resetting', detail: 'The boot-mode probe resets the board and decodes what the ROM prints.', check: 'boot-mode' },
  ]);
  const traceWords = facts.resetVerdictTitle === undefined ? '' : ` The reset trace says: ${facts.resetVerdictTitle}.`;
  if (banner === undefined || straps === undefined) {
    return {
      title: 'The reset did not bring the chip into its bootloader',
      explanation: `The chip kept running its program (or restarted into it) when the reset lines were toggled, so it never listened for the flasher. The auto-reset circuit is missing, not wired, or too fast for this board.${traceWords}`,
      evidence: suspectEvidence(facts),
      steps,
    };
  }
  return {
    title: straps.kind === 'flash' ? 'The chip booted from flash instead of the bootloader' : `The chip started in ${straps.modeWords}, not the bootloader`,
    explanation: `${strapMeaning(banner, straps)} To flash, the boot pin must be low at the moment EN rises.${brownoutWords(banner)}${traceWords}`,
    evidence: [...bannerEvidence(banner, facts.chip), ...suspectEvidence(facts)],
    steps,
  };
};
