import type { ObservedBanner } from './derive-types';
import type { ResetWithBanner, VerdictFacts } from './verdict-facts';
import { compareHypotheses, type HypothesisResult } from './verdict-hypotheses';
import { formatMs, NEXT_STEPS } from './verdict-text';
import type { VerdictSuspect } from './verdict-types';

/**
 * Case (b): the banner says the chip booted from flash after a host reset. Whether that was to
 * be expected follows from the derived GPIO0 at the EN rise; when it was not, hypotheses about
 * the EN capacitor decide between "EN rises too fast", "EN rises too slowly" and "GPIO0 never
 * reaches the chip".
 */
export interface Finding {
  readonly severity: 'ok' | 'warning' | 'error';
  readonly suspect: VerdictSuspect;
  readonly title: string;
  readonly explanation: string;
  readonly evidence?: readonly string[];
  readonly nextSteps?: readonly string[];
}

function resetList(resets: readonly ResetWithBanner[]): string {
  const names = resets.map((reset) => String(reset.measurement.resetIndex + 1));
  if (names.length === 1) return `reset ${names[0]}`;
  return `resets ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function quoted(banner: ObservedBanner | undefined): string {
  return banner === undefined ? 'a flash boot' : `"${banner.banner.line}"`;
}

function hypothesisEvidence(results: readonly HypothesisResult[], resets: readonly ResetWithBanner[]): string[] {
  return results.map((result) => {
    const said = resets.map((reset) => {
      const download = result.downloadByReset[reset.measurement.resetIndex];
      const word = download === undefined ? 'no boot' : download ? 'download' : 'flash boot';
      return `reset ${reset.measurement.resetIndex + 1}: ${word}`;
    });
    return `Hypothesis, ${result.hypothesis.description}: ${said.join(', ')}${result.explainsAll ? ' (matches the banners)' : ' (does not match the banners)'}.`;
  });
}

function gpio0Figures(reset: ResetWithBanner): string {
  const { gpio0LowBeforeEnRiseMs: beforeMs, gpio0LowAfterEnRiseMs: afterMs } = reset.measurement;
  if (beforeMs === undefined || afterMs === undefined) return '';
  return ` (on the assumed board GPIO0 was low ${formatMs(beforeMs)} before EN crossed the threshold and ${formatMs(afterMs)} after)`;
}

function notExpected(facts: VerdictFacts, flashResets: readonly ResetWithBanner[]): Finding {
  const first = flashResets[0]!;
  const circuit = facts.trace.summary.board.circuit;
  return {
    severity: 'error',
    suspect: 'wrong-reset-method',
    title: 'GPIO0 was already high when EN rose, so the chip booted from flash',
    explanation:
      `On the ${circuit} circuit the reset sequence let GPIO0 go before EN rose, so after ${resetList(flashResets)} the chip ` +
      `sampled the strap high and started its firmware (${quoted(first.banner)}). The reset method does not fit this ` +
      'board, or the board is wired differently from what was assumed.',
    nextSteps: NEXT_STEPS['wrong-reset-method'],
  };
}

/** USB-Serial/JTAG resets the chip digitally: there is no EN capacitor to suspect. */
function usbRequestIgnored(surprising: readonly ResetWithBanner[]): Finding {
  const first = surprising[0]!;
  return {
    severity: 'error',
    suspect: 'gpio0-stuck-high',
    title: 'The chip booted from flash although the USB peripheral asked for download mode',
    explanation:
      `After ${resetList(surprising)} the USB-Serial/JTAG peripheral held a download request (DTR was asserted when RTS ` +
      `was), yet the chip started its firmware (${quoted(first.banner)}). Something kept the chip out of download mode: ` +
      'its boot strap pin held high, or download mode disabled in eFuse [INFERRED: the request is modelled as a strap ' +
      'override, as esptool uses it].',
    nextSteps: [
      'Hold BOOT, press and release RESET, release BOOT, then retry over the same USB port.',
      'Check what is attached to the boot strap pin (GPIO9 on ESP32-C3/C6/H2, GPIO0 on ESP32-S3).',
    ],
  };
}

export function wrongBootModeFinding(facts: VerdictFacts, flashResets: readonly ResetWithBanner[]): Finding {
  const surprising = flashResets.filter((reset) => reset.measurement.bootedDownload === true);
  if (surprising.length === 0) return notExpected(facts, flashResets);
  if (facts.trace.summary.board.circuit === 'usb-serial-jtag') return usbRequestIgnored(surprising);
  const { events, summary } = facts.trace;
  const indices = surprising.map((reset) => reset.measurement.resetIndex);
  const { explaining, results } = compareHypotheses(events, summary.board, indices);
  const evidence = hypothesisEvidence(results, surprising);
  const first = surprising[0]!;
  const list = resetList(surprising);

  if (explaining?.hypothesis.id === 'no-en-capacitor') {
    const everyResetFlashes = explaining.downloadByReset.every((download) => download !== true);
    return {
      severity: 'error',
      suspect: 'en-cap-small',
      title: 'EN rises too fast: the EN capacitor is too small or missing',
      explanation:
        `The chip booted from flash (${quoted(first.banner)}) although on the assumed board GPIO0 was low when EN rose. ` +
        `With no capacitor on EN, EN would have risen within a fraction of a millisecond after ${list}, in the moment ` +
        'between the DTR and RTS writes that releases EN before GPIO0 is pulled low: GPIO0 was already high when EN rose, so the ' +
        'chip booted from flash. That explains every flash boot in this trace.' +
        (everyResetFlashes
          ? ' Only resets with a gap between the two line writes were tried, so a GPIO0 that never goes low would look the same; a tight reset (both lines at once) tells the two apart.'
          : ''),
      evidence,
      nextSteps: NEXT_STEPS['en-cap-small'],
    };
  }
  if (explaining?.hypothesis.id === 'slow-en') {
    return {
      severity: 'error',
      suspect: 'wrong-reset-method',
      title: 'EN rises too slowly for this reset delay',
      explanation:
        `The chip booted from flash (${quoted(first.banner)}) although on the assumed board GPIO0 was low when EN rose. ` +
        `If EN rises slowly (a large capacitor on EN), the host let GPIO0 go before EN crossed the threshold after ${list}, ` +
        'so the chip sampled it high. That explains every flash boot in this trace.',
      evidence,
      nextSteps: [
        'Use the longer reset delay (the 550 ms variant of the Classic or Tight reset).',
        'Or use a smaller capacitor on EN (1 uF with the usual 10 kOhm pull-up).',
        'Or hold BOOT while the app resets the board.',
      ],
    };
  }
  const objections = results.map((result) => {
    const wouldDownload = surprising.filter((reset) => result.downloadByReset[reset.measurement.resetIndex] !== false);
    return `with ${result.hypothesis.description}, ${resetList(wouldDownload)} would still have entered download mode`;
  });
  return {
    severity: 'error',
    suspect: 'gpio0-stuck-high',
    title: 'GPIO0 is not reaching the chip: it booted from flash with GPIO0 held low',
    explanation:
      `After ${list} GPIO0 was low for the whole rise of EN${gpio0Figures(first)}, yet the chip booted from flash ` +
      `(${quoted(first.banner)}). No hypothesis about the EN capacitor explains that: ${objections.join('; ')}. Something keeps ` +
      "the chip's boot strap high: GPIO0 is held high (a strong pull-up or a part on that pin), the circuit pulls a different " +
      'pin, or a strapping resistor is too strong.',
    evidence,
    nextSteps: NEXT_STEPS['gpio0-stuck-high'],
  };
}
