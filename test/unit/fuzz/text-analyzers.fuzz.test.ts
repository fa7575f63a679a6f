import { describe, expect, it } from 'vitest';
import { MonitorAnalyzer } from '../../../src-shared/decode/monitor-analyzer';
import { analyzeLog, readLog } from '../../../src-shared/diagnose/logs/analyze-log';
import { mutateText } from '../../helpers/fuzz-mutations';
import { SeededRandom } from '../../helpers/seeded-random';
import { logFixtures } from '../shared/diagnose/logs/fixtures';
import { runClean } from './fuzz-outcome';

/**
 * Logs pasted by users and live monitor output are arbitrary text. The log analyzer and the
 * monitor analyzer must always answer (they have no error path: every text is some log), and
 * their output must stay proportional to the input, the sign that no line is re-read forever.
 * The pathological lines target regex backtracking; a hang there fails by the test timeout.
 */
const ITERATIONS = 400;
const MAX_TEXT_CHARS = 32 * 1024;
const SAMPLES = logFixtures().map((fixture) => fixture.text);

/** Line-level mutations on top of the byte ones: repeated, dropped and swapped lines. */
function mutateLines(random: SeededRandom, text: string): string {
  const lines = text.split('\n');
  for (let count = random.between(1, 4); count > 0; count--) {
    const at = random.int(lines.length);
    const choice = random.int(3);
    if (choice === 0) lines.splice(at, 0, ...lines.slice(at, at + random.between(1, 5)));
    else if (choice === 1) lines.splice(at, 1);
    else lines.splice(at, 1, random.pick(SAMPLES.join('\n').split('\n')));
  }
  return lines.join('\n').slice(0, MAX_TEXT_CHARS);
}

function fuzzedText(random: SeededRandom): string {
  return random.chance(0.4) ? mutateLines(random, random.pick(SAMPLES)) : mutateText(random, SAMPLES, MAX_TEXT_CHARS);
}

const PATHOLOGICAL = [
  '',
  '\r\n'.repeat(5000),
  'A'.repeat(MAX_TEXT_CHARS),
  ' '.repeat(MAX_TEXT_CHARS) + '!',
  '0x'.repeat(MAX_TEXT_CHARS / 2),
  'rst:0x'.repeat(4000),
  'Backtrace: ' + '0x4008:0x3ffb '.repeat(2000),
  'esptool.py --chip esp32 '.repeat(1000),
  'A fatal error occurred: '.repeat(1000),
  '\u001b['.repeat(8000) + 'm',
  '\u0000\uffff\ud800'.repeat(3000),
];

describe('fuzzing the log analyzer', () => {
  it('reads any mutated log and diagnoses it, with output bounded by the input', () => {
    expect(SAMPLES.length).toBeGreaterThan(10);
    const random = new SeededRandom(0x106);
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const text = fuzzedText(random);
      const label = `seed ${random.seed} iteration ${iteration}`;
      const reading = runClean(label, () => readLog(text)).value;
      expect(reading, label).toBeDefined();
      expect(reading!.lines.length, label).toBeLessThanOrEqual(text.length);
      expect(reading!.inconsistencies.length, label).toBeLessThanOrEqual(reading!.lines.length + 10);
      const analysis = runClean(label, () => analyzeLog(text)).value;
      expect(analysis?.diagnosis.cause, label).toMatch(/\S/);
    }
  });

  it.each(PATHOLOGICAL.map((text, index) => [index, text] as const))('answers pathological text %i', (index, text) => {
    const analysis = runClean(`pathological ${index}`, () => analyzeLog(text)).value;
    expect(analysis?.diagnosis.cause).toMatch(/\S/);
  });
});

/** Feeds text as the monitor would: line by line, bytes too, returning how many notes came out. */
function feedMonitor(analyzer: MonitorAnalyzer, text: string, random: SeededRandom): { notes: number; lines: number } {
  const lines = text.split(/\r?\n/);
  let notes = 0;
  let atMs = 0;
  for (const line of lines) {
    atMs += random.between(0, 3000);
    notes += analyzer.line(line, atMs).length;
    if (random.chance(0.2)) notes += analyzer.bytes(Uint8Array.from(line.slice(0, 512), (char) => char.charCodeAt(0) & 0xff), random.pick([74880, 115200, 9600]), atMs).length;
  }
  return { notes, lines: lines.length };
}

describe('fuzzing the monitor analyzer', () => {
  it('notes at most a few things per line for any mutated output, across resets', () => {
    const random = new SeededRandom(0x3011);
    let total = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const analyzer = new MonitorAnalyzer(random.chance(0.5) ? { family: random.pick(['esp8266', 'esp32'] as const) } : {});
      const text = fuzzedText(random);
      const label = `seed ${random.seed} iteration ${iteration}`;
      const fed = runClean(label, () => feedMonitor(analyzer, text, random)).value;
      expect(fed, label).toBeDefined();
      expect(fed!.notes, label).toBeLessThanOrEqual(3 * fed!.lines + 3);
      total += fed!.notes;
      if (random.chance(0.3)) analyzer.reset();
    }
    // The fixtures hold crashes and boot loops: mutated copies must still produce notes.
    expect(total).toBeGreaterThan(0);
  });

  it.each(PATHOLOGICAL.map((text, index) => [index, text] as const))('answers pathological text %i', (index, text) => {
    const random = new SeededRandom(index);
    const fed = runClean(`pathological ${index}`, () => feedMonitor(new MonitorAnalyzer({ family: 'esp32' }), text, random)).value;
    expect(fed!.notes).toBeLessThanOrEqual(3 * fed!.lines + 3);
  });
});
