import type { Diagnosis, DiagnosisStep } from './diagnosis';
import type { SupportReportInput } from './support-report-input';
import { cell, codeSpan, escapeText, table } from './support-report-markdown';
import { CHECK_LABELS } from './support-report-text';

/** The troubleshooter's conclusion in the report: cause, evidence and the ranked next steps. */

function stepLine(step: DiagnosisStep, index: number): string {
  const parts = [`${index + 1}. **${escapeText(step.title)}**${step.detail === undefined ? '' : `: ${escapeText(step.detail)}`}`];
  if (step.command !== undefined) parts.push(`Command: ${codeSpan(step.command)}`);
  if (step.check !== undefined) parts.push(`(${CHECK_LABELS[step.check]} check on the Troubleshoot tab)`);
  return parts.join(' ');
}

function diagnosisBlocks(diagnosis: Diagnosis): string[] {
  const blocks = [
    `**${escapeText(diagnosis.title)}** (cause ${codeSpan(diagnosis.cause)}, confidence ${diagnosis.confidence})`,
    escapeText(diagnosis.explanation),
  ];
  if (diagnosis.detail !== undefined) blocks.push(escapeText(diagnosis.detail));
  if (diagnosis.evidence.length > 0) {
    blocks.push(table(['Evidence', 'Value'], diagnosis.evidence.map((item) => [cell(item.label), cell(item.value)])));
  }
  if (diagnosis.steps.length > 0) blocks.push('Next steps, most likely first:', diagnosis.steps.map(stepLine).join('\n'));
  if (diagnosis.alternatives !== undefined && diagnosis.alternatives.length > 0) {
    blocks.push(`Also fits the evidence: ${diagnosis.alternatives.map(codeSpan).join(', ')}.`);
  }
  return blocks;
}

export function diagnosisSection(input: SupportReportInput): string[] {
  const heading = '## Diagnosis';
  if (input.diagnosis !== undefined) return [heading, ...diagnosisBlocks(input.diagnosis)];
  if (input.error !== undefined) {
    return [heading, `The app did not diagnose this failure (${codeSpan(input.error.code)}); the checklist below shows what it measured.`];
  }
  return [heading, 'No failure was given for this report; the checklist below shows what the app measured.'];
}
