import type { ObservedBanner } from './derive-types';
import type { Finding } from './verdict-boot-mode';
import type { VerdictFacts } from './verdict-facts';
import { formatMs, NEXT_STEPS } from './verdict-text';

/** The verdict's cases other than an unexpected flash boot (verdict-boot-mode.ts). */

function pulses(facts: VerdictFacts): string {
  const widths = facts.resets.slice(0, 4).map((reset) => formatMs(reset.measurement.enLowPulseMs));
  return widths.join(', ') + (facts.resets.length > 4 ? ', ...' : '');
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

/** (e) The session worked; say which boot mode was entered and the measured pulse widths. */
export function goodFinding(facts: VerdictFacts): Finding {
  if (facts.resets.length === 0) {
    return {
      severity: 'ok',
      suspect: 'none',
      title: 'No reset in this trace',
      explanation: 'The host did not pull EN low during this session, so there is no reset timing to check.',
    };
  }
  // The reset the connection came from: the last one inside a connect attempt, else the last one.
  const connect = facts.resets.filter((reset) => reset.measurement.attempt !== undefined).at(-1) ?? facts.resets.at(-1)!;
  const { measurement, banner } = connect;
  const download = banner?.banner.download ?? measurement.bootedDownload;
  const rise =
    measurement.enRiseDelayMs === undefined ? '' : `; EN crossed the reset threshold ${formatMs(measurement.enRiseDelayMs)} after release`;
  const gpio0 =
    measurement.gpio0LowBeforeEnRiseMs !== undefined && measurement.gpio0LowAfterEnRiseMs !== undefined
      ? `, with GPIO0 low ${formatMs(measurement.gpio0LowBeforeEnRiseMs)} before and ${formatMs(measurement.gpio0LowAfterEnRiseMs)} after`
      : measurement.enRiseDelayMs === undefined
        ? ''
        : ', with GPIO0 high';
  const printed = banner === undefined ? '' : ` The chip printed "${banner.banner.line}".`;
  const answered = facts.syncReplied ? ' It answered SYNC.' : '';
  const later = facts.resets.filter((reset) => reset.measurement.resetIndex > measurement.resetIndex);
  const after =
    later.length === 0
      ? ''
      : ` Afterwards the host reset it ${times(later.length)} more (EN low ${later.map((reset) => formatMs(reset.measurement.enLowPulseMs)).join(', ')})` +
        `${later.at(-1)?.measurement.bootedDownload === false ? ' and it started its firmware' : ''}.`;
  const retried = facts.attempts > 1 && measurement.attempt !== undefined && measurement.attempt > 1;
  const mode = download === true ? 'download mode (serial bootloader)' : download === false ? 'its firmware (flash boot)' : 'an unknown mode';
  return {
    severity: retried ? 'warning' : 'ok',
    suspect: 'none',
    title: retried
      ? `Connected on attempt ${measurement.attempt}: earlier resets did not reach download mode`
      : download === false
        ? 'The chip reset and started its firmware'
        : 'Reset into download mode worked',
    explanation:
      `${retried ? 'The earlier attempts failed (see the evidence); this one worked. ' : ''}` +
      `${measurement.attempt === undefined ? 'The reset' : `The reset of attempt ${measurement.attempt}`} held EN low for ` +
      `${formatMs(measurement.enLowPulseMs)}${rise}${gpio0}, so the chip entered ${mode}.${printed}${answered}${after}`,
    ...(retried ? { nextSteps: ['If this keeps needing retries, set the reset method that worked so the first attempt uses it.'] } : {}),
  };
}

/** The connection worked; whatever failed came later and is not about reset. */
export function failedLaterFinding(facts: VerdictFacts): Finding {
  const { errorCode, errorMessage } = facts.trace.summary;
  const what = errorCode === undefined ? '' : ` with ${errorCode}${errorMessage === undefined ? '' : ` (${errorMessage})`}`;
  return {
    severity: 'warning',
    suspect: 'none',
    title: 'Reset and connect worked; the session failed later',
    explanation:
      'The chip was reset into download mode and answered SYNC, so the reset circuit and both data wires work. ' +
      `The session then ${facts.trace.summary.outcome === 'cancelled' ? 'was cancelled' : 'failed'}${what}; the reset timing is not the cause.`,
    nextSteps: ["Follow the error's own hint."],
  };
}

/** (c) Download mode was reached but SYNC got no reply: the host-to-chip path is down. */
export function noSyncReplyFinding(facts: VerdictFacts, banner: ObservedBanner): Finding {
  const sent = facts.txBytes > 0 ? ` although the host sent ${facts.txBytes} bytes` : '';
  return {
    severity: 'error',
    suspect: 'no-sync-reply',
    title: 'Download mode reached, but the chip never answered',
    explanation:
      `The chip printed "${banner.banner.line}"${banner.banner.waitingForDownload ? ' and "waiting for download"' : ''}: it was in ` +
      `download mode, so the reset worked and its TX reaches the computer. Yet no reply to SYNC came back${sent}. ` +
      "Bytes from the computer are not reaching the chip's RX pin (the TX path from the adapter to the chip is down).",
    nextSteps: NEXT_STEPS['no-sync-reply'],
  };
}

/** (a) Resets were driven, nothing shows they reached the chip. */
export function noAutoResetFinding(facts: VerdictFacts, reason: 'circuit-none' | 'kept-printing'): Finding {
  if (reason === 'circuit-none') {
    return {
      severity: 'error',
      suspect: 'no-auto-reset',
      title: 'EN never went low: this board has no auto-reset circuit; hold BOOT and press EN',
      explanation:
        'The board has no auto-reset circuit: DTR and RTS are not connected to EN or GPIO0, so the host cannot reset the chip. ' +
        'Put it in download mode with the buttons: hold BOOT, press and release EN, release BOOT.',
      nextSteps: NEXT_STEPS['no-auto-reset'],
    };
  }
  return {
    severity: 'error',
    suspect: 'no-auto-reset',
    title: 'The resets did not reach the chip: no boot banner followed any of them',
    explanation:
      `The host pulled EN low ${times(facts.resets.length)} (EN low ${pulses(facts)}), but no boot banner followed any of ` +
      `these resets while the firmware kept printing (${facts.rxBytes} bytes of text). On the board EN never went low: it ` +
      'has no auto-reset circuit, or DTR and RTS are not wired to it. Hold BOOT and press EN to enter download mode.',
    nextSteps: NEXT_STEPS['no-auto-reset'],
  };
}

/** (d) Not a single byte came back. */
export function noDataFinding(facts: VerdictFacts): Finding {
  const resets = facts.resets.length === 0 ? 'The host' : `The host reset the board ${times(facts.resets.length)} and`;
  return {
    severity: 'error',
    suspect: 'no-data',
    title: 'Nothing came back from the board',
    explanation:
      `${resets} sent ${facts.txBytes} bytes, but not a single byte came back: no boot banner and no reply. The board may ` +
      "be unpowered, the cable may carry power only, or the chip's TX is not wired to the adapter's RX. A board without " +
      'auto-reset whose firmware prints nothing looks the same.',
    nextSteps: NEXT_STEPS['no-data'],
  };
}

/** The host changed the lines, but never in a way that pulls EN low on the assumed circuit. */
export function enNeverLowFinding(facts: VerdictFacts): Finding {
  return {
    severity: 'error',
    suspect: 'wrong-reset-method',
    title: 'EN never went low: no line change reset the chip',
    explanation:
      `None of the host's DTR/RTS changes pulls EN low on the ${facts.trace.summary.board.circuit} circuit, so the chip was never ` +
      'reset. The reset method does not fit this board, or the board is wired differently from what was assumed.',
    nextSteps: NEXT_STEPS['wrong-reset-method'],
  };
}

export function noResetTriedFinding(): Finding {
  return {
    severity: 'error',
    suspect: 'wrong-reset-method',
    title: 'No reset was tried: the host never asserted DTR or RTS',
    explanation:
      'The session ran without a reset (reset method "no reset"), so the chip had to be in download mode already, and it was not. ' +
      'Pick a reset method, or put the chip in download mode by hand before starting.',
    nextSteps: NEXT_STEPS['wrong-reset-method'],
  };
}

export function unreadableFinding(facts: VerdictFacts): Finding {
  return {
    severity: 'error',
    suspect: 'unknown',
    title: 'Only unreadable bytes came back',
    explanation:
      `${facts.rxBytes} bytes came back, but none of them reads as text or a boot banner: a baud rate mismatch (ESP8266 and ` +
      'ESP32-C2 with a 26 MHz crystal print their banner at 74880 baud), noise on the line, or a device that is not an ESP chip.',
    nextSteps: ['Check that this is the right port, try a lower baud rate and a shorter cable.', ...NEXT_STEPS.unknown],
  };
}

export function unknownFinding(facts: VerdictFacts): Finding {
  const { errorCode, errorMessage } = facts.trace.summary;
  return {
    severity: facts.trace.summary.outcome === 'ok' ? 'ok' : 'warning',
    suspect: 'unknown',
    title: 'The trace does not show what went wrong',
    explanation:
      `Nothing in the reset timing or the received bytes points at one cause${errorCode === undefined ? '' : `; the session ended with ${errorCode}`}` +
      `${errorMessage === undefined ? '' : ` (${errorMessage})`}.`,
    nextSteps: NEXT_STEPS.unknown,
  };
}
