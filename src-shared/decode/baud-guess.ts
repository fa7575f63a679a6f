import { STANDARD_BAUD_RATES } from '../serial';
import { baudRatesMatch, reclockUartBytes } from './uart-reclock';

/**
 * Which baud rate unreadable bytes were most likely sent at.
 *
 * Re-sampling the garbage at each candidate rate only recovers text when the receiver ran
 * faster than the sender; when it ran slower (115200 text read at 9600) most of the sender's
 * bits were never sampled. So the guess works the other way round: for each candidate, typical
 * serial-console text is sent through the same UART receiver model (reclockUartBytes) at the
 * port's rate, and the candidate whose garbage has the byte statistics closest to what arrived
 * (highest log-likelihood) wins. A small prior favours the rates boards really print at.
 */

/** Candidates: the GUI's standard rates (74880 is among them, the ESP8266 ROM rate). */
export const CANDIDATE_BAUD_RATES: readonly number[] = [...STANDARD_BAUD_RATES];

/**
 * Relative likelihood of each rate for console text. [INFERRED] 115200 is the default of
 * ESP-IDF and most Arduino sketches, 74880 is the ESP8266 ROM, 9600 the classic Arduino default.
 */
const PRIOR_WEIGHTS: Readonly<Record<number, number>> = {
  9600: 4,
  19200: 1,
  38400: 1,
  57600: 2,
  74880: 4,
  115200: 8,
  230400: 1,
  460800: 1,
  921600: 1,
  1500000: 0.5,
  2000000: 0.5,
  3000000: 0.5,
};

const WORDS = (
  'the a to of and in is on for with at by from sensor wifi connected station heap free bytes loop count value ' +
  'temperature humidity pressure reading next ok done error failed retry mqtt publish subscribe http get post ' +
  'status address task core boot load len room tail chksum ip gateway mask rssi dBm ms s V mA LED button pressed ' +
  'GPIO pin state on off init start ready version node update timer interrupt buffer queue message topic client ' +
  'server port open close Hello World Booting Connecting Setup done Sending received OTA partition flash app'
).split(' ');

/** Deterministic console-like text (log prefixes, words, numbers, hex, CRLF) from a seed. */
export function sampleConsoleText(seed: number, sizeBytes: number): Uint8Array {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let text = '';
  while (text.length < sizeBytes) {
    if (random() < 0.2) text += `${pick(['I', 'W', 'E', 'D'])} (${Math.floor(random() * 99999)}) `;
    for (let words = 3 + Math.floor(random() * 8); words > 0; words--) {
      const kind = random();
      if (kind < 0.15) text += String(Math.floor(random() * 10000));
      else if (kind < 0.2) text += `0x${Math.floor(random() * 2 ** 32).toString(16)}`;
      else text += pick(WORDS);
      text += pick([' ', ' ', ' ', ' ', ' ', ' ', ', ', ': ', ' = ']);
    }
    text += '\r\n';
  }
  // ASCII only, so one char is one byte (src-shared has no TextEncoder in its lib).
  return Uint8Array.from(text.slice(0, sizeBytes), (char) => char.charCodeAt(0));
}

const MODEL_TEXT_BYTES = 6000;
const SMOOTHING = 0.5;
let modelText: Uint8Array | undefined;

interface ByteModel {
  /** log P(byte) for garbage produced by text at the sender rate read at the receiver rate. */
  readonly logP: Float64Array;
  /** Average log P of the model's own garbage: how well real matches score, per byte. */
  readonly selfFit: number;
}

const models = new Map<string, ByteModel>();

