import { parseBootBanner, printableText } from '../../../src-shared/decode/boot-banner';
import { EspError, type Evidence } from '../../../src-shared/errors';
import type { NoiseRecord } from '../connection/frame-reader';
import { opcodeName } from './opcodes';
import { toHex } from './packets';

/**
 * Turns "no valid reply in time" into the most specific error the received bytes allow:
 * a boot banner means the chip reset (brown-out if it says so), other bytes mean noise or a
 * baud problem, a frame cut short means the transfer stopped, nothing at all means silence.
 */
const PANIC_MARKERS = /Guru Meditation Error|Fatal exception \(\d+\)/;
const BROWNOUT_MARKER = /Brownout detector was triggered|BROWN_?OUT/;

export function noiseEvidence(noise: NoiseRecord): Evidence {
  if (noise.bytes.length === 0) return {};
  return {
    receivedBytes: noise.bytes.length,
    receivedHex: toHex(noise.bytes.subarray(0, 48)),
    receivedText: printableText(noise.bytes, 400),
  };
}

/**
 * `noise` holds everything received outside frames, followed by the bytes of a frame that was
 * cut off (`partialFrameBytes` of them, 0 when none).
 */
export function noReplyError(op: number, timeoutMs: number, noise: NoiseRecord, partialFrameBytes = 0): EspError {
  const command = opcodeName(op);
  const base: Evidence = { command, timeoutMs, ...noiseEvidence(noise) };
  const text = printableText(noise.bytes, 4096);
  const banner = noise.bytes.length > 0 ? parseBootBanner(text) : undefined;
  if (banner?.brownout || BROWNOUT_MARKER.test(text)) {
    return new EspError('power.brownout', {
      message: `The chip browned out and reset during ${command}.`,
      evidence: { ...base, ...(banner ? { bootBanner: banner.line } : {}) },
    });
  }
  if (banner) {
    return new EspError('transfer.chip-reset', {
      message: `The chip reset itself during ${command}; it printed its boot banner instead of a reply.`,
      evidence: { ...base, bootBanner: banner.line, bootMode: banner.bootModeText },
    });
  }
  const panic = PANIC_MARKERS.exec(text);
  if (panic) {
    return new EspError('transfer.chip-reset', {
      message: `The code running on the chip crashed during ${command} ("${panic[0]}").`,
      evidence: base,
    });
  }
  if (partialFrameBytes > 0 && noise.bytes.length === partialFrameBytes && noise.invalidFrames === 0) {
    return new EspError('transfer.timeout', {
      message: `The reply to ${command} stopped part way through (${partialFrameBytes} bytes received).`,
      evidence: base,
    });
  }
  if (noise.bytes.length > 0 || noise.invalidFrames > 0) {
    const head = noise.bytes[0];
    return new EspError('transfer.invalid-packet', {
      message:
        head === undefined
          ? `The reply to ${command} was corrupted (invalid SLIP framing).`
          : `The reply to ${command} was not a valid packet (it began with 0x${head.toString(16).padStart(2, '0')}): possible serial noise or a wrong baud rate.`,
      evidence: { ...base, invalidFrames: noise.invalidFrames },
    });
  }
  return new EspError('transfer.timeout', {
    message: `No reply to ${command} within ${Math.round(timeoutMs)} ms.`,
    evidence: base,
  });
}
