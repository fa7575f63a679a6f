import type { SupportReport } from '../ipc/troubleshoot';
import { advancedChecks } from './support-report-advanced';
import { diagnosisSection } from './support-report-diagnosis';
import { initialChecks } from './support-report-initial';
import { createContext, type ChecklistItem, type ChecklistStatus, type ReportContext, type ReportSection, type SupportReportInput } from './support-report-input';
import { codeSpan, escapeText } from './support-report-markdown';
import { createScrubber, scrubDeep } from './support-report-privacy';
import { resetChecks } from './support-report-reset';
import { softwareChecks } from './support-report-software';
import { chipName, osName } from './support-report-text';

export type { ChecklistItem, ChecklistStatus, ReportSection, SupportReportInput } from './support-report-input';
export type { SupportReport } from '../ipc/troubleshoot';
export { summarizeTraceForReport, type SupportReportTrace } from './support-report-trace';

/**
 * The FAQ's "I'm stuck" checklist (initial checks, advanced checks, reset method, software),
 * filled in from what the app measured, as Markdown for a forum post. Every item is ticked when
 * measured and fine, marked as a problem with its evidence, or left open with how to measure it
 * in the app, so a report with nothing measured still reads as the checklist to work through.
 * Nothing personal goes in beyond the measurements: the home folder becomes ~, and the MAC
 * address and USB serial number are left out.
 */

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** "2026-11-21 14:03 UTC" */
function formatDateUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())} UTC`;
}

/** "ttyUSB0" from "/dev/ttyUSB0", "COM3", "sim-esp32" from "sim:esp32?faults=no-power". */
function portSlug(path: string): string {
  const withoutQuery = path.replace(/\?.*$/, '');
  const base = withoutQuery.startsWith('/') ? (withoutQuery.split('/').at(-1) ?? withoutQuery) : withoutQuery;
  return base
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

export function suggestedReportName(date: Date, portPath?: string): string {
  const stamp = `${date.getUTCFullYear()}${pad2(date.getUTCMonth() + 1)}${pad2(date.getUTCDate())}-${pad2(date.getUTCHours())}${pad2(date.getUTCMinutes())}`;
  const slug = portPath === undefined ? '' : portSlug(portPath);
  return `esp-companion-report-${slug.length === 0 ? '' : `${slug}-`}${stamp}.md`;
}

/** Items are written to follow "Topic:"; each starts a sentence in the report. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderItem(item: ChecklistItem): string {
  const topic = escapeText(item.topic);
  const text = capitalize(item.text);
  const head = {
    ok: `- [x] **${topic}:** ${text}`,
    problem: `- [ ] **${topic}: problem.** ${text}`,
    'not-measured': `- [ ] **${topic}:** _not measured._ ${text}`,
    'not-applicable': `- [ ] **${topic}:** _not applicable._ ${text}`,
  }[item.status];
  // Four spaces nest the evidence under its item in every Markdown flavour forums use.
  return [head, ...(item.evidence ?? []).map((line) => `    - ${line}`)].join('\n');
}

function renderSection(section: ReportSection): string[] {
  return [`## ${section.title}`, section.items.map(renderItem).join('\n'), ...section.blocks];
}

function countLine(items: readonly ChecklistItem[]): string {
  const count = (status: ChecklistStatus) => items.filter((item) => item.status === status).length;
  const problems = count('problem');
  return `Checklist: ${count('ok')} measured and fine, ${problems} problem${problems === 1 ? '' : 's'}, ${count('not-measured')} not measured yet.`;
}

function header(ctx: ReportContext): string[] {
  const { input } = ctx;
  const facts = [
    ctx.portPath === undefined ? 'No port chosen' : `Port ${codeSpan(ctx.portPath)}`,
    ...(ctx.chipInfo !== undefined ? [escapeText(ctx.chipInfo.name)] : input.chip !== undefined ? [escapeText(chipName(input.chip))] : []),
    `ESP Companion ${escapeText(input.appVersion)}`,
    ...(input.platform === undefined ? [] : [escapeText(osName(input.platform))]),
    formatDateUtc(input.generatedAt),
  ];
  const problemLine =
    input.diagnosis !== undefined
      ? `**Problem:** ${escapeText(input.diagnosis.title)}`
      : input.error !== undefined
        ? `**Problem:** ${escapeText(input.error.message)} (${codeSpan(input.error.code)})`
        : '**Problem:** not given; this report lists what was measured.';
  return ['# ESP Companion support report', facts.join(' · '), problemLine];
}

const LEGEND =
  '`[x]` measured and fine; `[ ]` **problem**, with the evidence under it; `[ ]` not measured, with how to measure it in ESP Companion.';

const FOOTER =
  '_Filled in by ESP Companion from its own measurements, following the "I\'m stuck" checklist of the ESP8266 Arduino FAQ. ' +
  'Home folders are shown as ~; MAC addresses and USB serial numbers are left out._';

export function buildSupportReport(input: SupportReportInput): SupportReport {
  const scrub = createScrubber(input.homeDir);
  const clean = { ...scrubDeep(input, scrub), generatedAt: input.generatedAt };
  const ctx = createContext(clean);
  const sections = [initialChecks(ctx), advancedChecks(ctx), resetChecks(ctx), softwareChecks(ctx)];
  const blocks = [
    ...header(ctx),
    countLine(sections.flatMap((section) => section.items)),
    LEGEND,
    ...diagnosisSection(clean),
    ...sections.flatMap(renderSection),
  ];
  const notes = clean.notes ?? [];
  if (notes.length > 0) blocks.push('## Notes', notes.map((note) => `- ${escapeText(note)}`).join('\n'));
  blocks.push(FOOTER);
  const markdown = scrub(`${blocks.join('\n\n')}\n`);
  return { markdown, suggestedName: suggestedReportName(input.generatedAt, ctx.portPath) };
}