function byteModel(senderBaud: number, receiverBaud: number): ByteModel {
  const key = `${senderBaud}:${receiverBaud}`;
  const cached = models.get(key);
  if (cached !== undefined) return cached;
  modelText ??= sampleConsoleText(1, MODEL_TEXT_BYTES);
  const garbage = reclockUartBytes(modelText, senderBaud, receiverBaud);
  const counts = new Float64Array(256);
  for (const byte of garbage) counts[byte] = (counts[byte] ?? 0) + 1;
  const total = garbage.length + 256 * SMOOTHING;
  const logP = counts.map((count) => Math.log((count + SMOOTHING) / total));
  let fit = 0;
  for (const byte of garbage) fit += logP[byte] ?? 0;
  const model = { logP, selfFit: garbage.length === 0 ? 0 : fit / garbage.length };
  models.set(key, model);
  return model;
}

export interface BaudScore {
  readonly baudRate: number;
  /** Log-likelihood of the bytes under this rate's model (higher is better). */
  readonly logLikelihood: number;
}

export interface BaudGuess {
  readonly baudRate: number;
  /** Nats between the guess and the best rate that the bytes can tell apart from it. */
  readonly margin: number;
  /** The bytes fit the guess about as well as real garbage from that rate does. */
  readonly fits: boolean;
  /** Other rates the bytes cannot tell apart from the guess (most likely first). */
  readonly alternatives: readonly number[];
  readonly confident: boolean;
  readonly ranking: readonly BaudScore[];
}

/** The guess is trusted when the best distinguishable rival is this many nats behind. */
export const MIN_MARGIN = 3;
/**
 * Rates closer than this (nats per byte) cannot be told apart by the bytes: a slow receiver
 * sees 115200 and 460800 text almost as mirror images of each other. Among such rates the
 * more common one (PRIOR_WEIGHTS) is chosen.
 */
const AMBIGUOUS_NATS_PER_BYTE = 0.1;
/** Short samples are noisy: below this many nats apart, rates count as indistinguishable. */
const AMBIGUOUS_MIN_NATS = 6;
/**
 * More indistinguishable rates than this and the bytes say little: a receiver ten times faster
 * than the sender sees nearly only 0x00 bytes whatever the slower rate was.
 */
const MAX_AMBIGUOUS_RATES = 3;
/** Fewer bytes than this are too few to name a rate with confidence. */
const MIN_CONFIDENT_BYTES = 32;
/** How much worse than the model's own garbage (nats per byte) still counts as a fit. */
const FIT_TOLERANCE = 1;

export function guessSenderBaud(garbage: Uint8Array, receiverBaud: number): BaudGuess | undefined {
  if (garbage.length === 0) return undefined;
  const ranking = CANDIDATE_BAUD_RATES.filter((rate) => !baudRatesMatch(rate, receiverBaud))
    .map((baudRate) => {
      const { logP } = byteModel(baudRate, receiverBaud);
      let logLikelihood = 0;
      for (const byte of garbage) logLikelihood += logP[byte] ?? 0;
      return { baudRate, logLikelihood };
    })
    .sort((a, b) => b.logLikelihood - a.logLikelihood);
  const best = ranking[0];
  if (best === undefined) return undefined;
  const ambiguity = Math.max(AMBIGUOUS_MIN_NATS, AMBIGUOUS_NATS_PER_BYTE * garbage.length);
  const group = ranking.filter((entry) => best.logLikelihood - entry.logLikelihood <= ambiguity);
  const chosen = group.reduce((pick, entry) => ((PRIOR_WEIGHTS[entry.baudRate] ?? 1) > (PRIOR_WEIGHTS[pick.baudRate] ?? 1) ? entry : pick));
  const rival = ranking.find((entry) => !group.includes(entry));
  const margin = rival === undefined ? 0 : chosen.logLikelihood - rival.logLikelihood;
  const fits = chosen.logLikelihood / garbage.length >= byteModel(chosen.baudRate, receiverBaud).selfFit - FIT_TOLERANCE;
  const alternatives = group.filter((entry) => entry !== chosen).map((entry) => entry.baudRate);
  const confident = fits && margin >= MIN_MARGIN && group.length <= MAX_AMBIGUOUS_RATES && garbage.length >= MIN_CONFIDENT_BYTES;
  return { baudRate: chosen.baudRate, margin, fits, alternatives, confident, ranking };
}
